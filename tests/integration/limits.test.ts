import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { resetAuthRateLimits } from '../../collections/hooks/authRateLimit.ts'
import {
  MAX_PUBLIC_LIMIT,
  UNCOUNTED_PUBLIC_READ,
} from '../../collections/hooks/publicReadLimits.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'

const PUBLISHED_POSTS = MAX_PUBLIC_LIMIT + 5

let cms: TestCms

beforeAll(async () => {
  cms = await startTestCms()
  for (let n = 1; n <= PUBLISHED_POSTS; n += 1) {
    await cms.payload.create({
      collection: 'posts',
      data: { title: `Capped post ${n}`, _status: 'published' },
      overrideAccess: true,
    })
  }
})
afterAll(async () => {
  await cms?.close()
})

describe('anonymous page-size cap', () => {
  it.each([
    ['limit=0', MAX_PUBLIC_LIMIT],
    ['limit=1000', MAX_PUBLIC_LIMIT],
    ['pagination=false', 10],
    ['limit=0&pagination=false', MAX_PUBLIC_LIMIT],
    ['limit=1000&pagination=false', MAX_PUBLIC_LIMIT],
  ])('should return at most the cap with %s', async (query, expected) => {
    const { status, body } = await cms.rest({ path: `/api/posts?depth=0&${query}` })
    expect(status).toBe(200)
    expect(body.docs).toHaveLength(expected)
    expect(body.totalDocs).toBe(PUBLISHED_POSTS)
    expect(body.hasNextPage).toBe(true)
  })

  it('should cap GraphQL pages too', async () => {
    const { body } = await cms.graphql({
      query: '{ Posts(limit: 0, pagination: false) { docs { id } totalDocs } }',
    })
    expect(body.data.Posts.docs).toHaveLength(MAX_PUBLIC_LIMIT)
  })

  it.each([
    ['no limit', undefined],
    ['limit 0', 0],
    ['limit 1000', 1000],
  ])('should cap an uncounted server-side public read (search) with %s', async (_, limit) => {
    const result = await cms.payload.find({
      collection: 'posts',
      pagination: false,
      limit,
      depth: 0,
      overrideAccess: false,
      context: { [UNCOUNTED_PUBLIC_READ]: true },
    })
    expect(result.docs).toHaveLength(MAX_PUBLIC_LIMIT)
    expect(result.docs.every((doc) => doc._status === 'published')).toBe(true)
  })

  it('should keep the default page of 10 when no limit is given', async () => {
    const { body } = await cms.rest({ path: '/api/posts?depth=0' })
    expect(body.docs).toHaveLength(10)
  })

  it('should let staff ask for larger pages', async () => {
    const editor = await cms.userWithRole('editor')
    const { body } = await cms.rest({ path: '/api/posts?depth=0&limit=0', token: editor.token })
    expect(body.docs).toHaveLength(PUBLISHED_POSTS)
  })
})

describe('login rate limiting', () => {
  it('should refuse logins once an address has spent its allowance', async () => {
    await resetAuthRateLimits(cms.payload)
    const statuses: number[] = []
    for (let attempt = 0; attempt < 21; attempt += 1) {
      const { status } = await cms.rest({
        method: 'POST',
        path: '/api/users/login',
        body: { email: `nobody-${attempt}@example.test`, password: 'wrong' },
        headers: { 'x-newsroom-client-ip': '203.0.113.7' },
      })
      statuses.push(status)
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true)
    expect(statuses[20]).toBe(429)
  })

  it('should count every aliased GraphQL login mutation as one attempt', async () => {
    await resetAuthRateLimits(cms.payload)
    const aliases = Array.from(
      { length: 25 },
      (_, n) => `a${n}: loginUser(email: "nobody-${n}@example.test", password: "wrong") { token }`,
    ).join('\n')
    const { body } = await cms.graphql({ query: `mutation { ${aliases} }` })
    const messages: string[] = (body.errors ?? []).map((e: { message: string }) => e.message)
    expect(messages.filter((m) => /too many login attempts/i.test(m))).toHaveLength(5)
  })

  it('should not let a client choose the address it is counted against', async () => {
    await resetAuthRateLimits(cms.payload)
    // Through the Express server the header is always overwritten; here, with no server in
    // between, every request without it shares the 'unknown' bucket.
    for (let attempt = 0; attempt < 20; attempt += 1) {
      await cms.rest({
        method: 'POST',
        path: '/api/users/login',
        body: { email: 'nobody@example.test', password: 'wrong' },
      })
    }
    const { status } = await cms.rest({
      method: 'POST',
      path: '/api/users/login',
      body: { email: 'nobody@example.test', password: 'wrong' },
    })
    expect(status).toBe(429)
  })
})
