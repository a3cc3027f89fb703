import type { CollectionAfterReadHook } from 'payload'

/**
 * A user's login sessions (ids and expiry times) are theirs alone: staff who may read other
 * accounts, or see them as a post's owner, get everything but `sessions`. Payload's own
 * session check reads the account before `req.user` is set, so it still sees them.
 */
export const privateSessions: CollectionAfterReadHook = ({ doc, req }): unknown => {
  const document = doc as { id?: unknown; sessions?: unknown }
  if (req.user && String(req.user.id) !== String(document.id) && 'sessions' in document) {
    const { sessions: _hidden, ...rest } = document
    return rest
  }
  return document
}
