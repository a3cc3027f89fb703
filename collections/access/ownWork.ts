import type { Access, CollectionSlug, PayloadRequest, Where } from 'payload'

import { canPublish, isStaffUser } from '../../lib/roles.ts'
import { idOf } from '../../lib/values.ts'
import { publishedAndNotTrashed } from './index.ts'

/**
 * What a contributor reads of the reviewed collections (posts, digests): their own work in
 * every state, and of everyone else's only what is live, the way Ghost's and Strapi's author
 * roles work. Editors and admins read everything; anonymous callers only what is published.
 *
 * "Their own" means the documents whose **latest version** names them as owner. The main row
 * is not asked: Payload writes a draft save only to the versions table, so the main row of a
 * never-published draft keeps its create-time owner (an imported draft an editor then assigned
 * to a writer still has none there).
 */

type DocumentId = number | string

/** A filter no document passes (ids are never null). */
export const NO_DOCUMENT: Where = { id: { exists: false } }

/**
 * Ids of the documents of `collection` whose latest version the request's user owns, from one
 * indexed query of the versions table. Empty for anonymous callers.
 */
export const ownDocumentIds = async ({
  req,
  collection,
}: {
  req: PayloadRequest
  collection: CollectionSlug
}): Promise<DocumentId[]> => {
  if (!req.user) return []
  const { docs } = await req.payload.db.findVersions({
    collection,
    where: { and: [{ latest: { equals: true } }, { 'version.owner': { equals: req.user.id } }] },
    select: { parent: true },
    pagination: false,
    limit: 0,
    req,
  })
  return [...new Set(docs.map((doc) => idOf(doc.parent) as DocumentId))]
}

/** True when the request's user owns the latest version of this document. */
export const isOwnDocument = async ({
  req,
  collection,
  id,
}: {
  req: PayloadRequest
  collection: CollectionSlug
  id: DocumentId
}): Promise<boolean> =>
  (await ownDocumentIds({ req, collection })).some((own) => String(own) === String(id))

/** Contributors: the ids they own, else nothing. True for editors and admins, false otherwise. */
const contributorScope = async ({
  req,
  collection,
}: {
  req: PayloadRequest
  collection: CollectionSlug
}): Promise<boolean | DocumentId[]> => {
  if (canPublish(req.user)) return true
  if (!isStaffUser(req.user)) return false
  return ownDocumentIds({ req, collection })
}

/**
 * `read` of a reviewed collection. Payload applies the filter to the main rows (lists, counts,
 * by id) and, with `draft`, to the latest versions; by id with `draft` it then swaps in the
 * pending draft only where the filter passes on that draft, so someone else's live document
 * is read as it is live. Lists with `draft` are completed by `contributorDraftLists`.
 */
export const ownOrPublished =
  (collection: CollectionSlug): Access =>
  async ({ req }) => {
    const scope = await contributorScope({ req, collection })
    if (scope === true) return true
    if (scope === false || scope.length === 0) return publishedAndNotTrashed
    return { or: [publishedAndNotTrashed, { id: { in: scope } }] }
  }

/**
 * `readVersions` of a reviewed collection: the history of their own documents only, for every
 * version of someone else's document may be a draft. Anonymous callers get none (403).
 */
export const ownVersions =
  (collection: CollectionSlug): Access =>
  async ({ req }) => {
    const scope = await contributorScope({ req, collection })
    if (typeof scope === 'boolean') return scope
    return scope.length === 0 ? NO_DOCUMENT : { parent: { in: scope } }
  }

/**
 * `read` of the workflow trail: a contributor sees the entries of their own documents only.
 * Entries of others' documents carry the title and notes of drafts under review, even when an
 * older version of the document is live.
 */
export const ownWorkflowEvents =
  (collections: readonly CollectionSlug[]): Access =>
  async ({ req }) => {
    if (canPublish(req.user)) return true
    if (!isStaffUser(req.user)) return false
    const keys = (
      await Promise.all(
        collections.map(async (collection) =>
          (await ownDocumentIds({ req, collection })).map((id) => `${collection}:${id}`),
        ),
      )
    ).flat()
    return keys.length === 0 ? NO_DOCUMENT : { documentKey: { in: keys } }
  }
