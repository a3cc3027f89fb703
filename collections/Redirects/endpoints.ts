import type { Endpoint, PayloadHandler, PayloadRequest } from 'payload'

import { errorBody } from '../../lib/errors.ts'
import {
  locationOf,
  lookupCandidates,
  normaliseSitePath,
  REDIRECT_STATUS_CODES,
  type RedirectStatusCode,
} from '../../lib/redirects.ts'
import { BadRequestError } from '../errors.ts'
import { slugs } from '../slugs.ts'

type StoredRedirect = { from: string; to: string; statusCode?: number | null }

/**
 * Like the API's other public answers: ask again each time. A 301 with no cache header may be
 * kept by a browser for good, and the redirect can be edited or deleted.
 */
const ASK_AGAIN = { 'cache-control': 'public, max-age=0, must-revalidate' }

/** The front end's address, as the feeds read it; unset, `Location` is the path itself. */
const publicSiteUrl = (): string | undefined => process.env.PUBLIC_SITE_URL?.trim() || undefined

const statusOf = (stored: StoredRedirect): RedirectStatusCode =>
  (REDIRECT_STATUS_CODES as readonly number[]).includes(stored.statusCode ?? 0)
    ? (stored.statusCode as RedirectStatusCode)
    : 301

/**
 * Payload's own `GET /api/redirects` (the list), which this endpoint stands in front of:
 * a collection's custom endpoints are matched before Payload's defaults (payload 3.90.2,
 * `sanitizeCollection` appends the defaults after them, `handleEndpoints` takes the first).
 */
const payloadList = (req: PayloadRequest): PayloadHandler => {
  const list = req.payload.collections[slugs.redirects].config.endpoints
  const found =
    list === false
      ? undefined
      : list.find(
          (endpoint) =>
            endpoint.method === 'get' && endpoint.path === '/' && endpoint.handler !== lookup,
        )
  if (!found) throw new Error('Payload has no list endpoint for redirects')
  return found.handler
}

/** The redirect for `path`, as asked or with its trailing slash toggled; undefined if none. */
const findRedirect = async ({
  req,
  path,
}: {
  req: PayloadRequest
  path: string
}): Promise<StoredRedirect | undefined> => {
  const candidates = lookupCandidates({ path })
  const { docs } = await req.payload.find({
    collection: slugs.redirects,
    where: { from: { in: candidates } },
    select: { from: true, to: true, statusCode: true },
    depth: 0,
    limit: candidates.length,
    pagination: false,
    overrideAccess: false,
    req,
  })
  const found = docs as StoredRedirect[]
  return candidates
    .map((candidate) => found.find((doc) => doc.from === candidate))
    .find((doc) => doc !== undefined)
}

/**
 * `GET /api/redirects?path=/posts/old-slug`: the redirect a front end should answer for that
 * path, as the redirect itself (its status, default 301, a `Location` on PUBLIC_SITE_URL when
 * set, and `{ from, to, statusCode }`), 404 when there is none and 400 when `path` is no site
 * path. Without `path`, the list of redirects as Payload answers it.
 */
const lookup: PayloadHandler = async (req) => {
  const asked = req.searchParams.getAll('path')
  if (asked.length === 0) return payloadList(req)(req)
  if (asked.length > 1) throw new BadRequestError('The "path" parameter must be given once.')
  const normalised = normaliseSitePath({ path: asked[0] })
  if (normalised.problem !== undefined) {
    throw new BadRequestError(`The "path" parameter ${normalised.problem}.`)
  }
  const path = normalised.value
  const found = await findRedirect({ req, path })
  if (!found) {
    return Response.json(errorBody(`No redirect for ${path}`), { status: 404, headers: ASK_AGAIN })
  }
  const statusCode = statusOf(found)
  return Response.json(
    { from: found.from, to: found.to, statusCode },
    {
      status: statusCode,
      headers: { ...ASK_AGAIN, location: locationOf({ to: found.to, siteUrl: publicSiteUrl() }) },
    },
  )
}

export const redirectLookupEndpoint: Endpoint = { path: '/', method: 'get', handler: lookup }
