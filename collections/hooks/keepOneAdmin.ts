import {
  ValidationError,
  type CollectionBeforeChangeHook,
  type CollectionBeforeDeleteHook,
  type PayloadRequest,
} from 'payload'

import { slugs } from '../slugs.ts'

const countAdmins = async (req: PayloadRequest): Promise<number> =>
  (
    await req.payload.count({
      collection: slugs.users,
      overrideAccess: true,
      req,
      where: { role: { equals: 'admin' } },
    })
  ).totalDocs

const lastAdminError = (req: PayloadRequest) =>
  new ValidationError({
    collection: slugs.users,
    errors: [
      { message: 'This is the last admin account: make another user admin first.', path: 'role' },
    ],
    req,
  })

/** Refuses to demote the last admin, so the CMS always keeps someone who can manage users. */
export const keepOneAdminOnChange: CollectionBeforeChangeHook = async ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (
    operation === 'update' &&
    (originalDoc as { role?: string } | undefined)?.role === 'admin' &&
    data.role &&
    data.role !== 'admin'
  ) {
    if ((await countAdmins(req)) <= 1) throw lastAdminError(req)
  }
  return data
}

/** Refuses to delete the last admin account. */
export const keepOneAdminOnDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const user = await req.payload.findByID({
    collection: slugs.users,
    id,
    overrideAccess: true,
    req,
    disableErrors: true,
  })
  if (user?.role === 'admin' && (await countAdmins(req)) <= 1) throw lastAdminError(req)
}
