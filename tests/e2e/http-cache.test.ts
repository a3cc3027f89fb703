import http from 'node:http'
import zlib from 'node:zlib'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startProductionServer, type RunningServer } from '../helpers/server.ts'

let server: RunningServer
let token: string
let postId: number

const call = (path: string, init: RequestInit & { token?: string } = {}) =>
  fetch(`${server.baseUrl}${path}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `JWT ${init.token}` } : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  })
const etagOf = async (path: string) => (await call(path)).headers.get('etag')
const step = (action: string) =>
  call(`/api/posts/${postId}/workflow`, { method: 'POST', token, body: JSON.stringify({ action }) })
/** A new post, written as a draft, then published. */
const publishNew = async (data: { title: string; author?: number }) => {
  const created = (await (
    await call('/api/posts?draft=true&depth=0', {
      method: 'POST',
      token,
      body: JSON.stringify(data),
    })
  ).json()) as { doc: { id: number; slug: string } }
  const published = await call(`/api/posts/${created.doc.id}/workflow`, {
    method: 'POST',
    token,
    body: JSON.stringify({ action: 'publish' }),
  })
  expect(published.status).toBe(200)
  return created.doc
}

beforeAll(async () => {
  server = await startProductionServer()
  const first = await call('/api/users/first-register', {
    method: 'POST',
    body: JSON.stringify({
      email: 'cache-editor@example.test',
      name: 'Cass Cache',
      password: 'a-long-enough-password',
    }),
  })
  const registered = (await first.json()) as { token?: string }
  if (!registered.token)
    throw new Error(
      `first-register failed: ${first.status} ${JSON.stringify(registered)}\n${server.output()}`,
    )
  token = registered.token
  const created = await call('/api/posts?draft=true&depth=0', {
    method: 'POST',
    token,
    body: JSON.stringify({ title: 'Cached post', _status: 'draft' }),
  })
  postId = ((await created.json()) as { doc: { id: number } }).doc.id
})
afterAll(async () => {
  await server?.stop()
})

describe('HTTP caching for anonymous readers', () => {
  it('should send an ETag and Cache-Control, and 304 on If-None-Match', async () => {
    const response = await call('/api/posts')
    const etag = response.headers.get('etag')
    expect(etag).toMatch(/^W\/".+"$/)
    expect(response.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate')
    const again = await call('/api/posts', { headers: { 'if-none-match': etag! } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
  })

  it('should change the ETag on publish, on an edit of published content and on unpublish', async () => {
    const list = '/api/posts?depth=0'
    const before = await etagOf(list)
    await step('publish')
    const published = await etagOf(list)
    expect(published).not.toBe(before)
    await call(`/api/posts/${postId}`, {
      method: 'PATCH',
      token,
      body: JSON.stringify({ excerpt: 'Edited live', _status: 'published' }),
    })
    const edited = await etagOf(list)
    expect(edited).not.toBe(published)
    await step('unpublish')
    expect(await etagOf(list)).not.toBe(edited)
  })

  it('should keep an unchanged ETag when only a draft changes', async () => {
    await step('publish')
    const before = await etagOf('/api/posts?depth=0')
    await call(`/api/posts/${postId}?draft=true`, {
      method: 'PATCH',
      token,
      body: JSON.stringify({ title: 'Pending draft', _status: 'draft' }),
    })
    expect(await etagOf('/api/posts?depth=0')).toBe(before)
  })

  it('should mark responses to signed-in requests private', async () => {
    const response = await call('/api/posts', { token })
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    expect(response.headers.get('etag')).toBeNull()
  })

  it('should give feeds an ETag too', async () => {
    const response = await call('/feeds/posts.xml')
    expect(response.headers.get('etag')).toMatch(/^W\//)
    expect(
      (
        await call('/feeds/posts.xml', {
          headers: { 'if-none-match': response.headers.get('etag')! },
        })
      ).status,
    ).toBe(304)
  })
})

describe('the response cache for anonymous readers', () => {
  const idsOf = async (response: Response) =>
    ((await response.json()) as { docs: { id: number }[] }).docs.map((doc) => doc.id)
  const graphqlList = (init: { token?: string } = {}) =>
    call('/api/graphql', {
      method: 'POST',
      ...init,
      body: JSON.stringify({ query: '{ Posts(limit: 50) { docs { id } } }' }),
    })

  it('should answer a repeated anonymous read from the cache, with the same body', async () => {
    const path = '/api/posts?depth=0&limit=50&where[title][like]=Cached'
    const first = await call(path)
    const second = await call(path)
    expect(second.headers.get('x-cache')).toBe('HIT')
    expect(await second.text()).toBe(await first.text())
  })

  it('should never serve a cached answer after publish or unpublish', async () => {
    const path = '/api/posts?depth=0&limit=50'
    await step('publish')
    await call(path)
    const live = await call(path)
    expect(live.headers.get('x-cache')).toBe('HIT')
    expect(await idsOf(live)).toContain(postId)

    await step('unpublish')
    const afterUnpublish = await call(path)
    expect(afterUnpublish.headers.get('x-cache')).toBe('MISS')
    expect(await idsOf(afterUnpublish)).not.toContain(postId)
    expect(await idsOf(await call(path))).not.toContain(postId)

    await step('publish')
    expect(await idsOf(await call(path))).toContain(postId)
  })

  it('should keep cached answers through draft saves and staff-only writes, not through a publish', async () => {
    const path = '/api/posts?depth=0&limit=50&sort=-updatedAt'
    await step('publish')
    await call(path)
    const cached = await call(path)
    expect(cached.headers.get('x-cache')).toBe('HIT')
    const before = await cached.text()

    // A pending edit of the live post, a new draft, and a change to a staff account.
    const edited = await call(`/api/posts/${postId}?draft=true`, {
      method: 'PATCH',
      token,
      body: JSON.stringify({ title: 'Cached post, pending edit' }),
    })
    expect(edited.status).toBe(200)
    const created = await call('/api/posts?draft=true', {
      method: 'POST',
      token,
      body: JSON.stringify({ title: 'Another draft' }),
    })
    expect(created.status).toBe(201)
    const me = (await (await call('/api/users/me', { token })).json()) as { user: { id: number } }
    await call(`/api/users/${me.user.id}`, {
      method: 'PATCH',
      token,
      body: JSON.stringify({ name: 'Renamed editor' }),
    })
    const still = await call(path)
    expect(still.headers.get('x-cache')).toBe('HIT')
    expect(await still.text()).toBe(before)

    // Publishing the pending edit changes what readers see: the cache must let go.
    await step('publish')
    const after = await call(path)
    expect(after.headers.get('x-cache')).toBe('MISS')
    expect(await after.text()).toContain('pending edit')
  })

  it('should drop only the answers a write changes', async () => {
    const author = (await (
      await call('/api/authors', {
        method: 'POST',
        token,
        body: JSON.stringify({ name: 'Pinned Author' }),
      })
    ).json()) as { doc: { id: number } }
    const publishByAuthor = (title: string) => publishNew({ title, author: author.doc.id })
    const a = await publishByAuthor('Pinned post A')
    const b = await publishByAuthor('Pinned post B')
    const bySlug = (slug: string) => `/api/posts?where[slug][equals]=${slug}&limit=1&depth=1`
    const paths = {
      a: bySlug(a.slug),
      b: bySlug(b.slug),
      aById: `/api/posts/${a.id}?depth=1`,
      list: '/api/posts?limit=5&depth=1',
    }
    const cacheOf = async (path: string) => (await call(path)).headers.get('x-cache')
    for (const path of Object.values(paths)) {
      await call(path)
      expect(await cacheOf(path), path).toBe('HIT')
    }

    // B edited and published again: B's answers and the lists go; A's stay.
    const edited = await call(`/api/posts/${b.id}?draft=true`, {
      method: 'PATCH',
      token,
      body: JSON.stringify({ title: 'Pinned post B, edited' }),
    })
    expect(edited.status).toBe(200)
    await call(`/api/posts/${b.id}/workflow`, {
      method: 'POST',
      token,
      body: JSON.stringify({ action: 'publish' }),
    })
    expect(await cacheOf(paths.a)).toBe('HIT')
    expect(await cacheOf(paths.aById)).toBe('HIT')
    const b2 = await call(paths.b)
    expect(b2.headers.get('x-cache')).toBe('MISS')
    expect(await b2.text()).toContain('Pinned post B, edited')
    expect(await cacheOf(paths.list)).toBe('MISS')

    // The author shown inside A renamed: A's answers go.
    await call(`/api/authors/${author.doc.id}`, {
      method: 'PATCH',
      token,
      body: JSON.stringify({ name: 'Renamed Pinned Author' }),
    })
    const a2 = await call(paths.a)
    expect(a2.headers.get('x-cache')).toBe('MISS')
    expect(await a2.text()).toContain('Renamed Pinned Author')
    expect(await (await call(paths.aById)).text()).toContain('Renamed Pinned Author')

    // A slug no post had yet, kept as an empty answer, finds the post that takes it.
    const taken = bySlug('pinned-post-c')
    await call(taken)
    expect(await cacheOf(taken)).toBe('HIT')
    const c = await publishByAuthor('Pinned post C')
    expect(c.slug).toBe('pinned-post-c')
    const found = (await (await call(taken)).json()) as { totalDocs: number }
    expect(found.totalDocs).toBe(1)
  })

  it('should cache anonymous GraphQL queries and drop them on writes', async () => {
    await graphqlList()
    const cached = await graphqlList()
    expect(cached.headers.get('x-cache')).toBe('HIT')
    await step('unpublish')
    const fresh = await graphqlList()
    expect(fresh.headers.get('x-cache')).toBe('MISS')
    const body = (await fresh.json()) as { data: { Posts: { docs: { id: number }[] } } }
    expect(body.data.Posts.docs.map((doc) => doc.id)).not.toContain(postId)
    await step('publish')
  })

  it.each([
    ['a signed-in REST read', () => call('/api/posts?depth=0', { token })],
    ['a signed-in GraphQL query', () => graphqlList({ token })],
    [
      'a GraphQL mutation',
      () =>
        call('/api/graphql', {
          method: 'POST',
          body: JSON.stringify({
            query:
              'mutation { loginUser(email: "nobody@example.test", password: "wrong-password") { token } }',
          }),
        }),
    ],
    ['the staff-only user list', () => call('/api/users')],
    ['a made-up preview token', () => call('/api/preview/not-a-real-token')],
  ])('should never cache %s', async (_, request) => {
    await request()
    const again = await request()
    expect(again.headers.get('x-cache')).toBeNull()
  })

  it('should keep answers apart by Origin, since CORS headers differ', async () => {
    const path = '/api/authors?depth=0'
    const from = (origin: string) => call(path, { headers: { origin } })
    await from('https://one.example')
    expect((await from('https://one.example')).headers.get('x-cache')).toBe('HIT')
    expect((await from('https://two.example')).headers.get('x-cache')).toBe('MISS')
  })

  it('should compress cached answers for clients that accept gzip, with the same ETag', async () => {
    const path = '/api/openapi.json' // large enough to be worth compressing
    const plain = await call(path)
    const plainBody = await plain.text()
    // node:http, not fetch, to see the raw encoding and bytes.
    const zipped = await new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>(
      (resolve, reject) => {
        http
          .get(`${server.baseUrl}${path}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
            const chunks: Buffer[] = []
            res.on('data', (chunk: Buffer) => chunks.push(chunk))
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
          })
          .on('error', reject)
      },
    )
    expect(zipped.headers['x-cache']).toBe('HIT')
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(zipped.headers.etag).toBe(plain.headers.get('etag'))
    expect(zlib.gunzipSync(zipped.body).toString()).toBe(plainBody)
  })

  it('should cache feeds too', async () => {
    await call('/feeds/posts.xml')
    expect((await call('/feeds/posts.xml')).headers.get('x-cache')).toBe('HIT')
  })

  it('should drop a cached feed when what it shows changes, and keep it otherwise', async () => {
    const feeds = ['/feeds/posts.xml', '/feeds/digests.xml']
    const cacheOf = async (path: string) => (await call(path)).headers.get('x-cache')
    for (const path of feeds) {
      await call(path)
      expect(await cacheOf(path), path).toBe('HIT')
    }
    // An author no published post names: neither feed shows it.
    const author = await call('/api/authors', {
      method: 'POST',
      token,
      body: JSON.stringify({ name: 'Author of nothing yet' }),
    })
    expect(author.status).toBe(201)
    for (const path of feeds) expect(await cacheOf(path), path).toBe('HIT')

    // A post published: the posts feed shows it at once; the digests feed does not show posts.
    await publishNew({ title: 'Fresh in the feed' })
    const posts = await call('/feeds/posts.xml')
    expect(posts.headers.get('x-cache')).toBe('MISS')
    expect(await posts.text()).toContain('Fresh in the feed')
    expect(await cacheOf('/feeds/digests.xml')).toBe('HIT')
  })
})
