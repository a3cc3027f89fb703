import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'

import type { NextFunction, Request, Response } from 'express'

import { hasCredentials } from './httpCache.ts'
import { cacheKeyOf, freshAnswer, isCachedPath, type CachedAnswer } from './responseCache.ts'

const send = (res: ServerResponse, answer: CachedAnswer) => {
  res.statusCode = answer.status
  for (const [name, value] of answer.headers) {
    if (name !== 'content-length' && name !== 'transfer-encoding') res.setHeader(name, value)
  }
  res.setHeader('x-cache', 'HIT')
  res.end(Buffer.from(answer.body))
}

/**
 * Gives a request whose body was read here a fresh copy of it, the way Next does for its own
 * middleware (next/dist/server/body-streams.js): the readable state and methods of a new stream
 * replace the spent ones.
 */
const restoreBody = (req: IncomingMessage, body: Buffer) => {
  const fresh = new Readable({ read() {} })
  fresh.push(body)
  fresh.push(null)
  const target = req as unknown as Record<string, unknown>
  for (const key in fresh) {
    // The request keeps its own listeners (Node's and Express's); only the stream is replaced.
    if (key === '_events' || key === '_eventsCount' || key === '_maxListeners') continue
    const value = (fresh as unknown as Record<string, unknown>)[key]
    target[key] = typeof value === 'function' ? (value as () => unknown).bind(req) : value
  }
}

/**
 * Answers anonymous reads from the response cache before they reach Next: the same answers
 * the route handlers keep (src/lib/responseCache.ts), without Next's per-request cost. Misses,
 * signed-in requests and everything else go on to Next untouched (a GraphQL body read here is
 * handed on intact).
 */
export const serveCachedAnswers = async (req: Request, res: Response, next: NextFunction) => {
  if (hasCredentials(req)) return next()
  const url = req.originalUrl
  const pathname = url.split('?')[0]
  const origin = req.headers.origin
  if (req.method === 'GET') {
    if (!isCachedPath(pathname)) return next()
    const answer = freshAnswer(cacheKeyOf({ method: 'GET', url, origin }))
    return answer ? send(res, answer) : next()
  }
  const isJson = /application\/json/i.test(req.headers['content-type'] ?? '')
  if (req.method !== 'POST' || pathname !== '/api/graphql' || !isJson) return next()
  const chunks: Buffer[] = []
  try {
    for await (const chunk of req) chunks.push(chunk as Buffer)
  } catch (err) {
    return next(err)
  }
  const body = Buffer.concat(chunks)
  const answer = freshAnswer(cacheKeyOf({ method: 'POST', url, origin, body: body.toString() }))
  if (answer) return send(res, answer)
  restoreBody(req, body)
  next()
}
