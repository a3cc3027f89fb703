import { Forbidden, type CollectionBeforeChangeHook } from 'payload'

import { canPublish } from '../access/roles.ts'

/**
 * Only editors and admins may make a document published. Runs for every write path that
 * changes a document (create, update, bulk update, duplicate, restore a version), so a
 * contributor cannot publish by any side door. Server code acting without a user
 * (imports, jobs) is not restricted here: it states `_status` explicitly.
 */
export const enforcePublishRights: CollectionBeforeChangeHook = ({ data, req }) => {
  if (req.user && !canPublish(req.user) && data?._status === 'published') {
    throw new Forbidden(req.t)
  }
  return data
}
