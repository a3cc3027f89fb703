import { APIError, type Endpoint, type PayloadRequest } from 'payload'

import { slugs } from '../slugs.ts'

const signedIn = (req: PayloadRequest) => {
  if (!req.user) throw new APIError('Log in to see your notifications.', 401, undefined, true)
  return req.user
}

const unread = { readAt: { exists: false } } as const

/**
 * `GET /api/notifications/unread-count`: `{ unread }`, the signed-in user's unread count (the
 * bell's number). `POST /api/notifications/mark-all-read`: marks them all read, `{ marked }`.
 * Both with the user's own access, so only their own notifications count.
 */
export const notificationEndpoints: Endpoint[] = [
  {
    path: '/unread-count',
    method: 'get',
    handler: async (req) => {
      const user = signedIn(req)
      const { totalDocs } = await req.payload.count({
        collection: slugs.notifications,
        where: unread,
        overrideAccess: false,
        user,
        req,
      })
      return Response.json({ unread: totalDocs }, { headers: { 'cache-control': 'no-store' } })
    },
  },
  {
    path: '/mark-all-read',
    method: 'post',
    handler: async (req) => {
      const user = signedIn(req)
      const { docs } = await req.payload.update({
        collection: slugs.notifications,
        where: unread,
        data: { readAt: new Date().toISOString() },
        depth: 0,
        overrideAccess: false,
        user,
        req,
      })
      return Response.json({ marked: docs.length })
    },
  },
]
