import config from '@payload-config'
import { getPayload } from 'payload'

import { slugs } from '../../../../collections/slugs.ts'
import { withTimeout } from '../../../lib/timeout.ts'

export const dynamic = 'force-dynamic'

const INIT_TIMEOUT_MS = 15_000
const QUERY_TIMEOUT_MS = 5_000

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
