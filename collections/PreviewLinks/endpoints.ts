import crypto from 'node:crypto'

import { addDataAndFileToRequest, APIError, type Endpoint } from 'payload'

import { errorBody } from '../../lib/errors.ts'
import { canPublish, isStaffUser } from '../../lib/roles.ts'
import { isOwnDocument } from '../access/ownWork.ts'
import { slugs } from '../slugs.ts'
import { BadRequestError, ForbiddenError } from '../errors.ts'

const DEFAULT_HOURS = 24
const MAX_HOURS = 24 * 14

const hashOf = (token: string) => crypto.createHash('sha256').update(token).digest('hex')

const noPreview = () =>
  Response.json(errorBody('This preview link is not valid: it may have expired or been revoked.'), {
    status: 404,
    headers: { 'cache-control': 'no-store', 'x-robots-tag': 'noindex' },
  })

/**
 * `POST /api/<collection>/:id/preview-link` with `{ hours? }` (staff only): a link anyone can
 * use to read this one draft until it expires (24 h by default, 14 days at most) or is revoked.
 * A link shows the latest draft, so contributors get links to their own documents only: of
 * anyone else's they may read only what is live.
 */
export const createPreviewLinkEndpoint = (
  collection: typeof slugs.posts | typeof slugs.digests,
): Endpoint => ({
  path: '/:id/preview-link',
  method: 'post',
  handler: async (req) => {
    if (!isStaffUser(req.user))
      throw new APIError('Log in as staff to create preview links.', 401, undefined, true)
    await addDataAndFileToRequest(req)
    const hours = (req.data as { hours?: unknown } | undefined)?.hours ?? DEFAULT_HOURS
    if (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0 || hours > MAX_HOURS) {
      throw new BadRequestError(`hours must be a number above 0 and at most ${MAX_HOURS}`)
    }
    const doc = await req.payload.findByID({
      collection,
      id: req.routeParams?.id as string,
      draft: true,
      depth: 0,
      overrideAccess: false,
      user: req.user,
      req,
    })
    if (!canPublish(req.user) && !(await isOwnDocument({ req, collection, id: doc.id }))) {
      throw new ForbiddenError(
        'Contributors can create preview links only for their own documents.',
      )
    }
    const token = crypto.randomBytes(32).toString('base64url')
    const expiresAt = new Date(Date.now() + hours * 3_600_000).toISOString()
    const link = await req.payload.create({
      collection: slugs.previewLinks,
      data: {
        documentKey: `${collection}:${doc.id}`,
        tokenHash: hashOf(token),
        expiresAt,
        createdBy: req.user!.id,
      },
      overrideAccess: true,
      req,
    })
    return Response.json(
      { id: link.id, url: `${req.payload.config.serverURL}/api/preview/${token}`, expiresAt },
      { status: 201, headers: { 'cache-control': 'no-store' } },
    )
  },
})

/**
 * `GET /api/preview/:token`: the latest draft of the one document the link was made for,
 * marked as a preview and never indexed or cached.
 */
export const previewEndpoint: Endpoint = {
  path: '/preview/:token',
  method: 'get',
  handler: async (req) => {
    const token = typeof req.routeParams?.token === 'string' ? req.routeParams.token : ''
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return noPreview()
    const { docs } = await req.payload.find({
      collection: slugs.previewLinks,
      where: { tokenHash: { equals: hashOf(token) } },
      limit: 1,
      depth: 0,
      overrideAccess: true,
    })
    const link = docs[0]
    if (!link || Date.parse(link.expiresAt) <= Date.now()) return noPreview()
    const [collection, id] = link.documentKey.split(':') as [
      typeof slugs.posts | typeof slugs.digests,
      string,
    ]
    const doc = await req.payload.findByID({
      collection,
      id,
      draft: true,
      depth: 1,
      overrideAccess: true,
      disableErrors: true,
    })
    if (!doc) return noPreview()
    const {
      provenance: _provenance,
      owner: _owner,
      workflowNote: _note,
      ...visible
    } = doc as unknown as Record<string, unknown>
    return Response.json(
      { preview: true, expiresAt: link.expiresAt, doc: visible },
      { headers: { 'x-robots-tag': 'noindex', 'cache-control': 'private, no-store' } },
    )
  },
}
