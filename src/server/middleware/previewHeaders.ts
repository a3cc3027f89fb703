import type { NextFunction, Request, Response } from 'express'

import { PREVIEW_PAGE_CSP } from '../../../lib/previewLinks.ts'

/**
 * The preview page's own Content-Security-Policy (`/api/preview/:token`) in place of the
 * site-wide one: Next does not replace a header the server has already set, so the one the
 * endpoint sends would otherwise be dropped.
 */
export const previewPageHeaders = (_req: Request, res: Response, next: NextFunction) => {
  res.setHeader('content-security-policy', PREVIEW_PAGE_CSP)
  next()
}
