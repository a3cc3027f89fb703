/**
 * Who may do what: the staff roles and the predicates every rule is written with. Access
 * functions (collections/access), the workflow's transitions (lib/workflow.ts) and the admin
 * components all ask these, so changing who may publish is one edit here.
 */

export const ROLES = ['admin', 'editor', 'contributor'] as const
export type Role = (typeof ROLES)[number]

/** The role of a logged-in user, or undefined for anonymous callers and unknown roles. */
export const roleOf = (user: unknown): Role | undefined => {
  const role = (user as { role?: unknown } | null | undefined)?.role
  return ROLES.find((known) => known === role)
}

/** True when the user holds one of the given roles. */
export const hasRole = (user: unknown, ...roles: Role[]): boolean => {
  const role = roleOf(user)
  return role !== undefined && roles.includes(role)
}

/** Any logged-in staff member (admin, editor or contributor). */
export const isStaffUser = (user: unknown): boolean => roleOf(user) !== undefined

/** Editors and admins: may publish, unpublish and delete content. */
export const canPublish = (user: unknown): boolean => hasRole(user, 'admin', 'editor')

export const isAdminUser = (user: unknown): boolean => hasRole(user, 'admin')

/** A role's predicate, asked of a stand-in user holding only that role. */
export const roleCan = (role: Role | undefined, predicate: (user: unknown) => boolean): boolean =>
  role !== undefined && predicate({ role })
