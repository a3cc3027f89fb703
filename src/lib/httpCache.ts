import crypto from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

/** Paths whose anonymous GET responses get an ETag and can be answered 304. */
const CACHEABLE = /^\/(api\/(?!graphql-playground|users\/me|access|preview\/)|feeds\/)/

/** Bodies larger than this are passed through untouched (no ETag). */
const MAX_BUFFERED_BYTES = 5 * 1024 * 1024

/** True when the request carries credentials (a token header or the login cookie). */
export const hasCredentials = (req: IncomingMessage): boolean =>
  Boolean(req.headers.authorization) || /(^|;\s*)payload-token=/.test(req.headers.cookie ?? '')

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

export const etagOf = (body: Buffer): string =>
  `W/"${crypto.createHash('sha1').update(body).digest('base64url')}"`

type Write = ServerResponse['write']
type End = ServerResponse['end']

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

/**
 * HTTP caching for anonymous readers: every 200 response to a GET under /api or /feeds gets a
 * weak ETag of its body (so any publish, unpublish or edit of published content changes it)
 * and `Cache-Control: public, max-age=0, must-revalidate`; a matching If-None-Match gets 304
 * with no body. Requests with credentials are marked `private, no-store` and left alone.
 */
export const anonymousHttpCache = (
  req: IncomingMessage,
  res: ServerResponse,
  next: () => void,
): void => {
  const path = (req.url ?? '').split('?')[0]
  if ((req.method !== 'GET' && req.method !== 'HEAD') || !CACHEABLE.test(path)) return next()
  if (hasCredentials(req)) {
    res.setHeader('cache-control', 'private, no-store')
    return next()
  }
  const chunks: Buffer[] = []
  let size = 0
  let isPassingThrough = false
  const write = res.write.bind(res) as (...args: unknown[]) => boolean
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse
  const writeHead = res.writeHead.bind(res)
  const flushHeaders = res.flushHeaders.bind(res)
  const toBuffer = (chunk: unknown, encoding?: unknown) =>
    Buffer.isBuffer(chunk)
      ? chunk
      : chunk instanceof Uint8Array
        ? Buffer.from(chunk)
        : Buffer.from(
            String(chunk),
            typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8',
          )
  const restore = () => {
    res.write = write as Write
    res.end = end as End
    res.writeHead = writeHead
    res.flushHeaders = flushHeaders
  }
  // Hold the status line and headers back until the body is known.
  res.writeHead = (status: number, reason?: unknown, headers?: unknown) => {
    res.statusCode = status
    if (typeof reason === 'string') res.statusMessage = reason
    applyHeaders(res, typeof reason === 'string' ? headers : reason)
    return res
  }
  res.flushHeaders = () => undefined
  const flush = () => {
    isPassingThrough = true
    restore()
    for (const chunk of chunks.splice(0)) write(chunk)
  }

  res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    if (isPassingThrough) return write(chunk, encoding, callback)
    const buffer = toBuffer(chunk, encoding)
    chunks.push(buffer)
    size += buffer.length
    if (size > MAX_BUFFERED_BYTES) flush()
    if (typeof encoding === 'function') (encoding as () => void)()
    else if (typeof callback === 'function') (callback as () => void)()
    return true
  }) as Write

  res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    if (isPassingThrough) return end(chunk, encoding, callback)
    restore()
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function')
      chunks.push(toBuffer(chunk, encoding))
    const done = [chunk, encoding, callback].find((arg) => typeof arg === 'function') as
      (() => void) | undefined
    const body = Buffer.concat(chunks)
    if (res.statusCode !== 200 || res.headersSent) return end(body, done)
    const etag = etagOf(body)
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
      ]) {
        res.removeHeader(header)
      }
      return end(done)
    }
    res.removeHeader('transfer-encoding')
    res.setHeader('content-length', body.length)
    return end(body, done)
  }) as End
  next()
}
