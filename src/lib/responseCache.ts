import { LRUCache } from 'lru-cache'

import { parseCacheSeconds } from './env.ts'

/**
 * A small in-process cache of what anonymous readers get from the content API and the feeds.
 *
 * Correctness comes from a content version, not from the TTL: every committed write (and every
 * write outside a transaction, through the collection hooks) bumps it, and an entry is served
 * only while the version it was read at is still current. A read that overlaps a write is never
 * stored. The TTL only bounds how long another server process, whose writes this one cannot see,
 * may keep serving an answer (`API_CACHE_SECONDS`, 0 turns the cache off).
 */

type Entry = {
  version: number
  status: number
  headers: [string, string][]
  body: Uint8Array
}

type Store = { version: number; entries: LRUCache<string, Entry> }

/** Entries larger than this are not kept. */
const MAX_ENTRY_BYTES = 1024 * 1024
/** All entries together. */
const MAX_TOTAL_BYTES = 64 * 1024 * 1024
/** Response types worth keeping: the API's JSON and the feeds. */
const CACHEABLE_TYPE = /^application\/(json|rss\+xml|atom\+xml|feed\+json)\b/i
const KEY = Symbol.for('newsroom.responseCache')

/** The server validated API_CACHE_SECONDS at start (src/lib/env.ts): same rule and default. */
const ttlSeconds = (): number => parseCacheSeconds(process.env.API_CACHE_SECONDS)

/** One store per process, shared by the Next bundle's route handlers and Payload's hooks. */
const store = (): Store => {
  const global = globalThis as { [KEY]?: Store }
  global[KEY] ??= {
    version: 0,
    entries: new LRUCache<string, Entry>({
      maxSize: MAX_TOTAL_BYTES,
      sizeCalculation: (entry) => entry.body.byteLength + 200,
      ttl: Math.max(ttlSeconds(), 1) * 1000,
    }),
  }
  return global[KEY]
}

/** Marks everything cached so far as out of date. Called after every write. */
export const bumpContentVersion = (): void => {
  const current = store()
  current.version += 1
  current.entries.clear()
}

/** True when the request carries credentials: a token or API key header, or the login cookie. */
export const hasCredentials = (request: Request): boolean =>
  request.headers.has('authorization') ||
  /(^|;\s*)payload-token=/.test(request.headers.get('cookie') ?? '')

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
  // Re-serialised, so `where[slug]` and `where%5Bslug%5D` (as Express and Next see the same
  // request) make the same key.
  const parsed = new URL(url, 'http://n')
  const query = new URLSearchParams(parsed.search).toString()
  return [method, `${parsed.pathname}?${query}`, origin ?? '', body ?? ''].join('\n')
}

export type CachedAnswer = Readonly<Entry>

/** The kept answer for `key` when the cache is on and the answer is still current. */
export const freshAnswer = (key: string): CachedAnswer | undefined => {
  if (ttlSeconds() === 0) return undefined
  const current = store()
  const found = current.entries.get(key)
  return found && found.version === current.version ? found : undefined
}

const fromEntry = (entry: Entry): Response => {
  const headers = new Headers(entry.headers)
  headers.set('x-cache', 'HIT')
  return new Response(entry.body.slice(), { status: entry.status, headers })
}

/**
 * Answers `request` from the cache when it is anonymous and an up-to-date answer to `key` is
 * kept; otherwise runs `produce` and keeps its answer when it is a public 200.
 */
export const cachedResponse = async ({
  request,
  key,
  produce,
}: {
  request: Request
  key: string
  produce: () => Promise<Response>
}): Promise<Response> => {
  if (ttlSeconds() === 0 || hasCredentials(request)) return produce()
  const current = store()
  const found = freshAnswer(key)
  if (found) return fromEntry(found)

  const versionAtStart = current.version
  const response = await produce()
  const cacheControl = response.headers.get('cache-control') ?? ''
  const isKeepable =
    response.status === 200 &&
    CACHEABLE_TYPE.test(response.headers.get('content-type') ?? '') &&
    !/private|no-store/i.test(cacheControl) &&
    !response.headers.has('set-cookie')
  if (!isKeepable) return response

  const body = new Uint8Array(await response.arrayBuffer())
  const headers = new Headers(response.headers)
  headers.delete('content-length')
  if (body.byteLength <= MAX_ENTRY_BYTES && current.version === versionAtStart) {
    current.entries.set(
      key,
      {
        version: versionAtStart,
        status: response.status,
        headers: [...headers.entries()],
        body,
      },
      { ttl: ttlSeconds() * 1000 },
    )
  }
  headers.set('x-cache', 'MISS')
  return new Response(body, { status: response.status, headers })
}

/** API paths whose anonymous GETs are public content: collections, search, the API schema. */
const PUBLIC_API = /^\/api\/(posts|digests|authors|sources|search|openapi\.json)(\/|\?|$)/

/** True for a GET under /api that only ever answers public content. */
export const isPublicApiPath = (pathname: string): boolean =>
  PUBLIC_API.test(pathname) && !/\/(versions|preview-link|workflow)(\/|$)/.test(pathname)

/** True for a GET whose anonymous answer may be cached: public API paths and the feeds. */
export const isCachedPath = (pathname: string): boolean =>
  isPublicApiPath(pathname) || pathname.startsWith('/feeds/')
