import type { Access, FieldAccess } from 'payload'

/**
 * Notifications are private: each signed-in person reads, marks read and deletes only their
 * own, admins included; anonymous callers nothing. Nobody creates one through the API (the
 * server writes them with `overrideAccess`).
 */
export const ownNotifications: Access = ({ req: { user } }) =>
  user ? { recipient: { equals: user.id } } : false

/** Fields a reader may not change: everything but `readAt` (the server writes them). */
export const serverWrittenField: FieldAccess = () => false
