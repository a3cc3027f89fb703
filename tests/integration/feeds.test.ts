import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { createContentFixtures, SECRET } from '../helpers/fixtures.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'

let cms: TestCms
// Loaded after the test database is set up: the route reads the config when imported.
let GET: (typeof import('../../src/app/(feeds)/feeds/[...path]/route.ts'))['GET']
const BASE = 'http://localhost:3000'

const fetchFeed = async (path: string) => {
  const response = await GET(new Request(`${BASE}${path}`), {
    params: Promise.resolve({ path: path.replace(/^\/feeds\//, '').split('/') }),
  })
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: await response.text(),
  }
}
const xml = (text: string) => {
  expect(XMLValidator.validate(text)).toBe(true)
  return new XMLParser({ ignoreAttributes: false }).parse(text)
}
const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value]

beforeAll(async () => {
  cms = await startTestCms()
  ;({ GET } = await import('../../src/app/(feeds)/feeds/[...path]/route.ts'))
  await createContentFixtures(cms.payload)
})
afterAll(async () => {
  await cms?.close()
})

describe('feeds', () => {
  it('should serve valid RSS 2.0 of published posts only, with absolute links', async () => {
    const { status, type, body } = await fetchFeed('/feeds/posts.xml')
    expect(status).toBe(200)
    expect(type).toBe('application/rss+xml; charset=utf-8')
    expect(body).not.toContain(SECRET)
    const channel = xml(body).rss.channel
    expect(channel.title).toBeTruthy()
    expect(channel.link).toBe(`${BASE}/`)
    expect(channel.description).toBeTruthy()
    const items = asList(channel.item)
    expect(items.map((item: any) => item.title).sort()).toEqual([
      'Live title',
      'Published fixture post',
    ])
    for (const item of items) {
      expect(item.link).toMatch(/^http:\/\/localhost:3000\/posts\//)
      expect(item.guid['#text'] ?? item.guid).toMatch(/^http:\/\/localhost:3000\/api\/posts\/\d+$/)
      expect(Number.isNaN(Date.parse(item.pubDate))).toBe(false)
    }
  })

  it("should count nothing for a feed: it shows no total, nor an author's posts", async () => {
    const db = cms.payload.db as unknown as { countDistinct?: (...args: unknown[]) => unknown }
    if (typeof db.countDistinct !== 'function') return // MongoDB counts another way
    const counts = vi.spyOn(db as Required<typeof db>, 'countDistinct')
    try {
      for (const path of [
        '/feeds/posts.xml',
        '/feeds/digests.json',
        '/feeds/authors/fixture-author.atom',
      ]) {
        expect((await fetchFeed(path)).status).toBe(200)
      }
      expect(counts).not.toHaveBeenCalled()
    } finally {
      counts.mockRestore()
    }
  })

  it('should serve valid Atom', async () => {
    const { type, body } = await fetchFeed('/feeds/posts.atom')
    expect(type).toBe('application/atom+xml; charset=utf-8')
    const feed = xml(body).feed
    expect(feed.title).toBeTruthy()
    expect(feed.id).toBe(`${BASE}/feeds/posts`)
    expect(feed.updated).toBeTruthy()
    expect(asList(feed.entry)).toHaveLength(2)
    expect(body).not.toContain(SECRET)
  })

  it('should serve a JSON Feed', async () => {
    const { type, body } = await fetchFeed('/feeds/posts.json')
    expect(type).toBe('application/feed+json; charset=utf-8')
    const feed = JSON.parse(body)
    expect(feed.version).toMatch(/^https:\/\/jsonfeed.org\/version\/1/)
    expect(feed.feed_url).toBe(`${BASE}/feeds/posts.json`)
    expect(feed.items.map((item: any) => item.title).sort()).toEqual([
      'Live title',
      'Published fixture post',
    ])
  })

  it('should serve published digests without revealing linked drafts', async () => {
    const { body } = await fetchFeed('/feeds/digests.xml')
    expect(asList(xml(body).rss.channel.item).map((item: any) => item.title)).toEqual([
      'Published digest',
    ])
    expect(body).not.toContain(SECRET)
  })

  it("should name each entry's author, sources and topics as the API populates them", async () => {
    const author = await cms.payload.create({
      collection: 'authors',
      data: { name: 'Named Writer' },
      overrideAccess: true,
    })
    // More names than a public page holds by default (10), and more than one query's cap.
    const [kept, trashed, ...more] = await Promise.all(
      [
        'Kept Outlet',
        'Trashed Outlet',
        ...Array.from({ length: 110 }, (_, i) => `Outlet ${i}`),
      ].map((name) =>
        cms.payload.create({ collection: 'sources', data: { name }, overrideAccess: true }),
      ),
    )
    const topic = await cms.payload.create({
      collection: 'topics',
      data: { name: 'Named Topic' },
      overrideAccess: true,
    })
    await cms.payload.create({
      collection: 'posts',
      data: {
        title: 'Entry with names',
        author: author.id,
        sources: [trashed.id, kept.id, ...more.map((source) => source.id)],
        topics: [topic.id],
        postedAt: '2030-01-01T00:00:00.000Z',
        _status: 'published',
      },
      overrideAccess: true,
    })
    await cms.payload.update({
      collection: 'sources',
      id: trashed.id,
      data: { deletedAt: new Date().toISOString() },
      overrideAccess: true,
    })

    const feed = JSON.parse((await fetchFeed('/feeds/posts.json')).body)
    const { docs } = await cms.payload.find({
      collection: 'posts',
      sort: '-postedAt',
      depth: 1,
      overrideAccess: false,
    })
    const nameOf = (value: unknown) =>
      value && typeof value === 'object' ? (value as { name?: string }).name : undefined
    expect(
      feed.items.map((item: any) => ({
        title: item.title,
        author: item.author?.name,
        tags: item.tags ?? [],
      })),
    ).toEqual(
      docs.map((doc) => ({
        title: doc.title,
        author: nameOf(doc.author),
        tags: [...(doc.sources ?? []), ...(doc.topics ?? [])].map(nameOf).filter(Boolean),
      })),
    )
    // (PostgreSQL sorts posts with no date first, SQLite last.)
    expect(feed.items.find((item: any) => item.title === 'Entry with names')).toMatchObject({
      title: 'Entry with names',
      author: { name: 'Named Writer' },
      // A trashed source is not populated for an anonymous reader, so it has no name to show.
      tags: ['Kept Outlet', ...more.map((source) => source.name), 'Named Topic'],
    })
  })

  it.each([
    ['/feeds/authors/fixture-author.xml', ['Published fixture post']],
    ['/feeds/sources/fixture-outlet.xml', ['Published fixture post']],
  ])('should serve %s with that author or source only', async (path, titles) => {
    const { status, body } = await fetchFeed(path)
    expect(status).toBe(200)
    expect(asList(xml(body).rss.channel.item).map((item: any) => item.title)).toEqual(titles)
    expect(body).not.toContain(SECRET)
  })

  it.each([
    ['/feeds/authors/nobody.xml'],
    ['/feeds/posts.html'],
    ['/feeds/users.xml'],
    ['/feeds/authors/../x.xml'],
  ])('should answer %s with 404 and a message', async (path) => {
    const { status, body } = await fetchFeed(path)
    expect(status).toBe(404)
    expect(JSON.parse(body).errors[0].message).toBeTruthy()
  })

  it('should serve a topic and a language feed with their published posts only', async () => {
    const topic = await cms.payload.create({
      collection: 'topics',
      data: { name: 'Camp Ashraf', aliases: ['Ashraf'] },
      overrideAccess: true,
    })
    await cms.payload.create({
      collection: 'posts',
      data: {
        title: 'گزارش از اشرف',
        topics: [topic.id],
        language: 'fa',
        postedAt: '2021-03-04T00:00:00.000Z',
        _status: 'published',
      },
      overrideAccess: true,
    })
    await cms.payload.create({
      collection: 'posts',
      data: { title: `${SECRET} topic draft`, topics: [topic.id], language: 'fa' },
      draft: true,
      overrideAccess: true,
    })
    const byTopic = await fetchFeed('/feeds/topics/camp-ashraf.xml')
    expect(byTopic.status).toBe(200)
    const channel = xml(byTopic.body).rss.channel
    expect(channel.title).toBe('Newsroom: posts on Camp Ashraf')
    const items = asList(channel.item)
    expect(items.map((item: any) => item.title)).toEqual(['گزارش از اشرف'])
    expect(asList(items[0].category)).toContain('Camp Ashraf')
    expect(byTopic.body).not.toContain(SECRET)

    const persian = await fetchFeed('/feeds/languages/fa.atom')
    expect(persian.status).toBe(200)
    const feed = xml(persian.body).feed
    expect(feed.title).toBe('Newsroom: posts in Persian')
    expect(asList(feed.entry).map((entry: any) => entry.title['#text'] ?? entry.title)).toEqual([
      'گزارش از اشرف',
    ])
    expect(persian.body).not.toContain(SECRET)
    const rss = xml((await fetchFeed('/feeds/languages/fa.xml')).body).rss.channel
    expect(rss.language).toBe('fa')
    expect((await fetchFeed('/feeds/topics/nothing.xml')).status).toBe(404)
    expect((await fetchFeed('/feeds/languages/xx.xml')).status).toBe(404)
  })
})
