import config from '@payload-config'
import { getPayload, type Payload } from 'payload'

import { slugs } from '../../../../collections/slugs.ts'
import {
  innermostMessage,
  LOCKED_REASON,
  unavailableReason,
} from '../../../../lib/databaseErrors.ts'
import { withTimeout } from '../../../../lib/timeout.ts'

export const dynamic = 'force-dynamic'

const INIT_TIMEOUT_MS = 15_000
const QUERY_TIMEOUT_MS = 5_000
const WRITE_PROBE_MS = 3_000
const READYZ_KEY = 'newsroom:readyz'

/**
 * Whether the database takes a write now: one small key written to Payload's key-value store
 * inside a transaction, then committed. Waiting for the transaction shows a SQLite file locked
 * by another process; the write and its commit show a read-only file or a full disk. The write
 * goes through a transaction, queued with every other write of this process, on purpose: a bare
 * write (Payload's `kv.set`) that met a busy database left its statement open on SQLite's
 * shared connection, and the next transaction on that connection then failed to commit ("SQL
 * statements in progress"). Returns the reason writes would fail, or null. A probe that outlives
 * its timeout is rolled back when it ends.
 */
const writeProblem = async (payload: Payload): Promise<string | null> => {
  const begun = Promise.resolve(payload.db.beginTransaction())
  let isEnded = false
  const write = async (id: number | string | null) => {
    const data = { key: READYZ_KEY, data: { checkedAt: new Date().toISOString() } }
    if (id === null) {
      // No transactions here (MongoDB without a replica set): a plain write.
      await payload.kv.set(data.key, data.data)
      return
    }
    await payload.db.upsert({
      collection: 'payload-kv',
      data,
      where: { key: { equals: READYZ_KEY } },
      req: { transactionID: id },
      select: {},
    })
    isEnded = true
    await payload.db.commitTransaction(id)
  }
  try {
    const id = await withTimeout({
      promise: begun,
      ms: WRITE_PROBE_MS,
      what: 'waiting for the database write lock',
    })
    await withTimeout({ promise: write(id), ms: WRITE_PROBE_MS, what: 'writing to the database' })
    return null
  } catch (err) {
    if (!isEnded) {
      void begun
        .then((id) => (id === null ? undefined : payload.db.rollbackTransaction(id)))
        .catch(() => undefined)
    }
    const message = err instanceof Error ? err.message : String(err)
    return unavailableReason(err) ?? (/timed out/.test(message) ? LOCKED_REASON : message)
  }
}

/**
 * Readiness: Payload initialised and the database answering a query. 503 with the reason
 * otherwise. Initialising here also starts Payload's job crons in the long-running server.
 */
export const GET = async (): Promise<Response> => {
  const headers = { 'cache-control': 'no-store' }
  try {
    const payload = await withTimeout({
      promise: getPayload({ config, cron: true }),
      ms: INIT_TIMEOUT_MS,
      what: 'starting Payload',
    })
    await withTimeout({
      promise: payload.count({ collection: slugs.users, overrideAccess: true }),
      ms: QUERY_TIMEOUT_MS,
      what: 'querying the database',
    })
    const problem = await writeProblem(payload)
    if (problem) {
      // Reads are still served; writes answer 503 with the same reason until this clears.
      return Response.json(
        {
          status: 'degraded',
          database: payload.db.name,
          reads: 'ok',
          writes: `refused: ${problem}`,
          reason: `writes refused: ${problem}`,
        },
        { status: 503, headers },
      )
    }
    return Response.json({ status: 'ready', database: payload.db.name }, { headers })
  } catch (err) {
    // Drizzle wraps the driver's error ("Failed query: …"); the driver's says what happened.
    const message = innermostMessage(err)
    // Adapters nest their messages ("Error: cannot connect to MongoDB: Error: … Details: x").
    const reason = message.includes('Details: ')
      ? message.slice(message.lastIndexOf('Details: ') + 'Details: '.length)
      : message.replace(/^(Error: )+/, '')
    return Response.json(
      { status: 'unavailable', reason: `database not reachable: ${reason}` },
      { status: 503, headers },
    )
  }
}
