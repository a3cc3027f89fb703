import type { Access } from 'payload'

import { canPublish, isStaffUser } from './roles.ts'

/**
 * Editors and admins update anything; contributors only documents that are not published
 * (so they can neither change live content nor take it offline); others nothing.
 */
export const contributorUpdate: Access = ({ req: { user } }) => {
  if (canPublish(user)) return true
  if (isStaffUser(user)) return { _status: { not_equals: 'published' } }
  return false
}
