/**
 * CSRF and CORS over HTTP: a browser holding an editor's session cookie must not be able to
 * write from another site, and other sites' scripts must not read staff answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { EMAILS, PASSWORD, startNewsroom, type Newsroom } from '../helpers/newsroom.ts'

const FRONT_END = 'https://front.example.org'
const EVIL = 'https://evil.example.net'

let room: Newsroom
let cookie: string

beforeAll(async () => {
  room = await startNewsroom({ env: { CORS_ORIGINS: FRONT_END } })
  const login = await room.http('/api/users/login', {
    method: 'POST',
    json: { email: EMAILS.editor, password: PASSWORD },
  })
  const setCookie = login.headers.get('set-cookie') ?? ''
  cookie = /payload-token=[^;]+/.exec(setCookie)?.[0] ?? ''
  expect(cookie, setCookie).not.toBe('')
  expect(setCookie).toMatch(/HttpOnly/i)
  expect(setCookie).toMatch(/SameSite=Lax/i)
})

afterAll(async () => {
  await room?.stop()
})

const withCookie = (origin: string | undefined, extra: Record<string, string> = {}) => ({
  cookie,
  ...(origin === undefined ? {} : { origin }),
  ...extra,
})

const postTitles = async () =>
  (
    (await room.http('/api/posts?draft=true&limit=100&depth=0', { token: room.tokens.admin })).body
      .docs as { title: string }[]
  ).map((doc) => doc.title)

describe('cookie-authenticated writes', () => {
  it('should work from the CMS itself (the control case)', async () => {
    const answer = await room.http('/api/posts?draft=true', {
      method: 'POST',
      json: { title: 'Written from the admin panel' },
      headers: withCookie(room.server.baseUrl),
    })
    expect(answer.status, answer.text).toBe(201)
  })

  it.each([[EVIL], ['null'], ['http://localhost.evil.example.net']])(
    'should refuse every write from Origin %s',
    async (origin) => {
      const id = room.docs.published.id
      const attempts = [
        room.http('/api/posts?draft=true', {
          method: 'POST',
          json: { title: 'CSRF create' },
          headers: withCookie(origin),
        }),
        room.http(`/api/posts/${id}`, {
          method: 'PATCH',
          json: { title: 'CSRF edit' },
          headers: withCookie(origin),
        }),
        room.http(`/api/posts/${id}`, { method: 'DELETE', headers: withCookie(origin) }),
        room.http('/api/graphql', {
          method: 'POST',
          json: { query: 'mutation { createPost(data: { title: "CSRF graphql" }) { id } }' },
          headers: withCookie(origin),
        }),
        room.http('/api/posts?draft=true', {
          method: 'POST',
          body: JSON.stringify({ title: 'CSRF text/plain' }),
          headers: withCookie(origin, { 'content-type': 'text/plain' }),
        }),
        room.http(`/api/users/${room.userIds.editor}`, {
          method: 'PATCH',
          json: { password: 'csrf-password' },
          headers: withCookie(origin),
        }),
      ]
      for (const [index, answer] of (await Promise.all(attempts)).entries()) {
        expect(answer.status, `attempt ${index}: ${answer.text}`).toBeLessThan(500)
        const graphqlRefused = answer.body?.data?.createPost === null || answer.body?.errors
        expect(answer.status >= 400 || Boolean(graphqlRefused), answer.text).toBe(true)
      }
      const titles = await postTitles()
      expect(titles.filter((title) => title.startsWith('CSRF'))).toEqual([])
      expect(titles).toContain('Published fixture post')
      const login = await room.http('/api/users/login', {
        method: 'POST',
        json: { email: EMAILS.editor, password: PASSWORD },
      })
      expect(login.status).toBe(200)
    },
  )

  it('should not let another site read who is signed in', async () => {
    const me = await room.http('/api/users/me', { headers: withCookie(EVIL) })
    expect(me.body.user ?? null).toBeNull()
  })
})

describe('CORS', () => {
  it('should allow the configured front end, with credentials', async () => {
    const preflight = await room.http('/api/posts', {
      method: 'OPTIONS',
      headers: { origin: FRONT_END, 'access-control-request-method': 'GET' },
    })
    expect(preflight.status).toBeLessThan(300)
    expect(preflight.headers.get('access-control-allow-origin')).toBe(FRONT_END)
    const read = await room.http('/api/posts', { headers: { origin: FRONT_END } })
    expect(read.headers.get('access-control-allow-origin')).toBe(FRONT_END)
  })

  it.each([['/api/posts'], ['/api/users/me'], ['/api/graphql']])(
    'should never grant %s to another origin',
    async (path) => {
      for (const method of ['OPTIONS', 'GET']) {
        const answer = await room.http(path, {
          method,
          headers: withCookie(EVIL, { 'access-control-request-method': 'POST' }),
        })
        expect(answer.status).toBeLessThan(500)
        const allowed = answer.headers.get('access-control-allow-origin')
        expect(allowed === null || allowed === room.server.baseUrl, `${method}: ${allowed}`).toBe(
          true,
        )
      }
    },
  )
})
