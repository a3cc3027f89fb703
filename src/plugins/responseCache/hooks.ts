import type { PayloadRequest, RequestContext } from 'payload'

import { isPublicCollection } from '../../../collections/slugs.ts'
import { isDraftSaveOf } from '../../../collections/workflow/hooks.ts'
import { sharedInProcess } from '../../../lib/processState.ts'
import { changeDependencies, EVERYTHING } from '../../../lib/cacheDependencies.ts'
import { uniqueFieldsOfCollection } from '../uniqueFields.ts'
import { journalTransactionEnded, recordChange } from './changes.ts'
import { contentChanged } from './store.ts'

type HookCollection = {
  slug: string
  versions?: unknown
  flattenedFields?: readonly { name: string; unique?: boolean; localized?: boolean }[]
}

/**
 * Whether a write can change what anonymous readers are answered. Staff-only collections
 * (users, the workflow trail, preview links) cannot. Nor can a draft save: it writes a
 * version, and readers get the published document, which it leaves alone (the workflow's
 * `rememberDraftSave` hook notes which operations are draft saves). With editors saving
 * drafts all day, the cache then lasts from one publish to the next instead of one save.
 */
export const changesPublicAnswers = ({
  collection,
  context,
}: {
  collection?: HookCollection
  context?: RequestContext
}): boolean => {
  if (!collection) return true
  if (!isPublicCollection(collection.slug)) return false
  const versions = collection.versions as { drafts?: unknown } | undefined
  return !(versions?.drafts && isDraftSaveOf({ context, collection: collection.slug }))
}

type TransactionId = number | string

type Changed = string[] | typeof EVERYTHING

/** Transactions that changed documents and have not committed yet, and what they changed. */
const dirtyTransactions = (): Map<TransactionId, Changed> =>
  sharedInProcess('responseCacheDirtyTransactions', () => new Map<TransactionId, Changed>())

/** What a hook's write changed (lib/cacheDependencies.ts); everything without a collection. */
const changedBy = (args: {
  collection?: HookCollection
  id?: number | string
  doc?: unknown
  previousDoc?: unknown
}): Changed => {
  const { collection } = args
  if (!collection) return EVERYTHING
  const id = args.id ?? (args.doc as { id?: number | string } | undefined)?.id
  return changeDependencies({
    collection: collection.slug,
    id,
    docs: [args.doc, args.previousDoc],
    unique: uniqueFieldsOfCollection({ flattenedFields: collection.flattenedFields ?? [] }),
  })
}

const merge = (earlier: Changed | undefined, later: Changed): Changed =>
  earlier === EVERYTHING || later === EVERYTHING ? EVERYTHING : [...(earlier ?? []), ...later]

/**
 * A collection hook (afterChange, afterDelete) that drops the cached answers the write changes:
 * those that depend on the document, and the lists of its collection. A write outside a
 * transaction is visible once the hook runs. A write inside one is not visible until it commits
 * (a read in between still sees the old data), so its transaction is remembered with what it
 * changed, and those answers are dropped again when it commits (`transactionEnded`). Other
 * instances are told through the journal of content changes, written in the same transaction
 * (changes.ts).
 */
export const invalidateResponses = async <
  T extends {
    doc?: unknown
    previousDoc?: unknown
    id?: number | string
    req: PayloadRequest
    collection?: HookCollection
  },
>(
  args: T,
): Promise<T['doc']> => {
  const isDelete = !('operation' in args)
  if (
    !isDelete &&
    !changesPublicAnswers({ collection: args.collection, context: args.req.context })
  ) {
    return args.doc
  }
  const changed = changedBy(args)
  contentChanged(changed)
  const id = await args.req.transactionID
  if (id !== undefined && id !== null) {
    const dirty = dirtyTransactions()
    dirty.set(id, merge(dirty.get(id), changed))
  }
  // Other instances learn of it through the database, when (and if) this write commits.
  if (args.collection && isPublicCollection(args.collection.slug)) {
    await recordChange({
      req: args.req,
      collection: args.collection.slug,
      id: args.id ?? (args.doc as { id?: number | string } | undefined)?.id,
    })
  }
  return args.doc
}

/**
 * Told by the database adapter when a transaction ends (see the workaround register's
 * "no-commit-listener"): a committed transaction that changed documents drops the answers it
 * changed; the job runner's bookkeeping transactions change none and leave it alone.
 */
export const transactionEnded = ({
  id,
  isCommitted,
}: {
  id: TransactionId
  isCommitted: boolean
}): void => {
  journalTransactionEnded(id)
  const dirty = dirtyTransactions()
  const changed = dirty.get(id)
  dirty.delete(id)
  if (changed && isCommitted) contentChanged(changed)
}
