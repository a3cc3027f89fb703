import type { NextFunction, Request, Response } from 'express'

import { errorBody } from '../../../lib/errors.ts'
import { findQueryProblem } from '../../../lib/queryParams.ts'

/** Rejects malformed REST query parameters with a 400 that names the parameter. */
export const validateApiQuery = (req: Request, res: Response, next: NextFunction): void => {
  const queryStart = req.originalUrl.indexOf('?')
  if (queryStart === -1) return next()
  let search: URLSearchParams
  try {
    // Decode strictly first: URLSearchParams would silently keep broken escapes.
    const raw = req.originalUrl.slice(queryStart + 1)
    decodeURIComponent(raw.replace(/\+/g, ' '))
    search = new URLSearchParams(raw)
  } catch {
    res.status(400).json(errorBody('the query string has an invalid percent-encoding'))
    return
  }
  const problem = findQueryProblem(search)
  if (problem) {
    res.status(400).json(errorBody(problem))
    return
  }
  next()
}
