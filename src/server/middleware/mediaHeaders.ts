import { create as contentDisposition } from 'content-disposition'
import type { NextFunction, Request, Response } from 'express'

/** Served inline (front ends show them in pages); everything else downloads. */
const INLINE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'webp', 'gif', 'avif'])

/** A served file is never a page: no scripts, no plugins, no forms, in a sandbox of its own. */
export const UPLOAD_CSP =
  "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox"

/**
 * Headers for uploaded files (`/api/media/file/NAME`): a strict CSP, and a Content-Disposition
 * that is `inline` for web images and `attachment` for the rest, with the name escaped by the
 * `content-disposition` package (quotes, line breaks and non-ASCII cannot break the header).
 * `nosniff` comes from the server-wide security headers.
 */
export const mediaFileHeaders = (req: Request, res: Response, next: NextFunction) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return next()
  let name: string
  try {
    name = decodeURIComponent(req.path.replace(/^\/+/, ''))
  } catch {
    return next()
  }
  const extension = name.split('.').pop()?.toLowerCase() ?? ''
  res.setHeader('content-security-policy', UPLOAD_CSP)
  res.setHeader(
    'content-disposition',
    contentDisposition(name, { type: INLINE_EXTENSIONS.has(extension) ? 'inline' : 'attachment' }),
  )
  next()
}
