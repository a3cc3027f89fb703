import type { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'

import type { NextFunction, Request, Response } from 'express'

import { findQueryProblem } from './queryParams.ts'

/** Bodies handed back with `restoreBody` and not read since, so a second reader reuses them. */
const restored = new WeakMap<IncomingMessage, Buffer>()

/**
 * Reads a whole request body (its size is already capped by the server's bodySizeCap). A body
 * an earlier middleware read and restored is returned as is, not read a second time.
 */
export const readBody = async (req: IncomingMessage): Promise<Buffer> => {
  const earlier = restored.get(req)
  if (earlier) return earlier
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/**
 * Gives a request whose body was read here a fresh copy of it, the way Next does for its own
 * middleware (next/dist/server/body-streams.js): the readable state and methods of a new stream
 * replace the spent ones.
 */
export const restoreBody = (req: IncomingMessage, body: Buffer): void => {
  if (restored.get(req) === body) return
  restored.set(req, body)
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

const refuse = (res: Response, message: string) => res.status(400).json({ errors: [{ message }] })

/**
 * Deepest nesting of objects and lists a JSON body may have. Rich text is the deepest thing we
 * store (root, list, item, nested list…) and stays far below it; Payload and the database
 * driver walk values recursively, so content nested thousands deep overflowed the stack (500).
 */
export const MAX_JSON_DEPTH = 100

/** How deep objects and lists nest in a parsed JSON value, counted without recursion. */
export const jsonDepth = (value: unknown): number => {
  let deepest = 0
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }]
  while (pending.length > 0) {
    const { value: current, depth } = pending.pop()!
    if (current === null || typeof current !== 'object') continue
    deepest = Math.max(deepest, depth + 1)
    for (const child of Object.values(current)) pending.push({ value: child, depth: depth + 1 })
  }
  return deepest
}

/** Why a JSON request body cannot be used, or null when it is a JSON object (or empty). */
export const findJsonBodyProblem = (text: string): string | null => {
  if (text.trim() === '') return null
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (err) {
    return `the request body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return `the request body must be a JSON object, not ${Array.isArray(parsed) ? 'a list' : JSON.stringify(parsed)?.slice(0, 40)}`
  }
  if (text.includes('\\u0000')) return 'the request body contains a NUL character (\\u0000)'
  if (jsonDepth(parsed) > MAX_JSON_DEPTH) {
    return `the request body nests objects and lists more than ${MAX_JSON_DEPTH} levels deep`
  }
  return null
}

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
export const checkApiBodies = async (req: Request, res: Response, next: NextFunction) => {
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
    if (problem) return refuse(res, problem)
    restoreBody(req, body)
    return next()
  }
  // Exactly application/json: Payload parses no other type (not even application/*+json).
  if (!/^application\/json\s*(;|$)/.test(type)) {
    if (!hasBody(req)) return next()
    return res.status(415).json({
      errors: [
        {
          message: `Content-Type "${type || '(none)'}" is not accepted: send application/json (or multipart/form-data for uploads)`,
        },
      ],
    })
  }
  let body: Buffer
  try {
    body = await readBody(req)
  } catch (err) {
    return next(err)
  }
  const problem = findJsonBodyProblem(body.toString('utf8'))
  if (problem) return refuse(res, problem)
  restoreBody(req, body)
  next()
}

/** Percent-encoded control characters (NUL, line breaks…) have no place in an API path. */
export const refuseBadPaths = (req: Request, res: Response, next: NextFunction) => {
  const pathname = req.originalUrl.split('?')[0]
  if (/%(?:[01][0-9a-f]|7f)/i.test(pathname)) {
    return refuse(res, 'the path contains a control character (such as %00)')
  }
  try {
    decodeURIComponent(pathname)
  } catch {
    return refuse(res, 'the path has an invalid percent-encoding')
  }
  next()
}
