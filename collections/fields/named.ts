import type { CollectionConfig, Field } from 'payload'

import { isEditor, publicOrStaff } from '../access/index.ts'
import { publicReadLimits } from '../hooks/publicReadLimits.ts'
import { provenanceField } from './provenance.ts'
import { publishedPostCount } from './publishedPostCount.ts'
import { slug } from './slug.ts'

/**
 * What the records posts point to (authors, sources) have in common: a unique name and a slug
 * made from it, sorted by name, public unless trashed, edited by editors, the number of
 * published posts that name them, and the import provenance last. `fields` come between the
 * slug and the post count.
 */
export const namedCollection = ({
  slug: collectionSlug,
  countsPostsBy,
  defaultColumns,
  defaultPopulate,
  fields,
}: {
  slug: string
  /** The post field that names this record. */
  countsPostsBy: Parameters<typeof publishedPostCount>[0]['on']
  defaultColumns: string[]
  /** What a post carries of the record when populated: what a front end shows. */
  defaultPopulate: Record<string, true>
  fields: Field[]
}): CollectionConfig => ({
  slug: collectionSlug,
  admin: {
    useAsTitle: 'name',
    defaultColumns,
    listSearchableFields: ['name', 'slug'],
    group: 'Content',
  },
  defaultSort: 'name',
  defaultPopulate,
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
    ...fields,
    publishedPostCount({ on: countsPostsBy }),
    provenanceField(),
  ],
})
