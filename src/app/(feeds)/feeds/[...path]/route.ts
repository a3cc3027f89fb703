import config from '@payload-config'
import { getPayload } from 'payload'

import { feedResponse } from '../../../../endpoints/feeds.ts'

export const dynamic = 'force-dynamic'

/**
 * The feeds (src/endpoints/feeds.ts), from Next until Payload has started: after that the Express
 * server answers `GET /feeds/*` itself (src/server/middleware/payloadApi.ts).
 */
export const GET = async (
  _request: Request,
  { params }: { params: Promise<{ path: string[] }> },
): Promise<Response> =>
  feedResponse({ payload: await getPayload({ config }), path: (await params).path })
