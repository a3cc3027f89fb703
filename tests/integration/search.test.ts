import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createContentFixtures, paragraph, SECRET } from '../helpers/fixtures.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'

let cms: TestCms

beforeAll(async () => {
  cms = await startTestCms()
  await createContentFixtures(cms.payload)
  const publish = (data: Record<string, unknown>) =>
    cms.payload.create({
      collection: 'posts',
      data: { ...data, _status: 'published' } as never,
      overrideAccess: true,
    })
  await publish({ title: 'Giuliani lobbies for the MEK', excerpt: 'A paid relationship.' })
  await publish({ title: 'Other news', excerpt: 'Giuliani is mentioned here once.' })
  await publish({ title: 'Body only', content: paragraph('Deep in the body Giuliani appears.') })
  await cms.payload.create({
    collection: 'posts',
    data: { title: `Giuliani ${SECRET}`, excerpt: `Giuliani ${SECRET}`, _status: 'draft' },
    draft: true,
    overrideAccess: true,
  })
})
afterAll(async () => {
  await cms?.close()
})

describe('GET /api/search', () => {
  it('should find published posts, best match first, with highlighted snippets', async () => {
    const { status, body } = await cms.rest({ path: '/api/search?q=giuliani' })
    expect(status).toBe(200)
    expect(body.docs.map((d: any) => d.title)).toEqual([
      'Giuliani lobbies for the MEK',
      'Other news',
      'Body only',
    ])
    expect(body.docs[1].snippet).toContain('<mark>Giuliani</mark>')
    expect(JSON.stringify(body)).not.toContain(SECRET)
  })

  it('should never include drafts, even for staff', async () => {
    const editor = await cms.userWithRole('editor')
    const { body } = await cms.rest({ path: `/api/search?q=${SECRET}`, token: editor.token })
    expect(body.totalDocs).toBe(0)
  })

  it('should require every word', async () => {
    const { body } = await cms.rest({ path: '/api/search?q=giuliani%20relationship' })
    expect(body.docs.map((d: any) => d.title)).toEqual(['Giuliani lobbies for the MEK'])
  })

  it('should paginate', async () => {
    const { body } = await cms.rest({ path: '/api/search?q=giuliani&limit=2&page=2' })
    expect(body).toMatchObject({
      page: 2,
      limit: 2,
      totalDocs: 3,
      totalPages: 2,
      hasNextPage: false,
    })
    expect(body.docs).toHaveLength(1)
  })

  it('should search digests too', async () => {
    const { body } = await cms.rest({ path: '/api/search?q=linking%20live' })
    expect(body.docs.map((d: any) => [d.collection, d.title])).toEqual([
      ['digests', 'Published digest'],
    ])
  })

  it.each([
    ['/api/search'],
    ['/api/search?q=x'],
    ['/api/search?q=%20%20'],
    ['/api/search?q=mek&limit=500'],
    ['/api/search?q=mek&page=0'],
  ])('should answer %s with 400 and a message', async (path) => {
    const { status, body } = await cms.rest({ path })
    expect(status).toBe(400)
    expect(body.errors[0].message).toMatch(/q must|limit must|page must/)
  })
})

describe('GraphQL search', () => {
  it('should answer like the REST endpoint', async () => {
    const { body } = await cms.graphql({
      query:
        '{ search(q: "giuliani", limit: 2) { totalDocs totalPages docs { collection title snippet } } }',
    })
    expect(body.data.search.totalDocs).toBe(3)
    expect(body.data.search.docs.map((d: any) => d.title)).toEqual([
      'Giuliani lobbies for the MEK',
      'Other news',
    ])
    expect(JSON.stringify(body)).not.toContain(SECRET)
  })

  it.each([
    ['{ search(q: "x") { totalDocs } }'],
    ['{ search(q: "mek", limit: 500) { totalDocs } }'],
  ])('should refuse %s with a message', async (query) => {
    const { body } = await cms.graphql({ query })
    expect(body.errors[0].message).toMatch(/q must|limit must/)
  })
})

describe('GraphQL complexity cap', () => {
  it('should refuse an over-complex query with a clear error', async () => {
    const fields = Array.from(
      { length: 60 },
      (_, n) => `a${n}: Posts(limit: 100) { docs { title author { name } sources { name } } }`,
    ).join('\n')
    const { body } = await cms.graphql({ query: `{ ${fields} }` })
    expect(body.errors[0].message).toMatch(/complexity/i)
    expect(body.data ?? null).toBeNull()
  })
})
