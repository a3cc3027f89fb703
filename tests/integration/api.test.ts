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

  it('should still compute fields a GraphQL query asks for on populated documents', async () => {
    const { body } = await cms.graphql({
      query: `{ Posts(where: { title: { equals: "Published fixture post" } }) { docs { title author { name publishedPostCount } sources { publishedPostCount } } } }`,
    })
    expect(body.data.Posts.docs).toEqual([
      {
        title: 'Published fixture post',
        author: { name: 'Fixture Author', publishedPostCount: 1 },
        sources: [{ publishedPostCount: 1 }],
      },
    ])
  })

  it('should keep whole-document reads for a GraphQL query that says select: false', async () => {
    const { body } = await cms.graphql({
      query: `{ Posts(select: false, where: { title: { equals: "Published fixture post" } }) { docs { title } } }`,
    })
    expect(body.data.Posts.docs).toEqual([{ title: 'Published fixture post' }])
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

describe('a page of posts by many authors', () => {
  const COUNT = 25

  beforeAll(async () => {
    for (let index = 1; index <= COUNT; index += 1) {
      const author = await cms.payload.create({
        collection: 'authors',
        data: { name: `Many Author ${index}` },
        overrideAccess: true,
      })
      const source = await cms.payload.create({
        collection: 'sources',
        data: { name: `Many Outlet ${index}` },
        overrideAccess: true,
      })
      await cms.payload.create({
        collection: 'posts',
        data: {
          title: `Many authors post ${index}`,
          author: author.id,
          sources: [source.id],
          postedAt: '2030-01-01T00:00:00.000Z',
          _status: 'published',
        },
        overrideAccess: true,
      })
    }
  })

  const expectAllPopulated = (docs: { author: unknown; sources: unknown[] }[]) => {
    expect(docs).toHaveLength(COUNT)
    for (const doc of docs) {
      expect(doc.author).toMatchObject({ name: expect.stringMatching(/^Many Author/) })
      expect(doc.sources[0]).toMatchObject({ name: expect.stringMatching(/^Many Outlet/) })
    }
  }

  // Regression: the public page-size cap also paginated Payload's own batched population,
  // so only the first 10 related authors and sources of a page were filled in.
  it('should populate every author and source over REST', async () => {
    const { body } = await cms.rest({
      path: `/api/posts?where[title][like]=Many authors post&limit=${COUNT}&depth=1`,
    })
    expectAllPopulated(body.docs)
  })

  it('should populate every author and source over GraphQL', async () => {
    const { body } = await cms.graphql({
      query: `{ Posts(where: { title: { like: "Many authors post" } }, limit: ${COUNT}) { docs { author { name } sources { name } } } }`,
    })
    expectAllPopulated(body.data.Posts.docs)
  })

  it('should populate every author and source for Local API readers', async () => {
    const { docs } = await cms.payload.find({
      collection: 'posts',
      where: { title: { like: 'Many authors post' } },
      limit: COUNT,
      depth: 1,
      overrideAccess: false,
    })
    expectAllPopulated(docs as never)
  })
})
