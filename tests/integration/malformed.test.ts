import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createContentFixtures } from '../helpers/fixtures.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'

let cms: TestCms
let editorToken: string

beforeAll(async () => {
  cms = await startTestCms()
  await createContentFixtures(cms.payload)
  editorToken = (await cms.userWithRole('editor')).token
})
afterAll(async () => {
  await cms?.close()
})

describe('malformed REST queries', () => {
  it.each([
    ['/api/posts?where[postedAt][greater_than]=notadate', 400, /"notadate" is not a date/],
    ['/api/posts?where[createdAt][equals]=x', 400, /is not a date/],
    ['/api/posts?where[id][in]=abc,1', 400, /"abc" is not a number/],
    ['/api/posts?where[author][equals]=abc', 400, /"abc" is not an id/],
    ['/api/posts?where[sources][contains]=abc', 400, /is not an id/],
    ['/api/posts?where[title][near]=1,2', 400, /point/],
    ['/api/posts?where[title][all]=x', 400, /several values/],
    ['/api/posts?where[title][exists]=maybe', 400, /true or false/],
    ['/api/digests?where[items.post][equals]=abc', 400, /is not an id/],
    ['/api/digests?where[issueNumber][like]=2', 400, /does not work on number/],
    ['/api/posts?where[nonexistent][equals]=1', 400, /cannot be queried/],
    ['/api/posts/abc', 404, /not found/i],
    ['/api/posts/1.5', 404, /not found/i],
    ['/api/users/abc', 404, /not found/i],
  ])('should answer %s with %i and a message', async (path, status, message) => {
    for (const token of [undefined, editorToken]) {
      const response = await cms.rest({ path, token })
      expect(response.status).toBe(status)
      expect(response.body.errors[0].message).toMatch(message)
    }
  })
})

describe('malformed version ids', () => {
  it('should answer /api/posts/versions/abc with a 4xx and a message', async () => {
    for (const token of [undefined, editorToken]) {
      const { status, body } = await cms.rest({ path: '/api/posts/versions/abc', token })
      expect(status).toBeGreaterThanOrEqual(400)
      expect(status).toBeLessThan(500)
      expect(body.errors[0].message).toBeTruthy()
    }
  })
})

describe('malformed GraphQL queries', () => {
  it.each([
    ['{ Posts(where: { author: { equals: "abc" } }) { docs { id } } }', /is not an id/],
    [
      '{ Posts(where: { title: { exists: true }, createdAt: { greater_than: "x" } }) { docs { id } } }',
      /invalid value|not a date/,
    ],
  ])('should answer %s with a message, not a server error', async (query, message) => {
    const { status, body } = await cms.graphql({ query })
    expect(status).toBeLessThan(500)
    expect(body.errors[0].message).toMatch(message)
  })
})
