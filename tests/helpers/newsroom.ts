import { expect } from 'vitest'

import {
  FIXTURE_AUTHOR,
  FIXTURE_SOURCE,
  paragraph,
  publishedFixturePost,
  SECRET,
} from './fixtures.ts'
import { startProductionServer, type RunningServer } from './server.ts'

export { SECRET }

export const PASSWORD = 'correct-horse-battery-staple'
export const ROLES = ['admin', 'editor', 'contributor'] as const
export type Role = (typeof ROLES)[number]
export const EMAILS: Record<Role, string> = {
  admin: 'admin@example.test',
  editor: 'editor@example.test',
  contributor: 'writer@example.test',
}

export type HttpAnswer = { status: number; headers: Headers; text: string; body: any }

/** One HTTP request to a running server; the body is parsed as JSON when it is JSON. */
export type Http = (
  path: string,
  init?: RequestInit & { token?: string; json?: unknown },
) => Promise<HttpAnswer>

export const httpClient =
  (baseUrl: () => string): Http =>
  async (path, { token, json, headers, ...init } = {}) => {
    const response = await fetch(`${baseUrl()}${path}`, {
      ...init,
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
      headers: {
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `JWT ${token}` } : {}),
        ...(headers as Record<string, string> | undefined),
      },
    })
    const text = await response.text()
    let body: unknown = undefined
    try {
      body = JSON.parse(text)
    } catch {
      // not JSON: the text is kept
    }
    return { status: response.status, headers: response.headers, text, body }
  }

/** A GraphQL request body as sent by front ends. */
export const gql = (query: string, variables?: Record<string, unknown>) => ({
  method: 'POST',
  json: variables ? { query, variables } : { query },
})

export type Newsroom = Awaited<ReturnType<typeof startNewsroom>>

/**
 * Starts the production server on a fresh database and fills it over HTTP, as staff would:
 * an admin (first registration), an editor and a contributor; an author with a staff-only
 * email; a published post, a never-published draft, a published post with a newer secret
 * draft, a trashed post, a published digest linking the draft, and a draft digest.
 * Everything unpublished carries `SECRET`, so no anonymous answer may contain it.
 */
export const startNewsroom = async ({ env = {} }: { env?: Record<string, string> } = {}) => {
  const server: RunningServer = await startProductionServer({ env })
  const http = httpClient(() => server.baseUrl)
  const ok = async (answer: Promise<HttpAnswer>, what: string) => {
    const result = await answer
    const log = result.status >= 500 ? `\n${server.output().slice(-3000)}` : ''
    expect(result.status, `${what}: ${result.text}${log}`).toBeLessThan(300)
    return result.body
  }

  const first = await ok(
    http('/api/users/first-register', {
      method: 'POST',
      json: { email: EMAILS.admin, name: 'Ada Admin', password: PASSWORD },
    }),
    'first admin',
  )
  const tokens: Record<Role, string> = { admin: first.token, editor: '', contributor: '' }
  const userIds: Record<Role, number | string> = {
    admin: first.user.id,
    editor: '',
    contributor: '',
  }
  for (const role of ['editor', 'contributor'] as const) {
    const created = await ok(
      http('/api/users', {
        method: 'POST',
        token: tokens.admin,
        json: { email: EMAILS[role], name: `The ${role}`, password: PASSWORD, role },
      }),
      `create ${role}`,
    )
    userIds[role] = created.doc.id
    const login = await ok(
      http('/api/users/login', {
        method: 'POST',
        json: { email: EMAILS[role], password: PASSWORD },
      }),
      `login ${role}`,
    )
    tokens[role] = login.token
  }

  const create = async (collection: string, data: Record<string, unknown>, draft = false) =>
    (
      await ok(
        http(`/api/${collection}${draft ? '?draft=true' : ''}`, {
          method: 'POST',
          token: tokens.admin,
          json: data,
        }),
        `create ${collection}`,
      )
    ).doc as { id: number | string; slug?: string }

  const author = await create('authors', FIXTURE_AUTHOR)
  const source = await create('sources', FIXTURE_SOURCE)
  const published = await create('posts', publishedFixturePost(author.id, source.id))
  const draft = await create(
    'posts',
    {
      title: `${SECRET} never published`,
      author: author.id,
      sources: [source.id],
      excerpt: `${SECRET} excerpt`,
      content: paragraph(`${SECRET} body`),
      _status: 'draft',
    },
    true,
  )
  const liveWithDraft = await create('posts', {
    title: 'Live title',
    author: author.id,
    excerpt: 'Live excerpt',
    _status: 'published',
  })
  await ok(
    http(`/api/posts/${liveWithDraft.id}?draft=true`, {
      method: 'PATCH',
      token: tokens.admin,
      json: {
        title: `${SECRET} pending edit`,
        excerpt: `${SECRET} pending excerpt`,
        _status: 'draft',
      },
    }),
    'draft edit',
  )
  const trashed = await create('posts', {
    title: `${SECRET} trashed`,
    author: author.id,
    _status: 'published',
  })
  await ok(
    // Moving to the trash is an update; DELETE removes for good.
    http(`/api/posts/${trashed.id}`, {
      method: 'PATCH',
      token: tokens.admin,
      json: { deletedAt: new Date().toISOString() },
    }),
    'trash',
  )
  const digest = await create('digests', {
    title: 'Published digest',
    issueNumber: 1,
    items: [
      { body: paragraph('Item linking a draft'), post: draft.id, source: source.id },
      { heading: 'In English', body: paragraph('Item linking a live post'), post: published.id },
    ],
    relatedPosts: [draft.id, published.id, liveWithDraft.id, trashed.id],
    _status: 'published',
  })
  const draftDigest = await create(
    'digests',
    { title: `${SECRET} digest`, issueNumber: 2, _status: 'draft' },
    true,
  )
  return {
    server,
    http,
    tokens,
    userIds,
    docs: { author, source, published, draft, liveWithDraft, trashed, digest, draftDigest },
    stop: () => server.stop(),
  }
}
