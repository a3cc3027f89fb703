import type { Access, FieldAccess, Where } from 'payload'

import { canPublish, isAdminUser, isStaffUser } from '../../lib/roles.ts'

export { canPublish, hasRole, isAdminUser, isStaffUser } from '../../lib/roles.ts'

/** Filter that keeps only documents not in the trash. */
export const notTrashed: Where = { deletedAt: { exists: false } }

/** Filter that keeps only published, non-trashed documents. */
export const publishedAndNotTrashed: Where = {
  and: [{ _status: { equals: 'published' } }, notTrashed],
}

export const anyone: Access = () => true
export const nobody: Access = () => false
export const isStaff: Access = ({ req: { user } }) => isStaffUser(user)
export const isEditor: Access = ({ req: { user } }) => canPublish(user)
export const isAdmin: Access = ({ req: { user } }) => isAdminUser(user)

/** Staff read everything; everyone else reads only published, non-trashed documents. */
export const publishedOrStaff: Access = ({ req: { user } }) =>
  isStaffUser(user) ? true : publishedAndNotTrashed

/** Staff read everything; everyone else reads only non-trashed documents. */
export const publicOrStaff: Access = ({ req: { user } }) => (isStaffUser(user) ? true : notTrashed)

/** Admins update every user; other staff only themselves; anonymous callers nothing. */
export const adminOrSelf: Access = ({ req: { user } }) => {
  if (isAdminUser(user)) return true
  if (user) return { id: { equals: user.id } }
  return false
}

/**
 * Editors and admins read every staff account (to assign owners and see who did what);
 * contributors only their own; anonymous callers nothing.
 */
export const editorsOrSelf: Access = ({ req: { user } }) => {
  if (canPublish(user)) return true
  if (user) return { id: { equals: user.id } }
  return false
}

/**
 * Preview links: editors and admins see and revoke them all; a contributor the links they made
 * (another's link names a document that may be someone else's draft); anonymous callers none.
 */
export const editorsOrOwnLinks: Access = ({ req: { user } }) => {
  if (canPublish(user)) return true
  if (user && isStaffUser(user)) return { createdBy: { equals: user.id } }
  return false
}

/** A field of an account that only its owner and admins see and change (a preference). */
export const adminOrSelfField: FieldAccess = ({ req: { user }, id, doc }) =>
  isAdminUser(user) ||
  (user !== null &&
    user !== undefined &&
    String(id ?? (doc as { id?: unknown })?.id) === String(user.id))

export const isStaffField: FieldAccess = ({ req: { user } }) => isStaffUser(user)
export const isAdminField: FieldAccess = ({ req: { user } }) => isAdminUser(user)
export const isEditorField: FieldAccess = ({ req: { user } }) => canPublish(user)
