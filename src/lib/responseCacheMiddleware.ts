import type { ServerResponse } from 'node:http'

import type { NextFunction, Request, Response } from 'express'

import { hasCredentials } from './httpCache.ts'
import { readBody, restoreBody } from './requestBody.ts'
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
  let body: Buffer
  try {
    body = await readBody(req)
  } catch (err) {
    return next(err)
  }
  const answer = freshAnswer(cacheKeyOf({ method: 'POST', url, origin, body: body.toString() }))
  if (answer) return send(res, answer)
  restoreBody(req, body)
  next()
}
