import type { CollectionConfig, Field } from 'payload'

import { DATE_FORMAT } from '../../lib/dates.ts'
import { isEditor, isStaff, publishedOrStaff } from '../access/index.ts'
import { publicReadLimits } from '../hooks/publicReadLimits.ts'
import { provenanceField } from './provenance.ts'
import { slug } from './slug.ts'

/**
 * A calendar date picked by day, shown as "3 Dec 2026" (lib/dates.ts's DATE_FORMAT) in the field
 * and in list columns.
 */
export const dayField = ({
  name,
  label,
  isIndexed = true,
}: {
  name: string
  label?: string
  isIndexed?: boolean
}): Field => ({
  name,
  type: 'date',
  ...(label ? { label } : {}),
  index: isIndexed,
  admin: { date: { pickerAppearance: 'dayOnly', displayFormat: DATE_FORMAT } },
})

/**
 * What published content (posts, digests) has in common: a title and slug, drafts with
 * versions, the trash, anonymous readers limited to published documents, an index that answers
 * the public list (published, not trashed, newest first) without reading the rows, and the
 * import provenance last. `fields` come between the slug and the provenance.
 */
export const publishableCollection = ({
  slug: collectionSlug,
  dateField,
  admin,
  fields,
}: {
  slug: string
  /** The date public lists sort by, newest first. */
  dateField: string
  admin: Pick<NonNullable<CollectionConfig['admin']>, 'defaultColumns' | 'listSearchableFields'>
  fields: Field[]
}): CollectionConfig => ({
  slug: collectionSlug,
  admin: { useAsTitle: 'title', group: 'Content', ...admin },
  defaultSort: `-${dateField}`,
  indexes: [{ fields: ['_status', 'deletedAt', dateField] }],
  trash: true,
  // Drafts are validated too: without it a draft save let a bad date through to the database (500).
  versions: { drafts: { schedulePublish: true, validate: true }, maxPerDoc: 50 },
  access: {
    read: publishedOrStaff,
    create: isStaff,
    delete: isEditor,
    readVersions: isStaff,
  },
  hooks: { beforeOperation: [publicReadLimits] },
  fields: [{ name: 'title', type: 'text', required: true }, slug(), ...fields, provenanceField()],
})
