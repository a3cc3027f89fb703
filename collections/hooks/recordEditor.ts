import type { CollectionBeforeChangeHook } from 'payload'

import { slugs } from '../slugs.ts'

/**
 * Stamps `lastEditedBy` (collections/fields/lastEditedBy.ts) with the signed-in user making
 * this save, or empties it when there is none (the import, a job queued by the system), so a
 * version never claims the author of the one before it. Restoring a version counts as a save
 * by whoever restores it.
 */
export const recordEditor: CollectionBeforeChangeHook = ({ data, req: { user } }) => ({
  ...data,
  lastEditedBy: user?.collection === slugs.users ? user.id : null,
})
