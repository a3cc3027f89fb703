import crypto from 'node:crypto'

import { addDataAndFileToRequest, APIError, type Endpoint } from 'payload'

import { errorBody } from '../../lib/errors.ts'
import {
  choosePreviewFormat,
  PREVIEW_LINK_DEFAULT_HOURS,
  PREVIEW_LINK_MAX_HOURS,
  PREVIEW_PAGE_CSP,
  previewLinkUrl,
  type PreviewFormat,
} from '../../lib/previewLinks.ts'
import { canPublish, isStaffUser } from '../../lib/roles.ts'
import { isOwnDocument } from '../access/ownWork.ts'
import { withRelationsAsReader } from '../hooks/hideUnreadableRelations.ts'
import { slugs } from '../slugs.ts'
import { BadRequestError, ForbiddenError } from '../errors.ts'
import { renderBadRequestPage, renderInvalidLinkPage, renderPreviewPage } from './page.ts'

const hashOf = (token: string) => crypto.createHash('sha256').update(token).digest('hex')

/** The collections preview links are made for. */
export type PreviewedCollection = typeof slugs.posts | typeof slugs.digests

/** Headers of every preview answer: the secret is in the URL, so never cached nor passed on. */
const PRIVATE_HEADERS = {
  'x-robots-tag': 'noindex',
  'referrer-policy': 'no-referrer',
  vary: 'Accept',
}

const htmlAnswer = ({ html, status }: { html: string; status: number }) =>
  new Response(html, {
    status,
    headers: {
      ...PRIVATE_HEADERS,
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'private, no-store',
      'content-security-policy': PREVIEW_PAGE_CSP,
    },
  })

const NOT_VALID = 'This preview link is not valid: it may have expired or been revoked.'

const noPreview = (format: PreviewFormat) =>
  format === 'html'
    ? htmlAnswer({ html: renderInvalidLinkPage(), status: 404 })
    : Response.json(errorBody(NOT_VALID), {
        status: 404,
        headers: { ...PRIVATE_HEADERS, 'cache-control': 'no-store' },
      })

/**
 * `POST /api/<collection>/:id/preview-link` with `{ hours? }` (staff): a link anyone can
 * use to read this one draft until it expires (24 h by default, 14 days at most) or is revoked.
 * The link is the CMS's preview page, or `linkTemplate` (PREVIEW_URL) with the token in it.
 * A link shows the latest draft, so contributors get links to their own documents only: of
 * anyone else's they may read only what is live.
 */
export const createPreviewLinkEndpoint = ({
  collection,
  linkTemplate,
}: {
  collection: PreviewedCollection
  linkTemplate?: string
}): Endpoint => ({
  path: '/:id/preview-link',
  method: 'post',
  handler: async (req) => {
    if (!isStaffUser(req.user))
      throw new APIError('Log in as staff to create preview links.', 401, undefined, true)
    await addDataAndFileToRequest(req)
    const hours = (req.data as { hours?: unknown } | undefined)?.hours ?? PREVIEW_LINK_DEFAULT_HOURS
    if (
      typeof hours !== 'number' ||
      !Number.isFinite(hours) ||
      hours <= 0 ||
      hours > PREVIEW_LINK_MAX_HOURS
    ) {
      throw new BadRequestError(
        `hours must be a number above 0 and at most ${PREVIEW_LINK_MAX_HOURS}`,
      )
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
      {
        id: link.id,
        url: previewLinkUrl({
          template: linkTemplate,
          serverUrl: req.payload.config.serverURL,
          token,
        }),
        expiresAt,
      },
      { status: 201, headers: { 'cache-control': 'no-store' } },
    )
  },
})

/**
 * `GET /api/preview/:token`: the latest draft of the one document the link was made for, never
 * indexed or cached. Browsers get the page (renderPreviewPage); front ends get JSON, marked as a
 * preview, with `Accept: application/json` or `?format=json`.
 */
export const previewEndpoint: Endpoint = {
  path: '/preview/:token',
  method: 'get',
  handler: async (req) => {
    const { format, error } = choosePreviewFormat({
      formats: req.searchParams.getAll('format'),
      accept: req.headers.get('accept'),
    })
    if (error) {
      return format === 'html'
        ? htmlAnswer({ html: renderBadRequestPage({ message: error }), status: 400 })
        : Response.json(errorBody(error), {
            status: 400,
            headers: { ...PRIVATE_HEADERS, 'cache-control': 'no-store' },
          })
    }
    const token = typeof req.routeParams?.token === 'string' ? req.routeParams.token : ''
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return noPreview(format)
    const { docs } = await req.payload.find({
      collection: slugs.previewLinks,
      where: { tokenHash: { equals: hashOf(token) } },
      limit: 1,
      depth: 0,
      overrideAccess: true,
    })
    const link = docs[0]
    if (!link || Date.parse(link.expiresAt) <= Date.now()) return noPreview(format)
    const [collection, id] = link.documentKey.split(':') as [PreviewedCollection, string]
    const draft = await req.payload.findByID({
      collection,
      id,
      draft: true,
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
    })
    if (!draft) return noPreview(format)
    // The link shows this one document: what it relates to, only as its reader may read it (no
    // other draft, nothing trashed, related documents as they are live).
    const doc = await withRelationsAsReader({
      req,
      collection,
      doc: draft as unknown as Record<string, unknown>,
    })
    if (format === 'html') {
      return htmlAnswer({
        html: renderPreviewPage({ collection, doc, expiresAt: link.expiresAt }),
        status: 200,
      })
    }
    const { provenance: _provenance, owner: _owner, workflowNote: _note, ...visible } = doc
    return Response.json(
      { preview: true, expiresAt: link.expiresAt, doc: visible },
      { headers: { ...PRIVATE_HEADERS, 'cache-control': 'private, no-store' } },
    )
  },
}
