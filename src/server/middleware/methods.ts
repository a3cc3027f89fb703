import type { NextFunction, Request, Response } from 'express'

import { errorBody } from '../../../lib/errors.ts'

/** The methods the CMS answers; Next throws (a 500) on others such as TRACE. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

/** Answers any other method with 405 and the list of methods allowed. */
export const refuseUnknownMethods = (req: Request, res: Response, next: NextFunction): void => {
  if (METHODS.has(req.method)) return next()
  res.set('allow', [...METHODS].join(', '))
  res.status(405).json(errorBody(`the ${req.method} method is not supported`))
}

/**
 * Payload has no HEAD routes (404): answer HEAD as GET. Node already knows the request was a
 * HEAD and sends the headers only, so the ETag and length are those of the real body.
 */
export const headAsGet = (req: Request, _res: Response, next: NextFunction): void => {
  if (req.method === 'HEAD') req.method = 'GET'
  next()
}
