import type { NextFunction, Request, Response } from 'express'

import { errorBody } from '../../../lib/errors.ts'

/** Request bodies larger than these are refused with 413 before they reach Payload. */
const JSON_BODY_LIMIT = 1024 * 1024
const OTHER_BODY_LIMIT = 2 * 1024 * 1024
const UPLOAD_BODY_LIMIT = 21 * 1024 * 1024

/** Refuses oversized bodies (413) and bodies of unknown length (411) before Next reads them. */
export const bodySizeCap = (req: Request, res: Response, next: NextFunction): void => {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next()
  const type = (req.headers['content-type'] ?? '').toLowerCase()
  const limit = type.startsWith('multipart/form-data')
    ? UPLOAD_BODY_LIMIT
    : type.includes('json')
      ? JSON_BODY_LIMIT
      : OTHER_BODY_LIMIT
  const length = req.headers['content-length']
  if (length === undefined) {
    if (req.headers['transfer-encoding']) {
      res.status(411).json(errorBody('request bodies must declare Content-Length'))
      return
    }
    return next()
  }
  if (!/^\d+$/.test(length) || Number(length) > limit) {
    const message = `request body too large: the limit is ${limit} bytes for ${type || 'this type'}`
    res.status(413).json(errorBody(message))
    return
  }
  next()
}
