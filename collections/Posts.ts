import type { CollectionConfig } from 'payload'

import { languageField, tagsField, topicsField } from './fields/classification.ts'
import { dayField, publishableCollection } from './fields/publishable.ts'
import { validateWebUrls } from './fields/validators.ts'
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
      'topics',
      'language',
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
        {
          name: 'creditedWriter',
          type: 'text',
          label: 'Credited writer',
          admin: { description: 'As the credit line prints it; each writer is listed below.' },
        },
        dayField({
          name: 'sourcePublishedAt',
          label: 'Published by the source',
          isIndexed: false,
        }),
        dayField({ name: 'postedAt', label: 'Posted here' }),
      ],
    },
    {
      name: 'writers',
      type: 'array',
      labels: { singular: 'Writer', plural: 'Writers' },
      admin: {
        description: 'Everyone the credit line names as writing it, in its order.',
        components: { RowLabel: '/components/WriterLabel.tsx#WriterLabel' },
      },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'name', type: 'text', required: true },
            {
              name: 'author',
              type: 'relationship',
              relationTo: slugs.authors,
              admin: { description: 'When the writer is one of our authors.' },
            },
          ],
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'dateline',
          type: 'text',
          admin: { description: 'Where it was written, e.g. "Tirana, Albania".' },
        },
        {
          name: 'originalPublication',
          type: 'text',
          label: 'Original publication',
          admin: { description: 'e.g. "First Published 2005".' },
        },
      ],
    },
    {
      type: 'row',
      fields: [languageField(), topicsField()],
    },
    tagsField(),
    { name: 'excerpt', type: 'textarea' },
    { name: 'content', type: 'richText' },
    {
      name: 'relatedPosts',
      type: 'relationship',
      relationTo: slugs.posts,
      hasMany: true,
      admin: { description: 'Also read: posts shown beside this one.' },
      filterOptions: ({ id }) => (id === undefined ? true : { id: { not_equals: id } }),
    },
    {
      name: 'legacyUrls',
      type: 'text',
      hasMany: true,
      label: 'Old-site addresses',
      validate: validateWebUrls,
      admin: {
        position: 'sidebar',
        description: 'Where this post lived on the old site; redirects lead from these paths.',
      },
    },
  ],
})
