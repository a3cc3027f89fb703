import type { IncomingMessage, ServerResponse } from 'node:http'

import type { NextFunction, Request, Response } from 'express'

import { isPublicCollection } from '../../../collections/slugs.ts'
import {
  cacheKeyOf,
  etagOf,
  hasCredentials,
  isKeepableAnswer,
  matchesEtag,
} from '../../../lib/httpCaching.ts'
import {
  contentVersion,
  freshAnswer,
  isCacheOn,
  keepAnswer,
  type CachedAnswer,
} from '../../plugins/responseCache/store.ts'
import { dependenciesOf } from '../../plugins/responseCache/dependencies.ts'
import { readBody, restoreBody } from '../body.ts'
import { encodeAhead, replayBodyOf } from './compressedAnswers.ts'
import { isCacheableGraphqlRequest, isGraphqlJsonPost } from './graphql.ts'

/** Paths whose anonymous GET responses get an ETag and can be answered 304. */
const ETAGGED = /^\/(api\/(?!graphql-playground|users\/me|access|preview\/)|feeds\/)/

/** Bodies larger than this are passed through untouched (no ETag, not cached). */
const MAX_BUFFERED_BYTES = 5 * 1024 * 1024

/** Paths under a public collection that are still never public content. */
const STAFF_ONLY_SUBPATH = /\/(versions|preview-link|workflow)(\/|$)/

/** True for a GET under /api that only ever answers public content. */
export const isPublicApiPath = (pathname: string): boolean => {
  const match = /^\/api\/([^/?]+)(\/|$)/.exec(pathname)
  if (!match || STAFF_ONLY_SUBPATH.test(pathname)) return false
  const [, first] = match
  return isPublicCollection(first) || first === 'search' || first === 'openapi.json'
}

/** True for a GET whose anonymous answer may be cached: public API paths and the feeds. */
export const isCachedPath = (pathname: string): boolean =>
  isPublicApiPath(pathname) || pathname.startsWith('/feeds/')

/**
 * The key this anonymous request's answer is kept under, or undefined when it is not kept. A
 * GraphQL body read for it is handed back by `handOnBody` unless the cache answers.
 */
const cacheKeyFor = async (req: Request): Promise<{ key?: string; handOnBody?: () => void }> => {
  if (!isCacheOn()) return {}
  const url = req.originalUrl
  const origin = req.headers.origin
  if (req.method === 'GET') {
    return isCachedPath(url.split('?')[0])
      ? { key: cacheKeyOf({ method: 'GET', url, origin }) }
      : {}
  }
  if (!isGraphqlJsonPost(req)) return {}
  const body = await readBody(req)
  // Keyed by the body as sent: a hit is answered without parsing the query.
  return {
    key: cacheKeyOf({ method: 'POST', url, origin, body: body.toString() }),
    handOnBody: () => restoreBody(req, body),
  }
}

/** Applies writeHead's headers (an object or a flat [name, value, …] list) with setHeader. */
const applyHeaders = (res: ServerResponse, headers: unknown) => {
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2)
      res.setHeader(String(headers[i]), headers[i + 1] as string)
  } else if (headers && typeof headers === 'object') {
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined) res.setHeader(name, value as string)
    }
  }
}

const toBuffer = (chunk: unknown, encoding?: unknown) =>
  Buffer.isBuffer(chunk)
    ? chunk
    : chunk instanceof Uint8Array
      ? Buffer.from(chunk)
      : Buffer.from(
          String(chunk),
          typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8',
        )

/** Headers not kept with a cached answer: recomputed for every answer sent. */
const UNKEPT_HEADERS = new Set(['content-length', 'transfer-encoding', 'etag', 'x-cache'])

const headersOf = (res: ServerResponse): [string, string][] =>
  Object.entries(res.getHeaders())
    .filter(([name, value]) => value !== undefined && !UNKEPT_HEADERS.has(name))
    .map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)])

/**
 * What to do with the whole body once the response ends: keep it in the response cache, and
 * give GETs their ETag (answering 304 when the client has it).
 */
