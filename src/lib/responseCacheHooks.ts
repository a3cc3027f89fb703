import type { BaseDatabaseAdapter } from 'payload'

import { bumpContentVersion } from './responseCache.ts'

/**
 * A collection hook (afterChange, afterDelete) that marks cached responses out of date. Writes
 * outside a transaction are visible once the hook runs; writes inside one are covered again
 * when the transaction commits (below), since a read between hook and commit sees old data.
 */
export const invalidateResponses = <T extends { doc?: unknown }>(args: T): T['doc'] => {
  bumpContentVersion()
  return args.doc
}

/**
 * Marks cached responses out of date after every committed transaction, and once now: a new
 * Payload instance may be looking at another database than the last one in this process.
 */
export const invalidateResponsesOnCommit = (db: Pick<BaseDatabaseAdapter, 'commitTransaction'>) => {
  bumpContentVersion()
  const commit = db.commitTransaction.bind(db)
  db.commitTransaction = async (id) => {
    try {
      await commit(id)
    } finally {
      bumpContentVersion()
    }
  }
}
