import crypto from 'node:crypto'

import type { Payload, PayloadRequest } from 'payload'

import { slugs } from '../../../collections/slugs.ts'
import { sharedInProcess } from '../../../lib/processState.ts'
import { innermostMessage, unavailableReason } from '../../../lib/databaseErrors.ts'
import { onShutdown } from '../../lifecycle.ts'
import { bumpContentVersion, isCacheOn, setBlind } from './store.ts'

/**
 * Cache invalidation across instances, through the database they share. Each write that
 * changes what anonymous readers get adds a row to `content-changes` in its own transaction
 * (so a rolled-back write signals nothing, and a committed one cannot be lost); every instance
 * looks at the rows other instances wrote twice a second and, when they changed, drops its
 * cached answers. Works the same on SQLite files shared by processes, PostgreSQL and MongoDB,
 * with no extra service. While an instance cannot read the journal, it answers nothing from its
 * cache.
 */

/** How often an instance looks for other instances' writes. */
export const CHANGE_POLL_MS = 500
/** Rows older than this are deleted (a reader only needs the newest ones). */
const KEEP_CHANGES_MS = 60 * 60_000
const PRUNE_EVERY_MS = 10 * 60_000

/** This process, as named in the rows it writes (one response cache per process). */
export const instanceId = (): string =>
  sharedInProcess('responseCacheInstance', () => crypto.randomUUID())

/** Open transactions that already added their journal row. */
const journaledTransactions = (): Set<number | string> =>
  sharedInProcess('responseCacheJournaledTransactions', () => new Set<number | string>())

/** Told when a transaction ends (hooks.ts, `transactionEnded`): a later one needs its own row. */
export const journalTransactionEnded = (id: number | string): void => {
  journaledTransactions().delete(id)
}

/**
 * Adds the journal row for a write of `collection`'s document `id`, in the write's transaction:
 * one per transaction, the first write's. Other instances only need to see that the journal
 * changed when the transaction commits (`othersSignature`), so more rows for the other documents
 * of one transaction (an import batch writes 50) would tell them nothing more.
 */
export const recordChange = async ({
  req,
  collection,
  id,
}: {
  req: PayloadRequest
  collection: string
  id?: number | string
}): Promise<void> => {
  const transactionID = await req.transactionID
  const isInTransaction = transactionID !== undefined && transactionID !== null
  if (isInTransaction && journaledTransactions().has(transactionID)) return
  await req.payload.db.create({
    collection: slugs.contentChanges,
    data: {
      changedCollection: collection,
      documentId: id === undefined ? null : String(id),
      instance: instanceId(),
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    },
    req,
  })
  if (isInTransaction) journaledTransactions().add(transactionID)
}

type OthersChanged = (payload: Payload) => void

const othersChangedListeners = (): Set<OthersChanged> =>
  sharedInProcess('responseCacheOthersChanged', () => new Set<OthersChanged>())

/**
 * Calls `listener` whenever this process sees that other instances changed content (or may
 * have, after it could not look): what it keeps in memory about content should be read again.
 */
export const whenOtherInstancesChange = (listener: OthersChanged): void => {
  othersChangedListeners().add(listener)
}

const othersChanged = (payload: Payload) => {
  for (const listener of othersChangedListeners()) listener(payload)
}

/** What other instances have written, in a form that changes whenever they write again. */
const othersSignature = async (payload: Payload): Promise<string> => {
  const where = { instance: { not_equals: instanceId() } }
  const req = {} as PayloadRequest
  const [newest, oldest] = await Promise.all([
    payload.db.find({ collection: slugs.contentChanges, where, sort: '-id', limit: 1, req }),
    // The oldest too: a prune and a late commit at once would leave count and newest alike.
    payload.db.find({
      collection: slugs.contentChanges,
      where,
      sort: 'id',
      limit: 1,
      pagination: false,
      req,
    }),
  ])
  return `${newest.totalDocs}:${newest.docs[0]?.id ?? ''}:${oldest.docs[0]?.id ?? ''}`
}

/** True once Payload's database adapter was destroyed (the poll then stops). */
const isDestroyed = (payload: Payload): boolean =>
  'drizzle' in payload.db && !(payload.db as { drizzle?: unknown }).drizzle

/**
 * Watches the journal for `payload`'s database while the response cache is on: drops this
 * process's cached answers when another instance committed a change, and prunes old rows.
 */
export const watchOtherInstances = (payload: Payload): void => {
  if (!isCacheOn()) return
  let last: string | undefined
  let failing = false
  let lastPrune = 0
  let busy = false
  const poll = async () => {
    if (busy) return
    if (isDestroyed(payload)) {
      clearInterval(timer)
      return
    }
    busy = true
    try {
      const signature = await othersSignature(payload)
      if (failing) {
        // What other instances wrote meanwhile is unknown: everything is dropped once.
        payload.logger.info('content changes of other instances are seen again')
        setBlind(false)
        othersChanged(payload)
      } else if (last !== undefined && signature !== last) {
        bumpContentVersion()
        othersChanged(payload)
      }
      last = signature
      failing = false
      if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
        lastPrune = Date.now()
        await payload.db.deleteMany({
          collection: slugs.contentChanges,
          where: {
            createdAt: { less_than: new Date(Date.now() - KEEP_CHANGES_MS).toISOString() },
          },
          req: {},
        })
      }
    } catch (err) {
      if (isDestroyed(payload)) return
      // Another instance may be writing unseen: nothing is answered from the cache meanwhile.
      if (!failing) {
        payload.logger.warn(
          `cannot see other instances' content changes (the response cache is not used meanwhile): ${unavailableReason(err) ?? innermostMessage(err)}`,
        )
      }
      setBlind(true)
      failing = true
    } finally {
      busy = false
    }
  }
  const timer = setInterval(() => void poll(), CHANGE_POLL_MS)
  timer.unref()
  void poll()
  onShutdown(() => clearInterval(timer))
}
