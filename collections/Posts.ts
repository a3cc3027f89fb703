import type { CollectionConfig } from 'payload'

import { dayField, publishableCollection } from './fields/publishable.ts'
import { slugs } from './slugs.ts'

/** Commentary and press excerpts. Drafts and versions on; anonymous readers see published only. */
export const Posts: CollectionConfig = publishableCollection({
  slug: slugs.posts,
  dateField: 'postedAt',
  admin: {
    defaultColumns: [
      'title',
      'author',
      'sources',
      'postedAt',
      'stage',
      '_status',
      'scheduledFor',
      'updatedAt',
    ],
    listSearchableFields: ['title', 'slug', 'credit', 'creditedWriter'],
  },
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'author', type: 'relationship', relationTo: slugs.authors, index: true },
        {
          name: 'sources',
          type: 'relationship',
          relationTo: slugs.sources,
          hasMany: true,
          index: true,
          admin: { description: 'The outlet(s) the post cites.' },
        },
      ],
    },
    {
      name: 'credit',
      type: 'text',
      label: 'Credit line',
      admin: { description: 'As printed, e.g. "Casey Michel, The New Republic, October 16 2019".' },
    },
    {
      type: 'row',
      fields: [
        { name: 'creditedWriter', type: 'text', label: 'Credited writer' },
        dayField({
          name: 'sourcePublishedAt',
          label: 'Published by the source',
          isIndexed: false,
        }),
        dayField({ name: 'postedAt', label: 'Posted here' }),
      ],
    },
    { name: 'excerpt', type: 'textarea' },
    { name: 'content', type: 'richText' },
  ],
})
