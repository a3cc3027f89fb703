import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Role } from '../../lib/roles.ts'
import { createContentFixtures, type ContentFixtures } from '../helpers/fixtures.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'

let cms: TestCms
let f: ContentFixtures
const users: Partial<Record<Role, Awaited<ReturnType<TestCms['userWithRole']>>>> = {}

beforeAll(async () => {
  cms = await startTestCms()
  f = await createContentFixtures(cms.payload)
  for (const role of ['admin', 'editor', 'contributor'] as const) {
    users[role] = await cms.userWithRole(role)
  }
})
afterAll(async () => {
  await cms?.close()
})

type Actor = Role | 'anonymous'

/** The Local API as this actor, with access enforced. */
const as = async (actor: Actor) => {
  if (actor === 'anonymous') return { overrideAccess: false as const }
  const user = await cms.payload.findByID({
    collection: 'users',
    id: users[actor]!.id,
    overrideAccess: true,
  })
  return { overrideAccess: false as const, user: { ...user, collection: 'users' as const } }
}

let counter = 0
const newTitle = () => `Matrix post ${++counter}`

const operations = {
  'read a draft': async (actor: Actor) => {
    await cms.payload.findByID({
      collection: 'posts',
      id: f.draft.id,
      draft: true,
      ...(await as(actor)),
    })
  },
  'read a published post': async (actor: Actor) => {
    await cms.payload.findByID({ collection: 'posts', id: f.published.id, ...(await as(actor)) })
  },
  'create a draft': async (actor: Actor) => {
    await cms.payload.create({
      collection: 'posts',
      data: { title: newTitle(), _status: 'draft' },
      draft: true,
      ...(await as(actor)),
    })
  },
  'create a published post': async (actor: Actor) => {
    await cms.payload.create({
      collection: 'posts',
      data: { title: newTitle(), _status: 'published' },
      ...(await as(actor)),
    })
  },
  'publish a draft': async (actor: Actor) => {
    const draft = await cms.payload.create({
      collection: 'posts',
      data: { title: newTitle(), _status: 'draft' },
      draft: true,
      overrideAccess: true,
    })
    await cms.payload.update({
      collection: 'posts',
      id: draft.id,
      data: { _status: 'published' },
      ...(await as(actor)),
    })
  },
  'unpublish a post': async (actor: Actor) => {
    const post = await cms.payload.create({
      collection: 'posts',
      data: { title: newTitle(), _status: 'published' },
      overrideAccess: true,
    })
    await cms.payload.update({
      collection: 'posts',
      id: post.id,
      data: { _status: 'draft' },
      ...(await as(actor)),
    })
  },
  'delete a post': async (actor: Actor) => {
    const post = await cms.payload.create({
      collection: 'posts',
      data: { title: newTitle(), _status: 'draft' },
      draft: true,
      overrideAccess: true,
    })
    await cms.payload.delete({ collection: 'posts', id: post.id, ...(await as(actor)) })
  },
  'manage users': async (actor: Actor) => {
    await cms.payload.create({
      collection: 'users',
      data: {
        email: `made-by-${actor}-${++counter}@example.test`,
        name: `Made by ${actor}`,
        password: 'a-long-password-1',
        role: 'editor',
      },
      ...(await as(actor)),
    })
  },
}

type Operation = keyof typeof operations
const ALL = Object.keys(operations) as Operation[]
const allowed: Record<Actor, Operation[]> = {
  anonymous: ['read a published post'],
  // The draft is an unowned import: contributors read only their own drafts
  // (tests/integration/contributor-isolation.test.ts).
  contributor: ['read a published post', 'create a draft'],
  editor: ALL.filter((op) => op !== 'manage users'),
  admin: ALL,
}

const cases = (Object.keys(allowed) as Actor[]).flatMap((actor) =>
  ALL.map((operation) => ({ actor, operation, isAllowed: allowed[actor].includes(operation) })),
)

describe('role × operation matrix (Local API, access enforced)', () => {
  it.each(cases.filter((c) => c.isAllowed))(
    'should let $actor $operation',
    async ({ actor, operation }) => {
      await expect(operations[operation](actor)).resolves.toBeUndefined()
    },
  )

  it.each(cases.filter((c) => !c.isAllowed))(
    'should refuse to let $actor $operation',
    async ({ actor, operation }) => {
      await expect(operations[operation](actor)).rejects.toThrow(/not allowed|not found|cannot/i)
    },
  )
})

