import { once } from 'node:events'

import type { NextFunction, Request, Response } from 'express'

import { errorBody } from '../../../lib/errors.ts'
import { hasCredentials } from '../../../lib/httpCaching.ts'
import { apiHandlers } from '../../plugins/expressApi/provider.ts'
import { rememberReads, trackReads } from '../../plugins/responseCache/dependencies.ts'
import { isCacheOn } from '../../plugins/responseCache/store.ts'
import { log, messageOf } from '../log.ts'
import { readBody } from '../body.ts'

/**
 * Paths Next's routes answer differently from Payload's handler: the GraphQL playground and
 * the Open Graph image are routes of their own, and Next redirects a path with a trailing or
 * doubled slash before any route sees it.
 */
const LEFT_TO_NEXT = /^\/api\/(graphql-playground|og)(\/|$)|\/\/|\/$/

/** A path's segments as Next decodes them for a route, or undefined if one cannot be. */
const decodedSegments = (path: string): string[] | undefined => {
  try {
    return path.split('/').map((segment) => decodeURIComponent(segment))
  } catch {
    return undefined
  }
}

/**
 * The path Payload's Next route hands `handleEndpoints`: each segment as Next decodes it, then
 * encoded again (node_modules/@payloadcms/next/dist/routes/rest/index.js).
 */
const routePath = (pathname: string): string | undefined =>
  decodedSegments(pathname)
    ?.map((segment) => encodeURIComponent(segment))
    .join('/')

/**
 * The methods of Payload's REST routes answered here: reads, and the writes of editors and
 * the admin panel (saves, publishes, uploads, logins). OPTIONS (CORS preflight) stays with Next.
 */
const REST_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])

/** How the request is answered, once it is known that it is not left to Next. */
type Answer = (req: Request, signal: AbortSignal) => Promise<globalThis.Response>

/** What answers this request, or undefined when Next should. */
const answerFor = (req: Request): Answer | undefined => {
  const { rest, graphql, feeds } = apiHandlers()
  const pathname = req.path
  if (LEFT_TO_NEXT.test(pathname)) return undefined
  if (pathname.startsWith('/feeds/')) {
    // What the feeds' route (src/app/(feeds)/feeds/[...path]) is given as its `path`.
    const path = req.method === 'GET' && feeds && decodedSegments(pathname.slice('/feeds/'.length))
    return path ? () => feeds(path) : undefined
  }
  if (!pathname.startsWith('/api/')) return undefined
  const handler =
    pathname === '/api/graphql'
      ? req.method === 'POST'
        ? graphql
        : undefined
      : REST_METHODS.has(req.method)
        ? rest
        : undefined
  const path = handler && routePath(pathname)
  return path ? async (req, signal) => handler(await toWebRequest(req, path, signal)) : undefined
}

/** The request as a Fetch `Request`, the way Next builds one for its route handlers. */
const toWebRequest = async (req: Request, path: string, signal: AbortSignal) => {
  // The headers as the middleware left them (the client address among them, set by the
  // readiness gate in place of any copy the client sent), not as they arrived.
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    // HTTP/2 pseudo-headers are not headers a Fetch request can carry.
    if (value === undefined || name.startsWith(':')) continue
    for (const each of Array.isArray(value) ? value : [value]) headers.append(name, each)
  }
  const query = req.originalUrl.includes('?')
    ? req.originalUrl.slice(req.originalUrl.indexOf('?'))
    : ''
  const url = `${req.protocol}://${req.get('host') ?? 'localhost'}${path}${query}`
  // As Next hands a request on: a body (empty or not) for every method but GET.
  const body = req.method === 'GET' ? undefined : new Uint8Array(await readBody(req))
  return new Request(url, { method: req.method, headers, body, signal })
}

/** Sends a Fetch `Response` on the Node response, its body streamed as it comes. */
const sendWebResponse = async (
  response: globalThis.Response,
  res: Response,
  signal: AbortSignal,
) => {
  res.statusCode = response.status
  const cookies = response.headers.getSetCookie()
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value)
  })
  if (cookies.length > 0) res.setHeader('set-cookie', cookies)
  if (!response.body) {
    res.end()
    return
  }
  const reader = response.body.getReader()
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      if (!res.write(read.value)) await once(res, 'drain', { signal })
    }
  } catch (err) {
    // What is left of the body is not wanted any more (a file being read, say).
    void reader.cancel().catch(() => undefined)
    throw err
  }
  res.end()
}

/**
 * Payload's REST API (`GET`, `POST`, `PUT`, `PATCH` and `DELETE` under /api) and `POST
 * /api/graphql` answered by Payload's own handlers, and `GET /feeds/*` by
 * the feeds' (set by the `expressApi` plugin, src/plugins/expressApi/), without Next's router and
 * stream adaptation in between. Until Payload has started, and for the paths Next answers
 * differently, the request goes on to Next.
 */
export const payloadApi = async (req: Request, res: Response, next: NextFunction) => {
  const answer = answerFor(req)
  if (!answer) return next()
  // A client that goes away cancels what Payload still reads for it.
  const aborted = new AbortController()
  const onClose = () => {
    if (!res.writableFinished) aborted.abort()
  }
  res.once('close', onClose)
  try {
    // What an answer the cache may keep read tells the cache when to drop it
    // (src/plugins/responseCache); other answers are not tracked.
    const isKeepable =
      isCacheOn() &&
      !hasCredentials({ authorization: req.headers.authorization, cookie: req.headers.cookie })
    let response: globalThis.Response
    if (isKeepable) {
      const tracked = await trackReads(() => answer(req, aborted.signal))
      rememberReads(req, tracked.reads)
      response = tracked.result
    } else {
      response = await answer(req, aborted.signal)
    }
    await sendWebResponse(response, res, aborted.signal)
  } catch (err) {
    if (aborted.signal.aborted) return
    log.error(`${req.method} ${req.path} failed: ${messageOf(err)}`)
    if (res.headersSent) {
      res.destroy()
      return
    }
    res.status(500).json(errorBody('Something went wrong.'))
  } finally {
    res.off('close', onClose)
  }
}
