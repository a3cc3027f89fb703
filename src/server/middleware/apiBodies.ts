import type { NextFunction, Request, Response } from 'express'

import { errorBody } from '../../../lib/errors.ts'
import { findJsonBodyProblem } from '../../../lib/jsonBody.ts'
import { findQueryProblem } from '../../../lib/queryParams.ts'
import { readBody, restoreBody } from '../body.ts'

/** A POST that Payload turns into a GET, its query in the body (the admin panel's long queries). */
const isReadOverride = (req: Request) =>
  req.method === 'POST' &&
  (req.headers['x-payload-http-method-override'] === 'GET' ||
    req.headers['x-http-method-override'] === 'GET')

const hasBody = (req: Request) =>
  Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined

/**
 * Refuses API bodies Payload cannot use, before Payload fails on them with a 500: a body of
 * another type than JSON or a multipart form (415), broken JSON, or JSON that is not an
 * object such as `null`, `12` or `"text"` (400). Each answer says what was wrong.
 */
export const checkApiBodies = async (
  req: Request,
  res: Response,
  next: NextFunction,
): Promise<void> => {
  const isWrite = req.method === 'POST' || req.method === 'PATCH' || req.method === 'PUT'
  if (!isWrite) return next()
  const type = (req.headers['content-type'] ?? '').toLowerCase()
  if (/^multipart\/form-data/.test(type)) return next()
  if (isReadOverride(req) && type.startsWith('application/x-www-form-urlencoded')) {
    // Payload reads this body as the query string of a GET: check it like one.
    let body: Buffer
    try {
      body = await readBody(req)
    } catch (err) {
      return next(err)
    }
    const problem = findQueryProblem(new URLSearchParams(body.toString('utf8')))
    if (problem) {
      res.status(400).json(errorBody(problem))
      return
    }
    restoreBody(req, body)
    return next()
  }
  // Exactly application/json: Payload parses no other type (not even application/*+json).
  if (!/^application\/json\s*(;|$)/.test(type)) {
    if (!hasBody(req)) return next()
    const message = `Content-Type "${type || '(none)'}" is not accepted: send application/json (or multipart/form-data for uploads)`
    res.status(415).json(errorBody(message))
    return
  }
  let body: Buffer
  try {
    body = await readBody(req)
  } catch (err) {
    return next(err)
  }
  const problem = findJsonBodyProblem(body.toString('utf8'))
  if (problem) {
    res.status(400).json(errorBody(problem))
    return
  }
  restoreBody(req, body)
  next()
}

/** Percent-encoded control characters (NUL, line breaks…) have no place in an API path. */
export const refuseBadPaths = (req: Request, res: Response, next: NextFunction): void => {
  const pathname = req.originalUrl.split('?')[0]
  if (/%(?:[01][0-9a-f]|7f)/i.test(pathname)) {
    res.status(400).json(errorBody('the path contains a control character (such as %00)'))
    return
  }
  try {
    decodeURIComponent(pathname)
  } catch {
    res.status(400).json(errorBody('the path has an invalid percent-encoding'))
    return
  }
  next()
}
