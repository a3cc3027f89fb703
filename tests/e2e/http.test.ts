import { describe, expect, inject, it } from 'vitest'

const baseUrl = inject('baseUrl')

const get = (path: string, init?: RequestInit) => fetch(`${baseUrl}${path}`, init)

describe('operations endpoints', () => {
  it('should answer /healthz with 200', async () => {
    const response = await get('/healthz')
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ status: 'ok' })
  })

  it('should answer /readyz with 200 and the database in use', async () => {
    const response = await get('/readyz')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ready', database: 'sqlite' })
  })
})

describe('security headers', () => {
  it.each([['/api/posts'], ['/admin/login'], ['/healthz']])(
    'should set them on %s',
    async (path) => {
      const { headers } = await get(path)
      expect(headers.get('x-content-type-options')).toBe('nosniff')
      expect(headers.get('x-frame-options')).toBe('SAMEORIGIN')
      expect(headers.get('content-security-policy')).toContain("object-src 'none'")
      expect(headers.get('x-powered-by')).toBeNull()
    },
  )
})

describe('the content API, answered by Payload without Next', () => {
  // Next adds its client-hint and router headers to every answer it routes (the admin's);
  // Payload's own handlers add none, so their absence shows which path answered.
  const NEXT_HEADERS = ['accept-ch', 'critical-ch']

  it.each([
    ['GET', '/api/posts?limit=1', 200],
    ['GET', '/api/posts/999999', 404],
    ['GET', '/api/no-such-collection', 404],
    ['POST', '/api/graphql', 200],
  ])('should answer %s %s (%i) from Payload directly', async (method, path, status) => {
    const response = await get(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body:
        method === 'POST'
          ? JSON.stringify({ query: '{ Posts(limit: 1) { totalDocs } }' })
          : undefined,
    })
    expect(response.status).toBe(status)
    for (const header of NEXT_HEADERS) expect(response.headers.get(header)).toBeNull()
    expect(response.headers.get('vary') ?? '').not.toMatch(/rsc|next-router/)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
  })

  it.each([
    ['/feeds/posts.xml', 200, 'application/rss+xml; charset=utf-8'],
    ['/feeds/digests.atom', 200, 'application/atom+xml; charset=utf-8'],
    ['/feeds/languages/fr.json', 200, 'application/feed+json; charset=utf-8'],
    ['/feeds/authors/no-such-author.xml', 404, 'application/json'],
    ['/feeds/nothing-here', 404, 'application/json'],
  ])('should answer the feed %s (%i) without Next too', async (path, status, type) => {
    const response = await get(path)
    expect(response.status).toBe(status)
    expect(response.headers.get('content-type')).toBe(type)
    for (const header of NEXT_HEADERS) expect(response.headers.get(header)).toBeNull()
    expect(response.headers.get('vary') ?? '').not.toMatch(/rsc|next-router/)
  })

  it('should decode a feed path as Next did', async () => {
    // "posts" with its "o" percent-encoded: the same feed, its links to the plain path.
    const [encoded, plain] = await Promise.all([get('/feeds/p%6Fsts.xml'), get('/feeds/posts.xml')])
    expect(encoded.status).toBe(200)
    expect(await encoded.text()).toBe(await plain.text())
    const slashed = await get('/feeds/posts.xml/', { redirect: 'manual' })
    expect(slashed.status).toBe(308)
  })

  it('should leave the admin, a trailing slash and the playground to Next', async () => {
    const admin = await get('/admin/login')
    expect(admin.headers.get('accept-ch')).not.toBeNull()
    const slashed = await get('/api/posts/', { redirect: 'manual' })
    expect(slashed.status).toBe(308)
    expect(slashed.headers.get('location')).toMatch(/\/api\/posts$/)
  })

  it('should answer HEAD with the headers of the GET and no body', async () => {
    const [head, full] = await Promise.all([
      get('/api/posts?limit=1', { method: 'HEAD' }),
      get('/api/posts?limit=1'),
    ])
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe(full.headers.get('content-length'))
    expect(await head.text()).toBe('')
  })

  it('should pass percent-encoded path segments on as Next did', async () => {
    const response = await get('/api/p%6Fsts?limit=1')
    expect(response.status).toBe(200)
    expect(((await response.json()) as { limit: number }).limit).toBe(1)
  })
})

describe('malformed API requests', () => {
  it.each([
    ['/api/posts?limit=abc', /limit "abc"/],
    ['/api/posts?limit=-1', /limit "-1"/],
    ['/api/posts?page=0', /page "0"/],
    ['/api/posts?depth=99', /depth "99"/],
    ['/api/posts?draft=maybe', /draft "maybe"/],
    ['/api/posts?where={oops', /where is not valid JSON/],
    ['/api/posts?title=%00', /NUL/],
    ['/api/posts?where[title][equals]=%E0%A4%A', /percent-encoding/],
  ])('should answer 400 naming the problem for %s', async (path, message) => {
    const response = await get(path)
    expect(response.status).toBe(400)
    const body = (await response.json()) as { errors: { message: string }[] }
    expect(body.errors[0].message).toMatch(message)
  })

  it('should refuse a JSON body over the cap with 413', async () => {
    const response = await get('/api/users/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'x@example.test', password: 'x'.repeat(1024 * 1024 + 10) }),
    })
    expect(response.status).toBe(413)
    expect(
      ((await response.json()) as { errors: { message: string }[] }).errors[0].message,
    ).toMatch(/too large/)
  })

  it('should answer malformed JSON with a 4xx, never a 500', async () => {
    const response = await get('/api/posts', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"title": ',
    })
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(response.status).toBeLessThan(500)
  })
})

describe('GraphQL in production', () => {
  it('should refuse introspection', async () => {
    const response = await get('/api/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
    })
    const body = (await response.json()) as { errors?: unknown[]; data?: unknown }
    expect(body.errors?.length).toBeGreaterThan(0)
  })

  it('should not serve the playground', async () => {
    const response = await get('/api/graphql-playground')
    expect(response.status).not.toBe(200)
  })
})

describe('rate limiting through the server', () => {
  it('should ignore a client-supplied address header', async () => {
    const statuses: number[] = []
    for (let attempt = 0; attempt < 21; attempt += 1) {
      const response = await get('/api/users/forgot-password', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          // A fresh fake address each time: if the server trusted it, nothing would be limited.
          'x-newsroom-client-ip': `198.51.100.${attempt}`,
          'x-forwarded-for': `198.51.100.${attempt}`,
        },
        body: JSON.stringify({ email: `nobody-${attempt}@example.test` }),
      })
      statuses.push(response.status)
    }
    expect(statuses).toContain(429)
  })
})

describe('internal collections', () => {
  it.each([
    ['/api/payload-migrations'],
    ['/api/payload-preferences'],
    ['/api/payload-locked-documents'],
    ['/api/users'],
  ])('should refuse anonymous reads of %s', async (path) => {
    const response = await get(path)
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(JSON.stringify(await response.json())).not.toContain('"docs"')
  })
})