type Finish = {
  req: IncomingMessage
  res: ServerResponse
  body: Buffer
  end: (...args: unknown[]) => ServerResponse
  done?: () => void
}

/** Keeps a public answer under `key` (read at `version`) and labels it a cache miss. */
const keepIfPublic = ({
  req,
  res,
  body,
  etag,
  key,
  version,
}: {
  req: IncomingMessage
  res: ServerResponse
  body: Buffer
  etag: string
  key: string
  version: number
}) => {
  const isKeepable = isKeepableAnswer({
    status: res.statusCode,
    contentType: String(res.getHeader('content-type') ?? ''),
    cacheControl: String(res.getHeader('cache-control') ?? ''),
    setsCookie: res.hasHeader('set-cookie'),
  })
  if (!isKeepable) return
  keepAnswer({
    key,
    answer: {
      version,
      status: res.statusCode,
      headers: headersOf(res),
      body: new Uint8Array(body),
      etag,
      dependsOn: dependenciesOf(req),
    },
  })
  const kept = freshAnswer(key)
  if (kept) encodeAhead({ req, res, key, answer: kept })
  res.setHeader('x-cache', 'MISS')
}

/**
 * Every 200 to a GET under /api or /feeds gets a weak ETag of its body (so any publish,
 * unpublish or edit of published content changes it) and `Cache-Control: public, max-age=0,
 * must-revalidate` unless it says otherwise; a matching If-None-Match gets 304 with no body.
 */
const sendWithEtag = ({
  req,
  res,
  body,
  end,
  done,
  etag = etagOf(body),
}: Finish & { etag?: string }): ServerResponse => {
  res.setHeader('etag', etag)
  if (
    !res.hasHeader('cache-control') ||
    /no-store|private/.test(String(res.getHeader('cache-control')))
  ) {
    res.setHeader('cache-control', 'public, max-age=0, must-revalidate')
  }
  res.setHeader('vary', 'Authorization, Cookie, Origin, Accept-Encoding')
  if (matchesEtag({ header: req.headers['if-none-match'], etag })) {
    res.statusCode = 304
    for (const header of [
      'content-length',
      'content-type',
      'content-encoding',
      'transfer-encoding',
    ])
      res.removeHeader(header)
    return end(done)
  }
  res.removeHeader('transfer-encoding')
  // An encoded body goes without its length, as the compression middleware streams one: a
  // reader gets the same headers whether the encoding was kept (compressedAnswers.ts) or not.
  if (res.hasHeader('content-encoding')) res.removeHeader('content-length')
  else res.setHeader('content-length', body.length)
  return end(body, done)
}

/**
 * Holds the response back until its body is whole, then finishes it with `onBody`. This is
 * the one place the CMS rewrites a Node response's methods: Next writes the body in chunks,
 * and an ETag (or a cache entry) needs all of it before the headers leave.
 */
const holdUntilEnd = ({
  res,
  onBody,
}: {
  res: ServerResponse
  onBody: (finish: Omit<Finish, 'req' | 'res'>) => ServerResponse
}): void => {
  const chunks: Buffer[] = []
  let size = 0
  let isPassingThrough = false
  const write = res.write.bind(res) as (...args: unknown[]) => boolean
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse
  const writeHead = res.writeHead.bind(res)
  const flushHeaders = res.flushHeaders.bind(res)
  const restore = () => {
    res.write = write as ServerResponse['write']
    res.end = end as ServerResponse['end']
    res.writeHead = writeHead
    res.flushHeaders = flushHeaders
  }
  // The status line and headers wait until the body is known.
  res.writeHead = (status: number, reason?: unknown, headers?: unknown) => {
    res.statusCode = status
    if (typeof reason === 'string') res.statusMessage = reason
    applyHeaders(res, typeof reason === 'string' ? headers : reason)
    return res
  }
  res.flushHeaders = () => undefined
  const passThrough = () => {
    isPassingThrough = true
    restore()
    for (const chunk of chunks.splice(0)) write(chunk)
  }
  res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    if (isPassingThrough) return write(chunk, encoding, callback)
    const buffer = toBuffer(chunk, encoding)
    chunks.push(buffer)
    size += buffer.length
    if (size > MAX_BUFFERED_BYTES) passThrough()
    if (typeof encoding === 'function') (encoding as () => void)()
    else if (typeof callback === 'function') (callback as () => void)()
    return true
  }) as ServerResponse['write']
  res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    if (isPassingThrough) return end(chunk, encoding, callback)
    restore()
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function')
      chunks.push(toBuffer(chunk, encoding))
    const done = [chunk, encoding, callback].find((arg) => typeof arg === 'function') as
      (() => void) | undefined
    return onBody({ body: Buffer.concat(chunks), end, done })
  }) as ServerResponse['end']
}

