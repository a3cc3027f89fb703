import type { Payload, PayloadRequest, Where } from 'payload'

import { slugs } from '../../../collections/slugs.ts'
import { searchDocKey, searchRow } from '../../../lib/searchDocument.ts'
import { SEARCH_TEXT_VERSION } from '../../../lib/searchText.ts'

/** The collections search finds. */
export const INDEXED_COLLECTIONS = [slugs.posts, slugs.digests] as const
export type IndexedCollection = (typeof INDEXED_COLLECTIONS)[number]

export const isIndexedCollection = (slug: string): slug is IndexedCollection =>
  (INDEXED_COLLECTIONS as readonly string[]).includes(slug)

type Doc = Record<string, unknown> & { id: number | string }

/** What anonymous readers get: published and not in the trash. */
export const isPublicDocument = (doc: Doc): boolean => doc._status === 'published' && !doc.deletedAt

const publicWhere: Where = {
  and: [{ _status: { equals: 'published' } }, { deletedAt: { exists: false } }],
}

/**
 * Puts the document's row in the index, or takes it out when the document is not public (a
 * draft, an unpublished or trashed one). Written through the adapter with `req`, so in the
 * caller's transaction, and without hooks or access checks (the index is internal).
 */
export const indexDocument = async ({
  payload,
  collection,
  doc,
  req,
}: {
  payload: Payload
  collection: IndexedCollection
  doc: Doc
  req?: Partial<PayloadRequest>
}): Promise<void> => {
  if (!isPublicDocument(doc)) {
    await removeDocument({ payload, collection, id: doc.id, req })
    return
  }
  const row = searchRow({ collection, doc })
  await payload.db.upsert({
    collection: slugs.searchIndex,
    where: { docKey: { equals: row.docKey } },
    data: row,
    req,
    returning: false,
  })
}

/** Takes a document's row out of the index (nothing when it has none). */
export const removeDocument = async ({
  payload,
  collection,
  id,
  req,
}: {
  payload: Payload
  collection: IndexedCollection
  id: number | string
  req?: Partial<PayloadRequest>
}): Promise<void> => {
  await payload.db.deleteMany({
    collection: slugs.searchIndex,
    where: { docKey: { equals: searchDocKey(collection, id) } },
    req,
  })
}

const countIndexed = async (payload: Payload, where: Where = {}) =>
  (await payload.db.count({ collection: slugs.searchIndex, where })).totalDocs

/** How many documents the index should hold: the published, non-trashed ones. */
const countPublic = async (payload: Payload): Promise<number> => {
  let total = 0
  for (const collection of INDEXED_COLLECTIONS) {
    total += (await payload.db.count({ collection, where: publicWhere })).totalDocs
  }
  return total
}

/**
 * Why the index needs rebuilding, or null: it holds another number of rows than there are
 * public documents (a database filled without hooks, e.g. by `db:transfer` or an older
 * version), or rows made by another version of lib/searchText.ts.
 */
export const staleIndexReason = async (payload: Payload): Promise<string | null> => {
  const [indexed, expected, outdated] = await Promise.all([
    countIndexed(payload),
    countPublic(payload),
    countIndexed(payload, {
      or: [
        { textVersion: { not_equals: SEARCH_TEXT_VERSION } },
        { textVersion: { exists: false } },
      ],
    }),
  ])
  if (outdated > 0) return `${outdated} rows were made by another version of the search text rules`
  if (indexed !== expected) return `it holds ${indexed} documents for ${expected} published`
  return null
}

export type ReindexProgress = { collection: IndexedCollection; done: number; total: number }

/** Documents read and written per transaction while rebuilding. */
const BATCH = 250

/**
 * Rebuilds the index from the published documents, a batch per transaction, while search keeps
 * answering: every public document's row is written again, then rows of documents that are no
 * longer public are removed. Returns how many documents are indexed.
 */
export const rebuildSearchIndex = async ({
  payload,
  onProgress,
}: {
  payload: Payload
  onProgress?: (progress: ReindexProgress) => void
}): Promise<{ indexed: number; removed: number }> => {
  const kept = new Set<string>()
  for (const collection of INDEXED_COLLECTIONS) {
    const total = (await payload.db.count({ collection, where: publicWhere })).totalDocs
    let done = 0
    onProgress?.({ collection, done, total })
    for (let page = 1; ; page += 1) {
      const result = await payload.find({
        collection,
        where: publicWhere,
        depth: 0,
        sort: 'id',
        limit: BATCH,
        page,
        overrideAccess: true,
      })
      const docs = result.docs as unknown as Doc[]
      const transactionID = (await payload.db.beginTransaction()) ?? undefined
      const req = transactionID === undefined ? {} : { transactionID }
      try {
        for (const doc of docs) {
          await indexDocument({ payload, collection, doc, req })
          kept.add(searchDocKey(collection, doc.id))
        }
        if (transactionID !== undefined) await payload.db.commitTransaction(transactionID)
      } catch (err) {
        if (transactionID !== undefined) await payload.db.rollbackTransaction(transactionID)
        throw err
      }
      done += docs.length
      onProgress?.({ collection, done, total: Math.max(total, done) })
      if (!result.hasNextPage) break
    }
  }
  const stale: (number | string)[] = []
  for (let page = 1; ; page += 1) {
    const result = await payload.db.find({
      collection: slugs.searchIndex,
      where: {},
      sort: 'id',
      limit: 1000,
      page,
      pagination: true,
      select: { docKey: true },
    })
    for (const row of result.docs as { id: number | string; docKey: string }[]) {
      if (!kept.has(row.docKey)) stale.push(row.id)
    }
    if (!result.hasNextPage) break
  }
  for (let at = 0; at < stale.length; at += 500) {
    await payload.db.deleteMany({
      collection: slugs.searchIndex,
      where: { id: { in: stale.slice(at, at + 500) } },
    })
  }
  return { indexed: kept.size, removed: stale.length }
}
