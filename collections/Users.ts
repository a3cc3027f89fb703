import type { CollectionConfig } from 'payload'

import { parsePasswordResetSeconds } from '../lib/envValues.ts'
import { errorBody } from '../lib/errors.ts'
import { ROLES } from '../lib/roles.ts'
import { adminOrSelf, editorsOrSelf, isAdmin, isAdminField, isStaffUser } from './access/index.ts'
import { authRateLimit } from './hooks/authRateLimit.ts'
import { firstUserIsAdmin } from './hooks/firstUserIsAdmin.ts'
import { keepOneAdminOnChange, keepOneAdminOnDelete } from './hooks/keepOneAdmin.ts'
import { stampLoginStart } from './hooks/loginTiming.ts'
import { privateSessions } from './hooks/privateSessions.ts'
import { slugs } from './slugs.ts'

/** Failed logins before an account locks, and for how long. */
export const MAX_LOGIN_ATTEMPTS = 5
export const LOCK_TIME_MS = 15 * 60 * 1000

/** Staff accounts that log in to the admin panel. Never exposed through content. */
export const Users: CollectionConfig = {
  slug: slugs.users,
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['email', 'name', 'role', 'updatedAt'],
    group: 'Admin',
  },
  auth: {
    maxLoginAttempts: MAX_LOGIN_ATTEMPTS,
    lockTime: LOCK_TIME_MS,
    tokenExpiration: 8 * 60 * 60,
    // A reset link works once, and only for this long (validated at start by loadEnv).
    forgotPassword: {
      expiration: parsePasswordResetSeconds(process.env.PASSWORD_RESET_SECONDS) * 1000,
      // Payload's per-account interval writes outside the request's transaction, which on
      // SQLite waits on that very transaction and fails ("database is locked"). The same
      // throttle is kept per email address by authRateLimit instead.
      minRequestInterval: 0,
    },
    cookies: {
      sameSite: 'Lax',
      secure: process.env.SERVER_URL?.startsWith('https://') ?? false,
    },
  },
  access: {
    admin: ({ req: { user } }) => isStaffUser(user),
    read: editorsOrSelf,
    create: isAdmin,
    update: adminOrSelf,
    delete: isAdmin,
    unlock: isAdmin,
    readVersions: isAdmin,
  },
  endpoints: [
    {
      // Admins create accounts; nobody verifies an email here. Payload's own verify route
      // (listed after this one) answers every token with a 500 when verification is off.
      path: '/verify/:token',
      method: 'post',
      handler: () =>
        Response.json(errorBody('Email verification is not used: admins create accounts.'), {
          status: 404,
        }),
    },
  ],
  hooks: {
    beforeOperation: [stampLoginStart, authRateLimit],
    beforeChange: [firstUserIsAdmin, keepOneAdminOnChange],
    beforeDelete: [keepOneAdminOnDelete],
    afterRead: [privateSessions],
  },
  fields: [
    { name: 'name', type: 'text' },
    {
      name: 'role',
      type: 'select',
      required: true,
      defaultValue: 'contributor',
      options: ROLES.map((role) => ({ label: role[0].toUpperCase() + role.slice(1), value: role })),
      saveToJWT: true,
      admin: {
        position: 'sidebar',
        description: 'Admins manage users; editors review and publish; contributors write drafts.',
        // Hidden on the create-first-user screen: the first account is always an admin.
        condition: (_data, _siblingData, { user }) => Boolean(user),
      },
      access: { create: isAdminField, update: isAdminField },
    },
  ],
}
