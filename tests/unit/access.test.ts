import type { PayloadRequest } from 'payload'
import { describe, expect, it } from 'vitest'

import {
  adminOrSelf,
  editorsOrSelf,
  isAdmin,
  isEditor,
  isStaff,
  publicOrStaff,
  publishedAndNotTrashed,
  publishedOrStaff,
} from '../../collections/access/index.ts'
import { contributorUpdate } from '../../collections/access/contributorUpdate.ts'
import { canPublish, hasRole, roleOf } from '../../lib/roles.ts'
import {
  publicReadLimits,
  MAX_PUBLIC_DEPTH,
  MAX_PUBLIC_LIMIT,
} from '../../collections/hooks/publicReadLimits.ts'

const user = (role: string | undefined) => (role === undefined ? null : { id: 7, role })
const reqFor = (role: string | undefined) => ({
  req: { user: user(role) } as unknown as PayloadRequest,
})

const ownEditable = {
  and: [{ owner: { equals: 7 } }, { stage: { in: ['draft', 'changes_requested'] } }],
}

describe('access predicates', () => {
  it.each([
    // role,        isStaff, isEditor, isAdmin, publishedOrStaff,        contributorUpdate
    [undefined, false, false, false, publishedAndNotTrashed, false],
    ['contributor', true, false, false, true, ownEditable],
    ['editor', true, true, false, true, true],
    ['admin', true, true, true, true, true],
    ['intruder', false, false, false, publishedAndNotTrashed, false],
  ])('should decide for role %s', (role, staff, editor, admin, published, update) => {
    const args = reqFor(role)
    expect(isStaff(args as never)).toBe(staff)
    expect(isEditor(args as never)).toBe(editor)
    expect(isAdmin(args as never)).toBe(admin)
    expect(publishedOrStaff(args as never)).toEqual(published)
    expect(contributorUpdate(args as never)).toEqual(update)
  })

  it('should let anonymous callers read only non-trashed authors and sources', () => {
    expect(publicOrStaff(reqFor(undefined) as never)).toEqual({ deletedAt: { exists: false } })
  })

  it.each([
    [undefined, false],
    ['contributor', { id: { equals: 7 } }],
    ['editor', true],
    ['admin', true],
  ])('should let %s read staff accounts as %j', (role, expected) => {
    expect(editorsOrSelf(reqFor(role) as never)).toEqual(expected)
  })

  it.each([
    [undefined, false],
    ['contributor', { id: { equals: 7 } }],
    ['editor', { id: { equals: 7 } }],
    ['admin', true],
  ])('should let %s update users as %j', (role, expected) => {
    expect(adminOrSelf(reqFor(role) as never)).toEqual(expected)
  })

  it.each([
    [{ role: 'admin' }, 'admin'],
    [{ role: 'ADMIN' }, undefined],
    [{ role: ['admin'] }, undefined],
    [null, undefined],
    [undefined, undefined],
  ])('should read the role of %j as %s', (value, expected) => {
    expect(roleOf(value)).toBe(expected)
  })

  it('should let only editors and admins publish', () => {
    expect(['admin', 'editor', 'contributor'].map((role) => canPublish({ role }))).toEqual([
      true,
      true,
      false,
    ])
    expect(hasRole({ role: 'editor' }, 'admin')).toBe(false)
  })
})

describe('publicReadLimits', () => {
  const run = (role: string | undefined, args: Record<string, unknown>, operation = 'read') =>
    publicReadLimits({
      args: args as never,
      operation: operation as never,
      req: { user: user(role) } as never,
      collection: {} as never,
      context: {},
    })

  it.each([
    [{ limit: 0 }, { limit: MAX_PUBLIC_LIMIT }],
    [{ limit: -1 }, { limit: MAX_PUBLIC_LIMIT }],
    [{ limit: 5000 }, { limit: MAX_PUBLIC_LIMIT }],
    [{ limit: 25 }, { limit: 25 }],
    [{ limit: Number.NaN }, { limit: MAX_PUBLIC_LIMIT }],
    [{ depth: 50 }, { depth: MAX_PUBLIC_DEPTH }],
    [{ depth: -3 }, { depth: 0 }],
    [
      { draft: true, trash: true, pagination: false },
      { draft: false, trash: false, pagination: true },
    ],
  ])('should clamp anonymous %j to %j', (args, expected) => {
    expect(run(undefined, args)).toMatchObject(expected)
  })

  it('should leave staff reads alone', () => {
    expect(run('editor', { limit: 0, draft: true })).toEqual({ limit: 0, draft: true })
  })

  it('should leave writes alone', () => {
    expect(run(undefined, { draft: true }, 'create')).toEqual({ draft: true })
  })

  it('should leave trusted server reads alone', () => {
    expect(run(undefined, { limit: 0, overrideAccess: true })).toEqual({
      limit: 0,
      overrideAccess: true,
    })
  })
})
