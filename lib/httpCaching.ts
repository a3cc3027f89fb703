import crypto from 'node:crypto'

/**
 * True when a request carries credentials: a token or API key header, or the login cookie.
 * Such requests are never answered from, nor kept in, a shared cache.
 */
export const hasCredentials = ({
  authorization,
  cookie,
}: {
  authorization?: string | null
  cookie?: string | null
}): boolean => Boolean(authorization) || /(^|;\s*)payload-token=/.test(cookie ?? '')

/** True when an If-None-Match header names this ETag (or `*`). */
export const matchesEtag = ({
  header,
  etag,
}: {
  header: string | undefined
  etag: string
}): boolean => {
  if (!header) return false
  const bare = (tag: string) => tag.trim().replace(/^W\//, '')
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag))
}

/** A weak ETag of a body. */
export const etagOf = (body: Uint8Array): string =>
  `W/"${crypto.createHash('sha1').update(body).digest('base64url')}"`

/**
 * The key an answer is kept under: method, path and query (as URL parsing normalises them), the
 * Origin (CORS headers differ by origin) and, for GraphQL, the body as sent.
 */
export const cacheKeyOf = ({
  method,
  url,
  origin,
  body,
}: {
  method: string
  url: string
  origin?: string | null
  body?: string
}): string => {
  // Re-serialised, so `where[slug]` and `where%5Bslug%5D` make the same key.
  const parsed = new URL(url, 'http://n')
  const query = new URLSearchParams(parsed.search).toString()
  return [method, `${parsed.pathname}?${query}`, origin ?? '', body ?? ''].join('\n')
}

/** Response types worth keeping: the API's JSON and the feeds. */
const CACHEABLE_TYPE = /^application\/(json|rss\+xml|atom\+xml|feed\+json)\b/i

/** True for an answer a shared cache may keep: a public 200 of JSON or a feed, no cookie. */
export const isKeepableAnswer = ({
  status,
  contentType,
  cacheControl,
  setsCookie,
}: {
  status: number
  contentType: string
  cacheControl: string
  setsCookie: boolean
}): boolean =>
  status === 200 &&
  CACHEABLE_TYPE.test(contentType) &&
  !/private|no-store/i.test(cacheControl) &&
  !setsCookie
