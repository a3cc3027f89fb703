import type { CollectionConfig, FieldHook, TextFieldSingleValidation } from 'payload'

import { parsePasswordResetSeconds } from '../lib/envValues.ts'
import { errorBody } from '../lib/errors.ts'
import { ROLES } from '../lib/roles.ts'
import {
  adminOrSelf,
  adminOrSelfField,
  editorsOrSelf,
  isAdmin,
  isAdminField,
  isStaffUser,
} from './access/index.ts'
import { authRateLimit } from './hooks/authRateLimit.ts'
import { firstUserIsAdmin } from './hooks/firstUserIsAdmin.ts'
import { keepOneAdminOnChange, keepOneAdminOnDelete } from './hooks/keepOneAdmin.ts'
import { stampLoginStart } from './hooks/loginTiming.ts'
import { privateSessions } from './hooks/privateSessions.ts'
import { slugs } from './slugs.ts'

/** Failed logins before an account locks, and for how long. */
export const MAX_LOGIN_ATTEMPTS = 5
export const LOCK_TIME_MS = 15 * 60 * 1000

/** The longest name a person can have here. */
export const MAX_NAME_LENGTH = 100

const trimmed: FieldHook = ({ value }): unknown =>
  typeof value === 'string' ? value.trim() : value

/** A name is required: accounts made before it was were named from their email (migration). */
const validatePersonName: TextFieldSingleValidation = (value) => {
  if (typeof value !== 'string' || value.trim() === '') {
    return 'Enter the person’s name: it is how they appear in the admin (owner, lists, history).'
  }
  return value.trim().length <= MAX_NAME_LENGTH
    ? true
    : `A name can be at most ${MAX_NAME_LENGTH} characters long (this one has ${value.trim().length}).`
}

/** Staff accounts that log in to the admin panel. Never exposed through content. */
export const Users: CollectionConfig = {
  slug: slugs.users,
  admin: {
    // People appear by name everywhere in the admin: owner fields, list cells, pickers, account.
    useAsTitle: 'name',
    defaultColumns: ['name', 'email', 'role', 'updatedAt'],
    listSearchableFields: ['name', 'email'],
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
    {
      name: 'name',
      type: 'text',
      required: true,
      maxLength: MAX_NAME_LENGTH,
      validate: validatePersonName,
      hooks: { beforeValidate: [trimmed] },
      admin: { description: 'How the person appears in the admin: owner, lists, history.' },
    },
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
    {
      // A personal preference: each person (and admins) sees and changes it, not colleagues.
      name: 'notifyByEmail',
      type: 'checkbox',
      label: 'Email me my notifications',
      defaultValue: true,
      access: { read: adminOrSelfField, update: adminOrSelfField },
      admin: {
        position: 'sidebar',
        description:
          'Review requests, changes requested, approvals, publishing and failed schedules, by email as well as under the bell.',
        condition: (_data, _siblingData, { user }) => Boolean(user),
      },
    },
  ],
}
