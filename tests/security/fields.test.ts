/**
 * Fields a caller may not read must not be readable indirectly either: not by filtering on
 * them (an oracle: does the answer change with the filter?), not by sorting on them, not
 * through a relationship path, not through mixed-case `and`/`or`, not over GraphQL.
 *
 * Each probe asks the same question twice with opposite filters; if the field were honoured,
 * the two answers would differ. They must be equal, or both refused with a 4xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  EMAILS,
  gql,
  SECRET,
  startNewsroom,
  type HttpAnswer,
  type Newsroom,
  type Role,
} from '../helpers/newsroom.ts'

let room: Newsroom

beforeAll(async () => {
  room = await startNewsroom()
  // A second author, so sorting on a hidden field would show in the order.
  const second = await room.http('/api/authors', {
    method: 'POST',
    token: room.tokens.admin,
    json: { name: 'Zed Author', email: 'aaa-first@example.test' },
  })
  expect(second.status).toBe(201)
  // A pending reset token and a failed attempt on the editor's account, to filter on.
  await room.http('/api/users/forgot-password', { method: 'POST', json: { email: EMAILS.editor } })
  await room.http('/api/users/login', {
    method: 'POST',
    json: { email: EMAILS.editor, password: 'wrong-password' },
  })
})

afterAll(async () => {
  await room?.stop()
})

/** What an answer tells the caller: its status and, when it succeeded, the ids in order. */
const signal = (answer: HttpAnswer) => {
  expect(answer.status, answer.text.slice(0, 300)).toBeLessThan(500)
  if (answer.status >= 400) {
    expect(answer.body?.errors?.[0]?.message, 'a refusal names the problem').toBeTruthy()
    return `refused ${answer.status}`
  }
  const docs = (answer.body.docs ?? []) as { id: unknown }[]
  return JSON.stringify({ ids: docs.map((doc) => doc.id), total: answer.body.totalDocs })
}

const expectNoOracle = async ({ paths, token }: { paths: [string, string]; token?: string }) => {
  const [a, b] = await Promise.all(paths.map((path) => room.http(path, { token })))
  expect(a.text).not.toContain(SECRET)
  expect(signal(a), `${paths[0]} vs ${paths[1]}`).toBe(signal(b))
}

describe('anonymous callers and staff-only fields', () => {
  it.each([
    [`/api/authors?where[email][like]=${SECRET}`, '/api/authors?where[email][like]=zzzz'],
    ['/api/authors?where[email][exists]=true', '/api/authors?where[email][exists]=false'],
    ['/api/authors?sort=email', '/api/authors?sort=-email'],
    [`/api/posts?where[author.email][like]=${SECRET}`, '/api/posts?where[author.email][like]=zz'],
    [
      `/api/posts?where[or][0][author.email][like]=${SECRET}&where[or][1][id][equals]=0`,
      '/api/posts?where[or][0][author.email][like]=zzzz&where[or][1][id][equals]=0',
    ],
    [
      `/api/posts?where[OR][0][author.email][like]=${SECRET}`,
      '/api/posts?where[OR][0][author.email][like]=zzzz',
    ],
    [
      `/api/posts?where[And][0][author.email][like]=${SECRET}`,
      '/api/posts?where[And][0][author.email][like]=zzzz',
    ],
    [
      `/api/digests?where[relatedPosts.author.email][like]=${SECRET}`,
      '/api/digests?where[relatedPosts.author.email][like]=zzzz',
    ],
    ['/api/posts?where[owner][exists]=true', '/api/posts?where[owner][exists]=false'],
    [
      '/api/posts?where[provenance.hash][exists]=true',
      '/api/posts?where[provenance.hash][exists]=false',
    ],
    ['/api/posts?where[author.email][exists]=true', '/api/posts?where[author.email][exists]=false'],
    ['/api/posts?sort=author.email', '/api/posts?sort=-author.email'],
    ['/api/posts?where[owner.email][like]=editor', '/api/posts?where[owner.email][like]=zzzz'],
    ['/api/posts?where[owner.role][equals]=admin', '/api/posts?where[owner.role][equals]=editor'],
  ])('should give nothing away: %s', async (...paths) => {
    await expectNoOracle({ paths })
  })

  it('should never return the staff-only fields', async () => {
    for (const path of ['/api/authors?depth=1', '/api/posts?depth=2', '/api/digests?depth=2']) {
      const answer = await room.http(path)
      expect(answer.status).toBe(200)
      expect(answer.text).not.toContain('@example.test')
      expect(answer.text).not.toMatch(/"(owner|lastEditedBy|provenance|email)"/)
    }
  })

  it('should refuse users to anonymous callers, however asked', async () => {
    for (const path of [
      '/api/users',
      '/api/users?where[email][exists]=true',
      `/api/users/${room.userIds.admin}`,
      '/api/users/count',
    ]) {
      const answer = await room.http(path)
      expect(answer.status, path).toBe(403)
    }
    const graphql = await room.http('/api/graphql', gql('{ Users { docs { email } } }'))
    expect(graphql.text).not.toContain('@example.test')
  })

  it('should not answer staff-only fields over GraphQL', async () => {
    for (const [a, b] of [
      [
        `{ Authors(where: { email: { like: "${SECRET}" } }) { docs { id } } }`,
        `{ Authors(where: { email: { like: "zzzz" } }) { docs { id } } }`,
      ],
      [
        `{ Posts(where: { OR: [{ owner: { exists: true } }] }) { docs { id } } }`,
        `{ Posts(where: { OR: [{ owner: { exists: false } }] }) { docs { id } } }`,
      ],
    ]) {
      const [left, right] = await Promise.all([a, b].map((q) => room.http('/api/graphql', gql(q))))
      expect(left.status).toBeLessThan(500)
      expect(JSON.stringify(left.body.data ?? null)).toBe(JSON.stringify(right.body.data ?? null))
    }
    const emails = await room.http('/api/graphql', gql('{ Authors { docs { name email } } }'))
    expect(emails.text).not.toContain('@example.test')
  })
})

