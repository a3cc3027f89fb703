import type { CollectionConfig } from 'payload'

import { isEditor, publicOrStaff } from './access/index.ts'
import { provenanceField } from './fields/provenance.ts'
import { publishedPostCount } from './fields/publishedPostCount.ts'
import { slug } from './fields/slug.ts'
import { validateWebUrl } from './fields/validators.ts'
import { publicReadLimits } from './hooks/publicReadLimits.ts'
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
export const Sources: CollectionConfig = {
  slug: slugs.sources,
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'kind', 'website', 'updatedAt'],
    listSearchableFields: ['name', 'slug'],
    group: 'Content',
  },
  defaultSort: 'name',
  // What a post carries of its source when populated: what a front end shows.
  defaultPopulate: { name: true, slug: true, website: true },
  trash: true,
  access: {
    read: publicOrStaff,
    create: isEditor,
    update: isEditor,
    delete: isEditor,
    readVersions: isEditor,
  },
  hooks: { beforeOperation: [publicReadLimits] },
  fields: [
    { name: 'name', type: 'text', required: true, unique: true, index: true },
    slug({ useAsSlug: 'name' }),
    {
      name: 'kind',
      type: 'select',
      options: SOURCE_KINDS,
      admin: { position: 'sidebar' },
    },
    { name: 'website', type: 'text', validate: validateWebUrl },
    publishedPostCount({ on: 'sources' }),
    provenanceField(),
  ],
}
