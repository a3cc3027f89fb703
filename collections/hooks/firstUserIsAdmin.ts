import type { CollectionBeforeChangeHook } from 'payload'

import { slugs } from '../slugs.ts'

/** The first account ever created becomes an admin, whatever role was asked for. */
export const firstUserIsAdmin: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const { totalDocs } = await req.payload.count({
    collection: slugs.users,
    overrideAccess: true,
    req,
  })
  return totalDocs === 0 ? { ...data, role: 'admin' } : data
}