describe('staff and hidden account fields', () => {
  const hidden = [
    'hash',
    'salt',
    'resetPasswordToken',
    'resetPasswordExpiration',
    'loginAttempts',
    'lockUntil',
  ]

  it.each(['admin', 'editor', 'contributor'] as Role[])(
    'should not let %s filter or sort users on hidden fields',
    async (role) => {
      const token = room.tokens[role]
      for (const field of hidden) {
        await expectNoOracle({
          token,
          paths: [
            `/api/users?where[${field}][exists]=true`,
            `/api/users?where[${field}][exists]=false`,
          ],
        })
        await expectNoOracle({
          token,
          paths: [
            `/api/users?where[or][0][${field}][exists]=true&where[or][1][id][equals]=0`,
            `/api/users?where[OR][0][${field}][exists]=false&where[OR][1][id][equals]=0`,
          ],
        })
        await expectNoOracle({
          token,
          paths: [`/api/users?sort=${field}&limit=1`, `/api/users?sort=-${field}&limit=1`],
        })
      }
    },
  )

  it('should not filter posts on their owner’s hidden fields', async () => {
    for (const field of hidden) {
      await expectNoOracle({
        token: room.tokens.contributor,
        paths: [
          `/api/posts?draft=true&where[owner.${field}][exists]=true`,
          `/api/posts?draft=true&where[owner.${field}][exists]=false`,
        ],
      })
    }
  })

  it.each(['admin', 'editor', 'contributor'] as Role[])(
    'should never show %s a password hash, salt or reset token',
    async (role) => {
      for (const path of ['/api/users?depth=0&limit=100', '/api/users/me']) {
        const answer = await room.http(path, { token: room.tokens[role] })
        expect(answer.status).toBe(200)
        for (const field of hidden.slice(0, 3)) expect(answer.text).not.toContain(`"${field}"`)
      }
      const graphql = await room.http('/api/graphql', {
        ...gql('{ Users { docs { email hash salt resetPasswordToken } } }'),
        token: room.tokens[role],
      })
      // The schema names them, but their values never leave the server.
      expect(graphql.status).toBeLessThan(500)
      for (const doc of (graphql.body.data?.Users?.docs ?? []) as Record<string, unknown>[]) {
        expect([doc.hash, doc.salt, doc.resetPasswordToken]).toEqual([null, null, null])
      }
      for (const field of ['hash', 'salt', 'resetPasswordToken', 'loginAttempts']) {
        const [a, b] = await Promise.all(
          ['true', 'false'].map((exists) =>
            room.http('/api/graphql', {
              ...gql(`{ Users(where: { ${field}: { exists: ${exists} } }) { docs { id } } }`),
              token: room.tokens[role],
            }),
          ),
        )
        expect(a.status).toBeLessThan(500)
        expect(JSON.stringify(a.body.data ?? null), field).toBe(JSON.stringify(b.body.data ?? null))
      }
    },
  )

  it('should show a contributor no other account, by any filter', async () => {
    const token = room.tokens.contributor
    for (const path of [
      '/api/users?limit=100',
      `/api/users?where[email][equals]=${EMAILS.editor}`,
      `/api/users?where[or][0][role][equals]=admin&where[or][1][role][equals]=editor`,
      `/api/users/${room.userIds.editor}`,
    ]) {
      const answer = await room.http(path, { token })
      expect(answer.text, path).not.toContain(EMAILS.editor)
      expect(answer.text, path).not.toContain(EMAILS.admin)
    }
  })
})

describe('accounts seen through relationships', () => {
  it('should not show a contributor other staff members’ accounts through a post’s owner', async () => {
    // The editor's own published post (a contributor reads no one else's drafts): its owner is
    // the editor.
    const created = await room.http('/api/posts', {
      method: 'POST',
      token: room.tokens.editor,
      json: { title: 'Owned by the editor', _status: 'published' },
    })
    expect(created.status).toBe(201)
    for (const depth of [1, 2, 3]) {
      const answer = await room.http(
        `/api/posts/${created.body.doc.id}?draft=true&depth=${depth}`,
        {
          token: room.tokens.contributor,
        },
      )
      expect(answer.status).toBe(200)
      expect(answer.text).not.toContain(EMAILS.editor)
      expect(answer.text).not.toContain('"sessions"')
    }
  })

  it('should show no one the login sessions of someone else', async () => {
    for (const role of ['admin', 'editor'] as Role[]) {
      const answer = await room.http('/api/users?limit=100&depth=0', { token: room.tokens[role] })
      for (const user of answer.body.docs as { id: number; sessions?: unknown }[]) {
        if (user.id !== room.userIds[role])
          expect(user.sessions, `${role} reading ${user.id}`).toBeUndefined()
      }
      const posts = await room.http('/api/posts?draft=true&depth=1&limit=100', {
        token: room.tokens[role],
      })
      const owners = (posts.body.docs as { owner?: { id: number; sessions?: unknown } }[])
        .map((post) => post.owner)
        .filter((owner) => owner && typeof owner === 'object' && owner.id !== room.userIds[role])
      for (const owner of owners) expect(owner!.sessions).toBeUndefined()
    }
  })
})
