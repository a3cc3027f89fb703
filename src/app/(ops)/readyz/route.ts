import config from '@payload-config'
import { getPayload, type Payload } from 'payload'

import { slugs } from '../../../../collections/slugs.ts'
import { LOCKED_REASON, unavailableReason } from '../../../lib/clientErrors.ts'
import { withTimeout } from '../../../lib/timeout.ts'

export const dynamic = 'force-dynamic'

const INIT_TIMEOUT_MS = 15_000
const QUERY_TIMEOUT_MS = 5_000
const WRITE_PROBE_MS = 3_000
const READYZ_KEY = 'newsroom:readyz'

/**
 * Whether the database takes a write now. First the write lock: a transaction opened and
 * rolled back (a SQLite file locked by another process shows here); then a real write, one
 * small key in Payload's key-value store (a read-only file or a full disk shows only when
 * something is written). Returns the reason writes would fail, or null. A lock probe that
 * outlives its timeout is rolled back when it ends.
 */
const writeProblem = async (payload: Payload): Promise<string | null> => {
  const begun = Promise.resolve(payload.db.beginTransaction())
  try {
    const id = await withTimeout({
      promise: begun,
      ms: WRITE_PROBE_MS,
      what: 'waiting for the database write lock',
    })
    if (id !== null) await payload.db.rollbackTransaction(id)
    await withTimeout({
      promise: payload.kv.set(READYZ_KEY, { checkedAt: new Date().toISOString() }),
      ms: WRITE_PROBE_MS,
      what: 'writing to the database',
    })
    return null
  } catch (err) {
    void begun
      .then((id) => (id === null ? undefined : payload.db.rollbackTransaction(id)))
      .catch(() => undefined)
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
    const message = err instanceof Error ? err.message : String(err)
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
