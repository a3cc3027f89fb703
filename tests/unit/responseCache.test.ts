import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'

import express from 'express'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { bumpContentVersion } from '../../src/plugins/responseCache/store.ts'
import { httpCache, isPublicApiPath } from '../../src/server/middleware/httpCache.ts'

type Answer = {
  body: unknown
  status?: number
  headers?: Record<string, string>
  during?: () => void
}

/** What the stand-in for Next answers next: the body, and whatever it should do meanwhile. */
let nextAnswer: Answer = { body: {} }
let server: Server
let base = ''

beforeAll(async () => {
  const app = express()
  app.use(httpCache)
  app.use((_req, res) => {
    const { body, status = 200, headers = {}, during } = nextAnswer
    during?.()
    res.status(status)
    res.setHeader('content-type', 'application/json')
    res.setHeader('cache-control', 'public')
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
    res.end(JSON.stringify(body))
  })
  server = app.listen(0)
  await new Promise((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

let produced = 0
const read = async (headers: Record<string, string> = {}, answer?: Partial<Answer>) => {
  nextAnswer = { body: { n: ++produced }, ...answer }
  const response = await fetch(`${base}/api/posts?limit=1`, { headers })
  return { cache: response.headers.get('x-cache'), body: await response.json() }
}

afterEach(() => {
  bumpContentVersion()
  delete process.env.API_CACHE_SECONDS
})

describe('the response cache', () => {
  it('should answer a repeated anonymous read from the cache until the next write', async () => {
    const first = await read({}, { body: { n: 1 } })
    expect(first.cache).toBe('MISS')
    const second = await read({}, { body: { n: 2 } })
    expect(second.cache).toBe('HIT')
    expect(second.body).toEqual({ n: 1 })
    bumpContentVersion()
    expect((await read({}, { body: { n: 3 } })).body).toEqual({ n: 3 })
  })

  it('should not keep an answer read while a write happened', async () => {
    await read({}, { body: { n: 'stale' }, during: bumpContentVersion })
    expect((await read({}, { body: { n: 'fresh' } })).body).toEqual({ n: 'fresh' })
  })

  it.each([
    ['a token header', { authorization: 'JWT abc' }],
    ['an API key', { authorization: 'users API-Key abc' }],
    ['the login cookie', { cookie: 'a=b; payload-token=abc' }],
  ])('should never cache a request with %s', async (_, headers) => {
    await read(headers, { body: { n: 1 } })
    const again = await read(headers, { body: { n: 2 } })
    expect(again.cache).toBeNull()
    expect(again.body).toEqual({ n: 2 })
  })

  it.each([
    ['an error', { status: 404 }],
    ['a private answer', { headers: { 'cache-control': 'private, no-store' } }],
    ['an answer setting a cookie', { headers: { 'set-cookie': 'a=b' } }],
  ])('should not keep %s', async (_, answer) => {
    await read({}, answer)
    expect((await read()).cache).toBe('MISS')
  })

  it('should be off with API_CACHE_SECONDS=0', async () => {
    process.env.API_CACHE_SECONDS = '0'
    await read()
    expect((await read()).cache).toBeNull()
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
