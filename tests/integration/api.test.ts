import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createContentFixtures, type ContentFixtures } from '../helpers/fixtures.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'

let cms: TestCms
let f: ContentFixtures

beforeAll(async () => {
  cms = await startTestCms()
  f = await createContentFixtures(cms.payload)
})
afterAll(async () => {
  await cms?.close()
})

describe('what front ends get', () => {
  it('should populate a post with only the author and source fields a page needs', async () => {
    const { body } = await cms.rest({ path: `/api/posts/${f.published.id}?depth=1` })
    expect(Object.keys(body.author).sort()).toEqual(['deletedAt', 'id', 'name', 'slug'])
    expect(Object.keys(body.sources[0]).sort()).toEqual([
      'deletedAt',
      'id',
      'name',
      'slug',
      'website',
    ])
  })

  it('should count only published posts per author', async () => {
    const { body } = await cms.rest({ path: `/api/authors/${f.author.id}` })
    expect(body.publishedPostCount).toBe(1)
  })

  it('should count only published posts per source', async () => {
    const { body } = await cms.rest({ path: '/api/sources?where[slug][equals]=fixture-outlet' })
    expect(body.docs[0].publishedPostCount).toBe(1)
  })

  it('should serve the counts over GraphQL too', async () => {
    const { body } = await cms.graphql({
      query: '{ Authors { docs { name publishedPostCount } } }',
    })
    expect(body.data.Authors.docs).toEqual([{ name: 'Fixture Author', publishedPostCount: 1 }])
  })

  it.each([
    [
      'by author slug',
      '/api/posts?where[author.slug][equals]=fixture-author&depth=0',
      ['Published fixture post'],
    ],
    [
      'by source slug',
      '/api/posts?where[sources.slug][equals]=fixture-outlet&depth=0',
      ['Published fixture post'],
    ],
    [
      'by date range',
      '/api/posts?where[postedAt][greater_than_equal]=2020-01-01&where[postedAt][less_than]=2020-02-01&depth=0',
      ['Published fixture post'],
    ],
    ['newest first', '/api/posts?sort=-createdAt&depth=0&limit=1', ['Live title']],
  ])('should filter posts %s', async (_name, path, titles) => {
    const { status, body } = await cms.rest({ path })
    expect(status).toBe(200)
    expect(body.docs.map((d: { title: string }) => d.title)).toEqual(titles)
  })
})
