/**
 * Reads without needless counts (the defect register's "drizzle-needless-counts",
 * src/workarounds/counts.ts): every answer is the one the
 * adapter gives after counting, and the count is skipped where the total is already known.
 */
import type { PayloadRequest, Where } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { countingFind } from '../../src/workarounds/counts.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'

let cms: TestCms
let sourceIds: number[] = []
let firstPostId: number | string
const POSTS = 12

beforeAll(async () => {
  cms = await startTestCms()
  const { payload } = cms
  const author = await payload.create({
    collection: 'authors',
    data: { name: 'Lean Author' },
    overrideAccess: true,
  })
  sourceIds = []
  for (const name of ['Lean Outlet A', 'Lean Outlet B']) {
    const source = await payload.create({
      collection: 'sources',
      data: { name, kind: 'news-outlet' },
      overrideAccess: true,
    })
    sourceIds.push(source.id)
  }
  for (let i = 0; i < POSTS; i += 1) {
    const post = await payload.create({
      collection: 'posts',
      data: {
        title: `Lean post ${i}`,
        author: author.id,
        sources: i % 3 === 0 ? [sourceIds[0]] : [],
        postedAt: new Date(Date.UTC(2024, 0, i + 1)).toISOString(),
        _status: 'published',
      },
      overrideAccess: true,
    })
    if (i === 0) firstPostId = post.id
  }
}, 120_000)

afterAll(async () => cms?.close())

const slugOf = (i: number) => `lean-post-${i}`

const cases = (): [string, { where?: Where; limit?: number; page?: number; sort?: string }][] => [
  ['a post by its slug', { where: { slug: { equals: slugOf(3) } }, limit: 1 }],
  [
    'a post by its slug and status',
    {
      where: { and: [{ _status: { equals: 'published' } }, { slug: { equals: slugOf(4) } }] },
      limit: 1,
    },
  ],
  ['a slug that matches nothing', { where: { slug: { equals: 'no-such-post' } }, limit: 1 }],
  ['a post by id', { where: { id: { equals: firstPostId } }, limit: 10 }],
  ['a partial first page', { where: { title: { like: 'Lean post 1' } }, limit: 10 }],
  ['a full first page', { limit: 5, sort: '-postedAt' }],
  ['an exactly full first page', { where: { title: { like: 'Lean post 1' } }, limit: 3 }],
  ['a second page', { limit: 5, page: 2, sort: '-postedAt' }],
  ['no limit', { limit: 0 }],
  ['a relationship with matches', { where: { sources: { in: [sourceIds[0]] } }, limit: 2 }],
  ['a relationship with no match', { where: { sources: { in: [sourceIds[1]] } }, limit: 2 }],
]

describe('finds without needless counts', () => {
  it('should answer every find exactly as the counting adapter does', async () => {
    const { db } = cms.payload
    const full = countingFind(db)
    for (const [what, args] of cases()) {
      const query = { collection: 'posts' as const, req: {} as PayloadRequest, ...args }
      expect(await db.find(query), what).toEqual(await full(query))
    }
  })

  it.runIf(['sqlite', 'postgres'].includes(process.env.TEST_DATABASE ?? 'sqlite'))(
    'should not count for a slug lookup or a partial first page, and count a full one',
    async () => {
      const { db } = cms.payload
      const counted = vi.spyOn(db as unknown as { countDistinct: () => unknown }, 'countDistinct')
      try {
        const bySlug = await cms.rest({
          path: `/api/posts?where[slug][equals]=${slugOf(5)}&limit=1&depth=1`,
        })
        expect(bySlug.body).toMatchObject({
          totalDocs: 1,
          totalPages: 1,
          docs: [{ slug: slugOf(5) }],
        })
        const partial = await cms.rest({
          path: '/api/posts?where[title][like]=Lean%20post%201&limit=10',
        })
        expect(partial.body.totalDocs).toBe(3)
        const byGraphql = await cms.graphql({
          query: `{ Posts(where: { slug: { equals: "${slugOf(6)}" } }, limit: 1) { docs { slug } totalDocs } }`,
        })
        expect(byGraphql.body.data.Posts).toEqual({ docs: [{ slug: slugOf(6) }], totalDocs: 1 })
        expect(counted).not.toHaveBeenCalled()

        const page = await cms.rest({ path: '/api/posts?limit=5' })
        expect(page.body).toMatchObject({ totalDocs: POSTS, totalPages: 3, hasNextPage: true })
        expect(counted).toHaveBeenCalledTimes(1)
      } finally {
        counted.mockRestore()
      }
    },
  )
})
