import {
  validateQueryPaths,
  type CollectionAfterOperationHook,
  type CollectionBeforeOperationHook,
  type JoinQuery,
  type Where,
} from 'payload'

import { canPublish, isStaffUser } from '../../lib/roles.ts'
import { ownDocumentIds } from '../access/ownWork.ts'

type ListArgs = {
  id?: unknown
  where?: Where
  draft?: boolean
  overrideAccess?: boolean
  trash?: boolean
  depth?: number
  currentDepth?: number
  select?: Record<string, unknown>
  populate?: Record<string, unknown>
  showHiddenFields?: boolean
  joins?: JoinQuery
}

type Doc = { id: number | string; _isLocked?: unknown; _userEditing?: unknown }

/** Lists this hook rewrote, with the ids of the contributor's own documents they may hold. */
const ownOnPage = new WeakMap<object, Set<string>>()

/**
 * Marks the one query `contributorDraftListsAfter` makes, which `contributorDraftListsBefore`
 * must leave as it is: a symbol key, so it is no field to any check and survives copies.
 */
const LATEST_OF_OWN = Symbol('latestOfOwnDocuments')

const isContributor = (user: unknown): boolean => isStaffUser(user) && !canPublish(user)

/**
 * A contributor's list with `draft`: each of their own documents as its latest version, each
 * of everyone else's as it is live.
 *
 * With `draft`, Payload lists the latest version of every document, and a filter on that version
 * cannot stand for the live one: someone else's published post with a pending draft would drop
 * out of the list (the read filter keeps it from leaking). So the list is read from the main rows,
 * which hold what is live, and the contributor's own documents are found by their latest version:
 * first the ids of those whose latest version matches the caller's `where`, then one query of
 * the main rows for "anyone else's, matching `where`" or "one of those ids". Counts and pages
 * stay exact, and `where` is only ever tested against what the caller may read. Sorting places
 * one's own documents by their main row (their last published or created state).
 */
export const contributorDraftListsBefore: CollectionBeforeOperationHook = async ({
  args,
  collection,
  operation,
  req,
}) => {
  const list = args as ListArgs
  // `read` is find, findByID and the version reads; only find has draft and no id.
  const isDraftList = operation === 'read' && list.id === undefined && list.draft === true
  if (!isDraftList || list.overrideAccess === true || !isContributor(req.user)) return args
  if (list.where && LATEST_OF_OWN in list.where) return args
  const slug = collection.slug
  const ownIds = await ownDocumentIds({ req, collection: slug })
  if (ownIds.length === 0) return { ...args, draft: false }

  // The ids are read with access overridden: first refuse, as the list itself will, a `where` on
  // fields the contributor may not read, so no such field is ever tested.
  if (list.where) {
    await validateQueryPaths({
      collectionConfig: collection,
      overrideAccess: false,
      req,
      where: list.where,
    })
  }
  const { docs: matching } = await req.payload.find({
    collection: slug,
    draft: true,
    where: { and: [...(list.where ? [list.where] : []), { id: { in: ownIds } }] },
    select: {},
    depth: 0,
    pagination: false,
    trash: list.trash,
    overrideAccess: true,
    req,
  })
  const others: Where = {
    and: [...(list.where ? [list.where] : []), { id: { not_in: ownIds } }],
  }
  const where: Where =
    matching.length === 0 ? others : { or: [others, { id: { in: matching.map((doc) => doc.id) } }] }
  const rewritten = { ...args, draft: false, where }
  ownOnPage.set(rewritten, new Set(matching.map((doc) => String(doc.id))))
  return rewritten
}

/**
 * Puts the latest version of the contributor's own documents in place of their main rows in a
 * list `contributorDraftListsBefore` rewrote, all read in one query as Payload reads drafts (same
 * depth, select and access).
 */
export const contributorDraftListsAfter: CollectionAfterOperationHook = async ({
  args,
  collection,
  operation,
  req,
  result,
}) => {
  const own = operation === 'find' ? ownOnPage.get(args) : undefined
  if (!own || own.size === 0) return result
  const list = args as ListArgs
  const page = result as { docs: Doc[] }
  const ids = page.docs.filter((doc) => own.has(String(doc.id))).map((doc) => doc.id)
  if (ids.length === 0) return result
  const where: Where & { [LATEST_OF_OWN]?: true } = { id: { in: ids } }
  where[LATEST_OF_OWN] = true
  const { docs: latest } = await req.payload.find({
    collection: collection.slug,
    where,
    draft: true,
    depth: list.depth,
    currentDepth: list.currentDepth,
    select: list.select,
    populate: list.populate,
    showHiddenFields: list.showHiddenFields,
    joins: list.joins,
    trash: list.trash,
    pagination: false,
    overrideAccess: false,
    req,
  })
  const byId = new Map(latest.map((doc) => [String(doc.id), doc as Doc]))
  const docs = page.docs.map((doc) => {
    const draft = byId.get(String(doc.id))
    if (!draft) return doc
    // Lock status is worked out for the list's rows only.
    return '_isLocked' in doc
      ? { ...draft, _isLocked: doc._isLocked, _userEditing: doc._userEditing }
      : draft
  })
  return { ...page, docs }
}
