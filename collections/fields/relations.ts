import {
  ValidationError,
  type CollectionConfig,
  type CollectionSlug,
  type FieldHook,
  type PayloadRequest,
} from 'payload'

import { mapFields } from './mapFields.ts'

type Id = number | string

/** The ids a relationship value holds, whether ids or populated documents. */
const idsOf = (value: unknown): Id[] =>
  (Array.isArray(value) ? (value as unknown[]) : [value])
    .map((entry): unknown =>
      entry && typeof entry === 'object' && 'id' in entry ? entry.id : entry,
    )
    .filter((id): id is Id => typeof id === 'number' || (typeof id === 'string' && id !== ''))

const missingIds = async ({
  collection,
  ids,
  req,
}: {
  collection: CollectionSlug
  ids: Id[]
  req: PayloadRequest
}): Promise<Id[]> => {
  // The adapter, not the Local API: no access rules or hooks, and the trash counts as existing.
  const { docs } = await req.payload.db.find({
    collection,
    where: { id: { in: ids } },
    pagination: false,
    limit: 0,
    select: { id: true },
    req,
  })
  const found = new Set(docs.map((doc) => String(doc.id)))
  return ids.filter((id) => !found.has(String(id)))
}

/** The `context` key of a write's `KnownDocuments`. */
export const KNOWN_DOCUMENTS = 'knownDocuments'

/**
 * Documents a writer has just read or written itself, by collection, as `String(id)`: given in
 * a write's `context[KNOWN_DOCUMENTS]`, they are taken to exist without asking the database.
 * The importer gives the authors, sources, topics and posts it found or wrote in its run, so
 * a post's author, sources and topics cost no query each; any other id is still looked up.
 */
export type KnownDocuments = ReadonlyMap<string, ReadonlySet<string>>

/**
 * Refuses, with a 400 naming the field, a relationship to a document that does not exist.
 * Without it SQLite answers with a foreign-key failure (a 500) and MongoDB stores the
 * dangling id. Runs on drafts too, which Payload's validation skips.
 */
export const relatedDocumentsExist: FieldHook = async (args) => {
  const { field, req, path, collection, context } = args
  const value: unknown = args.value
  if (field.type !== 'relationship' && field.type !== 'upload') return value
  if (typeof field.relationTo !== 'string') return value
  const known = (context?.[KNOWN_DOCUMENTS] as KnownDocuments | undefined)?.get(field.relationTo)
  const ids = idsOf(value).filter((id) => !known?.has(String(id)))
  if (ids.length === 0) return value
  const missing = await missingIds({ collection: field.relationTo, ids, req })
  if (missing.length === 0) return value
  const fieldPath = (path ?? [field.name]).join('.')
  throw new ValidationError({
    collection: collection?.slug,
    errors: [
      {
        path: fieldPath,
        message: `${field.relationTo} ${missing.map((id) => `"${id}"`).join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist`,
      },
    ],
    req,
  })
}

/** The collection with every relationship checked on save (see `relatedDocumentsExist`). */
export const checkRelations = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  fields: mapFields(collection.fields, (field) => {
    if (field.type !== 'relationship' && field.type !== 'upload') return field
    const hooks = field.hooks ?? {}
    return {
      ...field,
      hooks: { ...hooks, beforeChange: [...(hooks.beforeChange ?? []), relatedDocumentsExist] },
    }
  }),
})
