import { afterEach, describe, expect, it } from 'vitest'

import { bumpContentVersion, cachedResponse, isPublicApiPath } from '../../src/lib/responseCache.ts'

const url = 'http://cms.test/api/posts?limit=1'
const anonymous = () => new Request(url)
const json = (body: unknown, init: ResponseInit = {}) =>
  Response.json(body, { ...init, headers: { 'cache-control': 'public', ...init.headers } })

let produced = 0
const read = (request: Request, body: unknown = { n: ++produced }, init?: ResponseInit) =>
  cachedResponse({
    request,
    key: `GET ${request.url}`,
    produce: () => Promise.resolve(json(body, init)),
  })

afterEach(() => {
  bumpContentVersion()
  delete process.env.API_CACHE_SECONDS
})

describe('cachedResponse', () => {
  it('should answer a repeated anonymous read from the cache until the next write', async () => {
    const first = await read(anonymous(), { n: 1 })
    expect(first.headers.get('x-cache')).toBe('MISS')
    const second = await read(anonymous(), { n: 2 })
    expect(second.headers.get('x-cache')).toBe('HIT')
    expect(await second.json()).toEqual({ n: 1 })
    bumpContentVersion()
    expect(await (await read(anonymous(), { n: 3 })).json()).toEqual({ n: 3 })
  })

  it('should not keep an answer read while a write happened', async () => {
    await cachedResponse({
      request: anonymous(),
      key: 'overlap',
      produce: () => {
        bumpContentVersion()
        return Promise.resolve(json({ n: 'stale' }))
      },
    })
    const next = await cachedResponse({
      request: anonymous(),
      key: 'overlap',
      produce: () => Promise.resolve(json({ n: 'fresh' })),
    })
    expect(await next.json()).toEqual({ n: 'fresh' })
  })

  it.each([
    ['a token header', { authorization: 'JWT abc' }],
    ['an API key', { authorization: 'users API-Key abc' }],
    ['the login cookie', { cookie: 'a=b; payload-token=abc' }],
  ])('should never cache a request with %s', async (_, headers) => {
    const request = () => new Request(url, { headers })
    await read(request(), { n: 1 })
    const again = await read(request(), { n: 2 })
    expect(again.headers.get('x-cache')).toBeNull()
    expect(await again.json()).toEqual({ n: 2 })
  })

  it.each([
    ['an error', { status: 404 }],
    ['a private answer', { headers: { 'cache-control': 'private, no-store' } }],
    ['an answer setting a cookie', { headers: { 'set-cookie': 'a=b' } }],
  ])('should not keep %s', async (_, init) => {
    await read(anonymous(), { n: 1 }, init)
    expect((await read(anonymous(), { n: 2 })).headers.get('x-cache')).toBe('MISS')
  })

  it('should be off with API_CACHE_SECONDS=0', async () => {
    process.env.API_CACHE_SECONDS = '0'
    await read(anonymous())
    expect((await read(anonymous())).headers.get('x-cache')).toBeNull()
  })
})

describe('isPublicApiPath', () => {
  it.each([
    ['/api/posts', true],
    ['/api/posts/12', true],
    ['/api/search', true],
    ['/api/openapi.json', true],
    ['/api/posts/versions', false],
    ['/api/posts/12/workflow', false],
    ['/api/users', false],
    ['/api/preview/abc', false],
    ['/api/workflow-events', false],
    ['/api/postsecret', false],
  ])('%s → %s', (path, expected) => {
    expect(isPublicApiPath(path)).toBe(expected)
  })
})
