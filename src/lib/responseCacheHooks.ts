import type { BaseDatabaseAdapter, PayloadRequest, RequestContext } from 'payload'

import { slugs } from '../../collections/slugs.ts'
import { bumpContentVersion } from './responseCache.ts'

/** Collections whose documents appear in anonymous answers, directly or populated. */
const PUBLIC_COLLECTIONS = new Set<string>([
  slugs.posts,
  slugs.digests,
  slugs.authors,
  slugs.sources,
  slugs.media,
])

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
  if (!PUBLIC_COLLECTIONS.has(collection.slug)) return false
  const versions = collection.versions as { drafts?: unknown } | undefined
  const draftSaves = (context as { workflowDraftSave?: Record<string, boolean> } | undefined)
    ?.workflowDraftSave
  return !(versions?.drafts && draftSaves?.[collection.slug] === true)
}

type TransactionId = number | string

const KEY = Symbol.for('newsroom.responseCacheDirtyTransactions')
/** Transactions that changed a document and have not committed yet. */
const dirtyTransactions = (): Set<TransactionId> => {
  const global = globalThis as { [KEY]?: Set<TransactionId> }
  global[KEY] ??= new Set()
  return global[KEY]
}

/**
 * A collection hook (afterChange, afterDelete) that marks cached responses out of date. A write
 * outside a transaction is visible once the hook runs. A write inside one is not visible until
 * it commits (a read in between still sees the old data), so its transaction is remembered and
 * the cache is marked out of date again at commit.
 */
export const invalidateResponses = async <
  T extends { doc?: unknown; req: PayloadRequest; collection?: HookCollection },
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
  return args.doc
}

/**
 * Marks cached responses out of date when a transaction that changed documents commits (the
 * job runner's bookkeeping transactions change none and leave the cache alone), and once now:
 * a new Payload instance may be looking at another database than the last one in this process.
 */
export const invalidateResponsesOnCommit = (
  db: Pick<BaseDatabaseAdapter, 'commitTransaction' | 'rollbackTransaction'>,
) => {
  bumpContentVersion()
  const commit = db.commitTransaction.bind(db)
  const rollback = db.rollbackTransaction.bind(db)
  db.commitTransaction = async (incoming) => {
    const id = await incoming
    try {
      await commit(id)
    } finally {
      if (dirtyTransactions().delete(id)) bumpContentVersion()
    }
  }
  db.rollbackTransaction = async (incoming) => {
    const id = await incoming
    dirtyTransactions().delete(id)
    await rollback(id)
  }
}
