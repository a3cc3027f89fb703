import type { CollectionConfig } from 'payload'

import { languageField, tagsField, topicsField } from './fields/classification.ts'
import { dayField, publishableCollection } from './fields/publishable.ts'
import { slugs } from './slugs.ts'

/** Weekly digests: numbered issues made of short items, some under a section heading. */
export const Digests: CollectionConfig = publishableCollection({
  slug: slugs.digests,
  dateField: 'issueDate',
  admin: {
    defaultColumns: [
      'title',
      'issueNumber',
      'issueDate',
      'stage',
      '_status',
      'scheduledFor',
      'updatedAt',
    ],
    listSearchableFields: ['title', 'slug'],
  },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'issueNumber',
          type: 'number',
          unique: true,
          index: true,
          min: 1,
          admin: { step: 1, description: 'Unique when present.' },
          // A copy is another issue: its number is left for the editor to give.
          hooks: { beforeDuplicate: [() => null] },
        },
        dayField({ name: 'issueDate' }),
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'author', type: 'relationship', relationTo: slugs.authors, index: true },
        { name: 'sources', type: 'relationship', relationTo: slugs.sources, hasMany: true },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'credit',
          type: 'text',
          label: 'Credit line',
          admin: { description: 'As printed, e.g. "Iran Interlink, October 19 2019".' },
        },
        dayField({ name: 'postedAt', label: 'Posted here' }),
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'series',
          type: 'text',
          index: true,
          admin: { description: 'e.g. "Iran Interlink Weekly Digest".' },
        },
        languageField(),
      ],
    },
    topicsField(),
    tagsField(),
    { name: 'excerpt', type: 'textarea' },
    { name: 'intro', type: 'richText' },
    {
      name: 'items',
      type: 'array',
      labels: { singular: 'Item', plural: 'Items' },
      admin: {
        initCollapsed: true,
        // Collapsed rows read as their heading and first words, not "Item 01…08".
        components: { RowLabel: '/components/DigestItemLabel.tsx#DigestItemLabel' },
      },
      fields: [
        {
          name: 'heading',
          type: 'text',
          label: 'Section heading',
          admin: { description: 'e.g. "In English"; repeat it on each item of the section.' },
        },
        { name: 'body', type: 'richText', required: true },
        {
          type: 'row',
          fields: [
            { name: 'post', type: 'relationship', relationTo: slugs.posts },
            { name: 'source', type: 'relationship', relationTo: slugs.sources },
            languageField({ isIndexed: false }),
          ],
        },
      ],
    },
    { name: 'relatedPosts', type: 'relationship', relationTo: slugs.posts, hasMany: true },
  ],
})