describe('refused writes leave the document unchanged', () => {
  it('should keep a draft unpublished after a contributor tries to publish it', async () => {
    const draft = await cms.payload.create({
      collection: 'posts',
      data: { title: 'Stays a draft', _status: 'draft' },
      draft: true,
      overrideAccess: true,
    })
    await expect(
      cms.payload.update({
        collection: 'posts',
        id: draft.id,
        data: { title: 'Changed', _status: 'published' },
        ...(await as('contributor')),
      }),
    ).rejects.toThrow(/not allowed/i)
    const after = await cms.payload.findByID({
      collection: 'posts',
      id: draft.id,
      overrideAccess: true,
    })
    expect(after).toMatchObject({ title: 'Stays a draft', _status: 'draft' })
  })

  it('should refuse a contributor publishing their own draft through a bulk update', async () => {
    const draft = await cms.payload.create({
      collection: 'posts',
      data: { title: 'Bulk target', _status: 'draft', owner: users.contributor!.id as number },
      draft: true,
      overrideAccess: true,
    })
    const result = await cms.payload.update({
      collection: 'posts',
      where: { id: { equals: draft.id } },
      data: { _status: 'published' },
      ...(await as('contributor')),
    })
    expect(result.docs).toHaveLength(0)
    expect(result.errors).toEqual([
      expect.objectContaining({ message: 'Contributors cannot publish: ask an editor.' }),
    ])
    const after = await cms.payload.findByID({
      collection: 'posts',
      id: draft.id,
      overrideAccess: true,
    })
    expect(after._status).toBe('draft')
  })

  it("should not let a contributor bulk-edit someone else's draft", async () => {
    const draft = await cms.payload.create({
      collection: 'posts',
      data: { title: 'Not yours', _status: 'draft' },
      draft: true,
      overrideAccess: true,
    })
    const result = await cms.payload.update({
      collection: 'posts',
      where: { id: { equals: draft.id } },
      data: { title: 'Taken over', _status: 'published' },
      ...(await as('contributor')),
    })
    expect(result.docs).toHaveLength(0)
    const after = await cms.payload.findByID({
      collection: 'posts',
      id: draft.id,
      overrideAccess: true,
    })
    expect(after).toMatchObject({ title: 'Not yours', _status: 'draft' })
  })

  it('should refuse a contributor publishing over REST', async () => {
    const { status } = await cms.rest({
      method: 'POST',
      path: '/api/posts',
      token: users.contributor!.token,
      body: { title: 'REST publish attempt', _status: 'published' },
    })
    expect(status).toBe(403)
    const { totalDocs } = await cms.payload.count({
      collection: 'posts',
      where: { title: { equals: 'REST publish attempt' } },
      overrideAccess: true,
    })
    expect(totalDocs).toBe(0)
  })

  it('should refuse a contributor publishing over GraphQL', async () => {
    const { body } = await cms.graphql({
      token: users.contributor!.token,
      query: `mutation { updatePost(id: ${JSON.stringify(f.draft.id)}, data: { _status: published }) { id } }`,
    })
    expect(body.errors?.[0]?.message).toMatch(/not allowed/i)
    const after = await cms.payload.findByID({
      collection: 'posts',
      id: f.draft.id,
      overrideAccess: true,
    })
    expect(after._status).toBe('draft')
  })

  it('should refuse a contributor changing their own role', async () => {
    const contributor = users.contributor!
    await cms.payload.update({
      collection: 'users',
      id: contributor.id,
      data: { role: 'admin' },
      ...(await as('contributor')),
    })
    const after = await cms.payload.findByID({
      collection: 'users',
      id: contributor.id,
      overrideAccess: true,
    })
    expect(after.role).toBe('contributor')
  })
})

describe('users', () => {
  it('should make the very first account an admin', async () => {
    const owner = await cms.payload.find({
      collection: 'users',
      where: { email: { equals: 'owner@example.test' } },
      overrideAccess: true,
    })
    expect(owner.docs[0].role).toBe('admin')
  })

  it('should let a contributor read only their own account', async () => {
    const { docs } = await cms.payload.find({ collection: 'users', ...(await as('contributor')) })
    expect(docs.map((u) => u.id)).toEqual([users.contributor!.id])
  })

  it('should refuse an editor unlocking an account', async () => {
    const { status } = await cms.rest({
      method: 'POST',
      path: '/api/users/unlock',
      token: users.editor!.token,
      body: { email: users.contributor!.email },
    })
    expect(status).toBe(403)
  })

  it('should lock an account after 5 failed logins', async () => {
    const target = await cms.userWithRole('contributor')
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expect(
        cms.payload.login({
          collection: 'users',
          data: { email: target.email, password: 'wrong-password' },
        }),
      ).rejects.toThrow()
    }
    await expect(
      cms.payload.login({
        collection: 'users',
        data: { email: target.email, password: target.password },
      }),
    ).rejects.toThrow(/locked/i)
  })

  it('should refuse to demote the last admin', async () => {
    const admins = await cms.payload.find({
      collection: 'users',
      where: { role: { equals: 'admin' } },
      overrideAccess: true,
    })
    for (const admin of admins.docs.slice(1)) {
      await cms.payload.update({
        collection: 'users',
        id: admin.id,
        data: { role: 'editor' },
        overrideAccess: true,
      })
    }
    await expect(
      cms.payload.update({
        collection: 'users',
        id: admins.docs[0].id,
        data: { role: 'editor' },
        overrideAccess: true,
      }),
    ).rejects.toMatchObject({
      data: { errors: [{ path: 'role', message: expect.stringMatching(/last admin/i) }] },
    })
  })
})
