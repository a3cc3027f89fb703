import type { CollectionConfig } from 'payload'

import { namedCollection } from './fields/named.ts'
import { validateWebUrl } from './fields/validators.ts'
import { slugs } from './slugs.ts'

export const SOURCE_KINDS = [
  { label: 'News outlet', value: 'news-outlet' },
  { label: 'Broadcaster', value: 'broadcaster' },
  { label: 'News agency', value: 'news-agency' },
  { label: 'Organisation', value: 'organisation' },
  { label: 'Blog', value: 'blog' },
  { label: 'Think tank', value: 'think-tank' },
  { label: 'Government', value: 'government' },
  { label: 'Other', value: 'other' },
]

/** The outlets posts cite, e.g. "NBC News". */
export const Sources: CollectionConfig = namedCollection({
  slug: slugs.sources,
  countsPostsBy: 'sources',
  defaultColumns: ['name', 'kind', 'website', 'updatedAt'],
  defaultPopulate: { name: true, slug: true, website: true },
  fields: [
    { name: 'kind', type: 'select', options: SOURCE_KINDS, admin: { position: 'sidebar' } },
    { name: 'website', type: 'text', validate: validateWebUrl },
  ],
})