/** Sends a kept answer; a GET's with its ETag (kept with it), answered 304 when it matches. */
const replay = ({
  req,
  res,
  key,
  answer,
  isTagged,
}: {
  req: IncomingMessage
  res: ServerResponse
  key: string
  answer: CachedAnswer
  isTagged: boolean
}) => {
  res.statusCode = answer.status
  for (const [name, value] of answer.headers) res.setHeader(name, value)
  res.setHeader('x-cache', 'HIT')
  const bytes = replayBodyOf({ req, res, key, answer })
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (!isTagged) return res.end(body)
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse
  return sendWithEtag({ req, res, body, end, etag: answer.etag })
}

/**
 * The answers being made for a miss, by cache key, until their response closes. When a write
 * empties the cache while many readers ask for the same list, one makes it and the others wait
 * and take it from the cache, instead of all making it at once. What the waiters get is what the
 * cache would have given them a moment later: kept only if no write since changed what it read.
 * A waiter whose answer was not kept (an error, a write in between) makes its own, once.
 */
const beingMade = new Map<string, Promise<void>>()

/**
 * HTTP caching for anonymous readers, before Payload and Next: answers from the response cache
 * (src/plugins/responseCache/store.ts) without running Payload, keeps the public answers they give (REST collection reads, search, feeds, read-only GraphQL), and gives GETs their
 * ETag. Requests with credentials are marked `private, no-store` and left alone.
 */
export const httpCache = async (req: Request, res: Response, next: NextFunction) => {
  const isGet = req.method === 'GET' || req.method === 'HEAD'
  const isTagged = isGet && ETAGGED.test(req.path)
  if (hasCredentials({ authorization: req.headers.authorization, cookie: req.headers.cookie })) {
    if (isTagged) res.setHeader('cache-control', 'private, no-store')
    return next()
  }
  let cacheable: Awaited<ReturnType<typeof cacheKeyFor>>
  try {
    cacheable = await cacheKeyFor(req)
  } catch (err) {
    return next(err)
  }
  const { key, handOnBody } = cacheable
  if (!isTagged && !key) return next()
  let hit = key ? freshAnswer(key) : undefined
  // A miss while the same answer is being made waits for it rather than making it again.
  const leader = key ? beingMade.get(key) : undefined
  if (!hit && key && leader) {
    await leader
    // A reader who left meanwhile is owed nothing.
    if (req.socket.destroyed) return
    hit = freshAnswer(key)
  } else if (!hit && key) {
    const made = new Promise<void>((resolve) => res.once('close', resolve))
    beingMade.set(key, made)
    void made.then(() => {
      if (beingMade.get(key) === made) beingMade.delete(key)
    })
  }
  // A hit needs no body read again (GraphQL) and no hashing: answered as kept.
  if (hit && key) return replay({ req, res, key, answer: hit, isTagged })
  handOnBody?.()
  const version = contentVersion()
  holdUntilEnd({
    res,
    onBody: ({ body, end, done }) => {
      // Hashed once, for the cache entry and the ETag alike; only 200s have either.
      const etag = res.statusCode === 200 ? etagOf(body) : ''
      const isGraphql = req.method === 'POST'
      if (key && (!isGraphql || isCacheableGraphqlRequest(req))) {
        keepIfPublic({ req, res, body, etag, key, version })
      }
      if (!isTagged || res.statusCode !== 200 || res.headersSent) return end(body, done)
      return sendWithEtag({ req, res, body, end, done, etag })
    },
  })
  next()
}
