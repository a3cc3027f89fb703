import type { PayloadRequest, RequestContext } from 'payload'

import { isPublicCollection } from '../../../collections/slugs.ts'
import { isDraftSaveOf } from '../../../collections/workflow/hooks.ts'
import { sharedInProcess } from '../../../lib/processState.ts'
import { recordChange } from './changes.ts'
import { bumpContentVersion } from './store.ts'

type HookCollection = { slug: string; versions?: unknown }

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

/** Transactions that changed a document and have not committed yet. */
const dirtyTransactions = (): Set<TransactionId> =>
  sharedInProcess('responseCacheDirtyTransactions', () => new Set<TransactionId>())

/**
 * A collection hook (afterChange, afterDelete) that marks cached responses out of date. A write
 * outside a transaction is visible once the hook runs. A write inside one is not visible until
 * it commits (a read in between still sees the old data), so its transaction is remembered and
 * the cache is marked out of date again when it ends (`transactionEnded`). Other instances are
 * told through the journal of content changes, written in the same transaction (changes.ts).
 */
export const invalidateResponses = async <
  T extends {
    doc?: unknown
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
  bumpContentVersion()
  const id = await args.req.transactionID
  if (id !== undefined && id !== null) dirtyTransactions().add(id)
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
 * "no-commit-listener"): a committed transaction that changed documents marks the cache out of
 * date; the job runner's bookkeeping transactions change none and leave it alone.
 */
export const transactionEnded = ({
  id,
  isCommitted,
}: {
  id: TransactionId
  isCommitted: boolean
}): void => {
  if (dirtyTransactions().delete(id) && isCommitted) bumpContentVersion()
}
