/**
 * Malformed input, over HTTP against the production server: every bad request gets a 4xx
 * whose JSON names the problem, never a 500 and never a stack trace; odd but valid input
 * is served normally.
 */
import http from 'node:http'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { gql, startNewsroom, type HttpAnswer, type Newsroom } from '../helpers/newsroom.ts'

let room: Newsroom

beforeAll(async () => {
  room = await startNewsroom()
})

afterAll(async () => {
  await room?.stop()
})

const STACK = /\n\s+at \S+|node_modules|\.next\/server|\.js:\d+/

/** A 4xx with a message, no stack; `status` when one is wanted exactly. */
const expectRefused = (answer: HttpAnswer, what: string, status?: number) => {
  expect(answer.status, `${what}: ${answer.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400)
  expect(answer.status, `${what}: ${answer.text.slice(0, 300)}`).toBeLessThan(500)
  if (status) expect(answer.status, what).toBe(status)
  const message = answer.body?.errors?.[0]?.message ?? answer.body?.message
  expect(typeof message === 'string' && message.length > 0, `${what}: ${answer.text}`).toBe(true)
  expect(answer.text, what).not.toMatch(STACK)
}

describe('malformed query parameters', () => {
  it.each([
    ['/api/posts?limit=1000000000', /limit/],
    ['/api/posts?limit=-1', /limit/],
    ['/api/posts?limit=99999999999999999999999', /limit/],
    ['/api/posts?limit=1.5', /limit/],
    ['/api/posts?limit=NaN', /limit/],
    ['/api/posts?limit[]=5', /limit/],
    ['/api/posts?limit[$gt]=5', /limit/],
    ['/api/posts?page=-3', /page/],
    ['/api/posts?page=1e300', /page/],
    ['/api/posts?depth=100', /depth/],
    ['/api/posts?depth=-1', /depth/],
    ['/api/posts?depth=deep', /depth/],
    ['/api/posts?draft=1;drop', /draft/],
    ['/api/posts?where=not-json', /where/],
    ['/api/posts?where[title][equals]=a%00b', /NUL/],
    ['/api/posts?where[title%00][equals]=a', /NUL/],
    ['/api/posts?sort=%00', /NUL/],
    ['/api/posts?where[title][equals]=%ED%A0%80', /percent-encoding|UTF-8/],
    ['/api/posts?where[title][equals]=%C0%AF', /percent-encoding|UTF-8/],
    ['/api/posts?where[title][equals]=%', /percent-encoding/],
    ['/api/posts?where[title][nonsense]=1', /nonsense|operator/i],
    ['/api/posts?where[postedAt][greater_than]=yesterday-ish', /date|postedAt/i],
    ['/api/posts?where[id][equals]=abc', /id/i],
    ['/api/posts?where[title][equals][$ne]=1', /title|operator|value/i],
    ['/api/posts?where[no.such.field][equals]=1', /no\.such\.field|path|cannot be queried/i],
    ['/api/posts?sort=nosuchfield', /sort|nosuchfield/i],
    ['/api/posts?where[title][equals][0]=a&where[title][equals][1]=b', /title.*list.*in/],
    ['/api/posts?where[_status][equals][0]=draft', /_status.*list/],
    ['/api/posts?where[author.name][like][0]=a', /author\.name.*list/],
  ])('should refuse %s with a 400 naming the problem', async (path, message) => {
    const answer = await room.http(path)
    expectRefused(answer, path)
    expect(answer.body.errors[0].message).toMatch(message)
  })

  it.each([
    ['/api/posts/%00'],
    ['/api/posts/1%00'],
    ['/api/posts/99999999999999999999999'],
    ['/api/posts/..%2F..%2Fetc%2Fpasswd'],
    ['/api/posts/versions/%E2%80%AE'],
    ['/api/no-such-collection'],
    ['/api/users/%00/unlock'],
    ['/api/payload-migrations'],
    ['/api/payload-migrations/1'],
  ])('should answer %s with a 4xx', async (path) => {
    expectRefused(await room.http(path), path)
  })

  it.each(
    ['workflow-events', 'preview-links', 'payload-jobs', 'payload-locked-documents'].map((slug) => [
      `/api/${slug}/abc`,
    ]),
  )('should answer %s, an id that cannot exist, with a 4xx even to an admin', async (path) => {
    expectRefused(await room.http(path, { token: room.tokens.admin }), path)
  })

  it.each(
    [
      'workflow-events',
      'preview-links',
      'payload-jobs',
      'payload-preferences',
      'payload-locked-documents',
    ].flatMap((slug) => [
      [`/api/${slug}?where[createdAt][greater_than]=not-a-date`],
      [`/api/${slug}?sort=nosuchfield`],
    ]),
  )('should answer %s with a 4xx even to an admin', async (path) => {
    expectRefused(await room.http(path, { token: room.tokens.admin }), path)
  })

  it.each([
    ['/api/posts?where[title][like]=%F0%9F%98%80'],
    ['/api/posts?where[title][like]=%E2%80%AEtxt.exe'],
    ['/api/posts?where[title][like]=%EF%BF%BF'],
    ['/api/posts?where[title][like]=%27%20OR%201%3D1%20--'],
    ['/api/posts?where[title][like]=%25%25%25'],
    ['/api/search?q=%F0%9F%A6%84%20%E2%80%8B%20%CC%81'],
    ['/api/search?q=' + 'a'.repeat(3000)],
    ['/api/posts?where[slug][in]=' + Array.from({ length: 200 }, (_, i) => `s${i}`).join(',')],
  ])('should serve odd but valid input %s without error', async (path) => {
    const answer = await room.http(path)
    expect(answer.status, answer.text.slice(0, 300)).toBeLessThan(500)
    expect(answer.text).not.toMatch(STACK)
  })
})

describe('malformed bodies', () => {
  const post = (path: string, body: string, type = 'application/json', token?: string) =>
    room.http(path, { method: 'POST', body, headers: { 'content-type': type }, token })

  it.each([['{oops'], ['[]'], ['"a string"'], ['null'], ['12'], [''], ['{"title": "\u0000"}']])(
    'should refuse a post body %j with a 4xx',
    async (body) => {
      expectRefused(await post('/api/posts', body, 'application/json', room.tokens.editor), body)
    },
  )

  it.each([
    [{ postedAt: 'notadate' }, 'postedAt', /postedAt must be a date/],
    [{ postedAt: { a: 1 } }, 'postedAt', /postedAt must be a date .*not an object/],
    [{ sourcePublishedAt: '2020-13-45' }, 'sourcePublishedAt', /sourcePublishedAt must be a date/],
    [{ content: 'just text' }, 'content', /must be a rich text document/],
    [{ content: { root: 5 } }, 'content', /"root" node/],
    [{ content: [1, 2] }, 'content', /not a list/],
    [{ content: { root: { type: 'root', children: 'x' } } }, 'content', /children must be a list/],
    [
      { content: { root: { type: 'root', children: [{ type: 'nosuchnode', version: 1 }] } } },
      'content',
      /"nosuchnode" node, which this editor does not have/,
    ],
  ])('should refuse a draft with %j with a 400 naming %s', async (data, field, message) => {
    const answer = await room.http('/api/posts?draft=true', {
      method: 'POST',
      token: room.tokens.editor,
      json: { title: 'Bad draft field', ...data },
    })
    expectRefused(answer, JSON.stringify(data), 400)
    expect(answer.body.errors[0].data.errors).toEqual([
      expect.objectContaining({ path: field, message: expect.stringMatching(message) }),
    ])
  })

  it.each([
    ['posts', { title: 'Typed wrong', excerpt: { a: 1 } }, 'excerpt'],
    ['posts', { title: 'Typed wrong', _status: [] }, '_status'],
    ['posts', { title: 'Typed wrong', postedAt: 1e308 }, 'postedAt'],
    ['posts', { title: 'Typed wrong', author: { name: 'x' } }, 'author'],
    ['digests', { title: 'Typed wrong', items: null }, 'items'],
    ['digests', { title: 'Typed wrong', items: ['x'] }, 'items.0'],
    ['authors', { name: `Typed wrong ${Date.now()}`, bio: [] }, 'bio'],
    ['sources', { name: `Typed wrong ${Date.now()}`, kind: {} }, 'kind'],
  ])(
    'should refuse a %s value of the wrong kind (%j) with a 400 naming %s',
    async (collection, json, field) => {
      for (const query of ['', '?draft=true']) {
        const answer = await room.http(`/api/${collection}${query}`, {
          method: 'POST',
          token: room.tokens.editor,
          json,
        })
        expectRefused(answer, `${collection}${query} ${JSON.stringify(json)}`, 400)
        expect(answer.body.errors[0].data.errors[0].path).toBe(field)
      }
    },
  )

  it('should refuse a digest item whose body is not rich text, naming the item', async () => {
    const answer = await room.http('/api/digests?draft=true', {
      method: 'POST',
      token: room.tokens.editor,
      json: { title: 'Bad digest', items: [{ heading: 'In English', body: 'plain' }] },
    })
    expectRefused(answer, 'digest body', 400)
    expect(answer.body.errors[0].data.errors[0].path).toBe('items.0.body')
  })

  it('should refuse rich text nested thousands deep with a 400, and store nothing', async () => {
    let node: object = { type: 'text', text: 'deep', version: 1 }
    for (let level = 0; level < 2000; level += 1) {
      node = { type: 'paragraph', children: [node], version: 1 }
    }
    const title = `Nested ${Date.now()}`
    const answer = await room.http('/api/posts?draft=true', {
      method: 'POST',
      token: room.tokens.editor,
      json: { title, content: { root: { type: 'root', children: [node], version: 1 } } },
    })
    expectRefused(answer, 'deep rich text', 400)
    expect(answer.body.errors[0].message).toMatch(/levels deep/)
    const stored = await room.http(
      `/api/posts?draft=true&where[title][equals]=${encodeURIComponent(title)}`,
      { token: room.tokens.editor },
    )
    expect(stored.body.totalDocs).toBe(0)
  })

  it('should refuse a post that relates to documents that do not exist, naming the field', async () => {
    const answer = await room.http('/api/posts', {
      method: 'POST',
      token: room.tokens.editor,
      json: { title: 'Dangling', author: 999999, sources: [999998] },
    })
    expectRefused(answer, 'dangling', 400)
    expect(JSON.stringify(answer.body)).toMatch(/author|sources/)
    const draft = await room.http('/api/posts?draft=true', {
      method: 'POST',
      token: room.tokens.editor,
      json: { title: 'Dangling draft', author: 999999 },
    })
    expectRefused(draft, 'dangling draft', 400)
  })

  it.each([
    ['{oops', 'application/json'],
    ['{"query": 12}', 'application/json'],
    ['{"query": "{ Posts { docs { title } }", "variables": "x"}', 'application/json'],
    [
      '{"query": "query($l: Int) { Posts(limit: $l) { docs { id } } }", "variables": {"l": "x"}}',
      'application/json',
    ],
    ['query { Posts { docs { title } } }', 'text/plain'],
  ])('should refuse a GraphQL body %j with a 4xx', async (body, type) => {
    const answer = await post('/api/graphql', body, type)
    // GraphQL over HTTP answers some request errors as 200 with `errors` (application/json).
    expect(answer.status, answer.text).toBeLessThan(500)
    if (answer.status === 200) expect(answer.body.data ?? null).toBeNull()
    else expect(answer.status, answer.text).toBeGreaterThanOrEqual(400)
    expect(answer.text).not.toMatch(STACK)
  })

  it('should refuse a GraphQL query nested too deep or too wide', async () => {
    const deep = `{ Digests { docs { ${'relatedPosts { author { posts: id '.repeat(1)} } } } } }`
    const wide = `{ ${Array.from({ length: 300 }, (_, i) => `a${i}: Posts(limit: 100) { docs { id title } }`).join(' ')} }`
    for (const query of [deep, wide]) {
      const answer = await room.http('/api/graphql', gql(query))
      expect(answer.status, answer.text.slice(0, 200)).toBeLessThan(500)
      expect(answer.text).not.toMatch(STACK)
    }
    const tooWide = await room.http('/api/graphql', gql(wide))
    expect(JSON.stringify(tooWide.body.errors ?? [])).toMatch(/complexity|exceeds/i)
  })

  it('should refuse cyclic GraphQL fragments with a 400 naming the cycle', async () => {
    const query =
      'fragment A on Post { title ...B } fragment B on Post { slug ...A } { Posts { docs { ...A } } }'
    const answer = await room.http('/api/graphql', gql(query))
    expectRefused(answer, 'fragment cycle', 400)
    expect(answer.body.errors[0].message).toMatch(/Cannot spread fragment "A" within itself/)
  })

  it('should refuse a GraphQL document of too many tokens before parsing it all', async () => {
    const query = `{ ${Array.from({ length: 5000 }, (_, i) => `a${i}: Posts { totalDocs }`).join(' ')} }`
    const answer = await room.http('/api/graphql', gql(query))
    expectRefused(answer, 'many tokens', 400)
    expect(answer.body.errors[0].message).toMatch(/too long.*10000 tokens/)
  })

  it('should answer a GraphQL GET with 405 saying how to ask', async () => {
    const answer = await room.http('/api/graphql?query=%7BPosts%7BtotalDocs%7D%7D')
    expectRefused(answer, 'GET graphql', 405)
    expect(answer.body.errors[0].message).toMatch(/POST/)
  })

  it('should treat a garbage token as no token', async () => {
    for (const authorization of ['JWT garbage', 'Bearer x.y.z', 'JWT ', 'users API-Key nope']) {
      const answer = await room.http('/api/posts?draft=true', { headers: { authorization } })
      expect(answer.status, authorization).toBeLessThan(500)
    }
    const cookie = await room.http('/api/users/me', { headers: { cookie: 'payload-token=%00%FF' } })
    expect(cookie.status).toBeLessThan(500)
  })
})

describe('bodies of the wrong type', () => {
  it.each([['text/plain'], ['application/xml'], ['application/vnd.api+json'], ['']])(
    'should refuse a %j body on a write with 415',
    async (type) => {
      const answer = await room.http('/api/posts?draft=true', {
        method: 'POST',
        body: JSON.stringify({ title: 'typed wrong' }),
        headers: type ? { 'content-type': type } : {},
        token: room.tokens.editor,
      })
      if (type === '') {
        // fetch labels a string body text/plain itself
        expect(answer.status).toBe(415)
      } else {
        expectRefused(answer, type, 415)
      }
    },
  )

  it('should check a read sent as a POST override like a query string', async () => {
    const read = (body: string) =>
      room.http('/api/posts', {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-payload-http-method-override': 'GET',
        },
      })
    expectRefused(await read('limit=-1'), 'limit=-1', 400)
    expectRefused(await read('depth=99'), 'depth=99', 400)
    const fine = await read('limit=1&depth=0')
    expect(fine.status, fine.text).toBe(200)
    expect(fine.body.docs).toHaveLength(1)
  })
})

/** A raw request (fetch refuses methods such as TRACE). */
const rawRequest = (method: string, path: string) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = http.request(`${room.server.baseUrl}${path}`, { method }, (response) => {
      let text = ''
      response.on('data', (chunk: Buffer) => (text += chunk.toString()))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }))
    })
    request.on('error', reject)
    request.end()
  })

describe('methods and paths outside the API', () => {
  it.each([['/api/posts'], ['/feeds/posts.xml'], ['/readyz'], ['/admin/login']])(
    'should refuse TRACE on %s with 405',
    async (path) => {
      const answer = await rawRequest('TRACE', path)
      expect(answer.status, answer.text).toBe(405)
      expect(JSON.parse(answer.text).errors[0].message).toMatch(/TRACE/)
    },
  )

  it.each([['/api/posts?limit=1'], ['/api/openapi.json'], ['/api/search?q=fixture']])(
    'should answer HEAD %s like GET, without a body',
    async (path) => {
      const get = await room.http(path)
      const head = await room.http(path, { method: 'HEAD' })
      expect(head.status).toBe(get.status)
      for (const header of ['content-type', 'etag', 'content-length']) {
        expect(head.headers.get(header), header).toBe(get.headers.get(header))
      }
      expect(head.text).toBe('')
    },
  )

  it.each([['/admin/%E0%A4%A'], ['/feeds/%E0%A4%A.xml'], ['/admin/%00']])(
    'should refuse the broken path %s with a 400',
    async (path) => {
      expectRefused(await room.http(path), path, 400)
    },
  )
})
