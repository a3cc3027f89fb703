import type { CollectionConfig } from 'payload'

import { isEditor, isStaffField, publicOrStaff } from './access/index.ts'
import { provenanceField } from './fields/provenance.ts'
import { publishedPostCount } from './fields/publishedPostCount.ts'
import { slug } from './fields/slug.ts'
import { validateTwitterHandle, validateWebUrl } from './fields/validators.ts'
import { publicReadLimits } from './hooks/publicReadLimits.ts'
import { slugs } from './slugs.ts'

/** Public bylines. Not login accounts: see Users. */
export const Authors: CollectionConfig = {
  slug: slugs.authors,
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'slug', 'twitter', 'updatedAt'],
    listSearchableFields: ['name', 'slug'],
    group: 'Content',
  },
  defaultSort: 'name',
  // What a post carries of its author when populated: what a front end shows.
  defaultPopulate: { name: true, slug: true },
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
    { name: 'bio', type: 'textarea' },
    {
      name: 'twitter',
      type: 'text',
      label: 'Twitter handle',
      validate: validateTwitterHandle,
      admin: { description: 'Without the "@".' },
    },
    { name: 'website', type: 'text', validate: validateWebUrl },
    {
      name: 'email',
      type: 'email',
      access: { read: isStaffField },
      admin: { description: 'Visible to staff only.' },
    },
    publishedPostCount({ on: 'author' }),
    provenanceField(),
  ],
}
