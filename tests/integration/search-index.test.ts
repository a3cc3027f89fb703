/**
 * Full-text search over the search index (src/plugins/search), on whichever database the project
 * runs: ranking over every match (not the newest), topic aliases as synonyms, phrases and
 * exclusions, filters, Persian normalisation, and the index kept in step with publishing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { paragraph, SECRET } from '../helpers/fixtures.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'
import { rebuildSearchIndex, staleIndexReason } from '../../src/plugins/search/index.ts'

let cms: TestCms
const BULK = 5_000
/** Every tenth bulk post mentions a lobbyist. */
const LOBBYIST_POSTS = BULK / 10

type Ids = { author: number | string; otherAuthor: number | string; source: number | string }
let ids: Ids

const search = async (query: string) => {
  const { status, body } = await cms.rest({ path: `/api/search?${query}` })
  expect(status, JSON.stringify(body)).toBe(200)
  return body as {
    totalDocs: number
    totalPages: number
    docs: { title: string; collection: string; snippet: string; id: number | string }[]
  }
}
const titles = async (query: string) => (await search(query)).docs.map((doc) => doc.title)

const publish = (data: Record<string, unknown>) =>
  cms.payload.create({
    collection: 'posts',
    data: { ...data, _status: 'published' } as never,
    overrideAccess: true,
  })

/** 5,000 published posts written straight through the adapter in one transaction (no hooks). */
const bulkPosts = async () => {
  const transactionID = (await cms.payload.db.beginTransaction()) ?? undefined
  const req = transactionID === undefined ? {} : { transactionID }
  for (let n = 0; n < BULK; n += 1) {
    const isOldest = n === 0
    await cms.payload.db.create({
      collection: 'posts',
      data: {
        title: isOldest ? 'The lobbyist ledger' : `Weekly note ${n}`,
        slug: `bulk-${n}`,
        excerpt: n % 10 === 0 ? 'A lobbyist met the officials again.' : 'Nothing much happened.',
        postedAt: new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString(),
        _status: 'published',
        stage: 'published',
      },
      req,
    })
  }
  if (transactionID !== undefined) await cms.payload.db.commitTransaction(transactionID)
}

beforeAll(async () => {
  cms = await startTestCms()
  const author = await cms.payload.create({
    collection: 'authors',
    data: { name: 'Casey Michel' },
    overrideAccess: true,
  })
  const otherAuthor = await cms.payload.create({
    collection: 'authors',
    data: { name: 'Other Writer' },
    overrideAccess: true,
  })
  const source = await cms.payload.create({
    collection: 'sources',
    data: { name: 'The New Republic', kind: 'news-outlet' },
    overrideAccess: true,
  })
  ids = { author: author.id, otherAuthor: otherAuthor.id, source: source.id }
  const topic = await cms.payload.create({
    collection: 'topics',
    data: { name: 'MEK', aliases: ['MKO', 'PMOI', 'Mojahedin'] },
    overrideAccess: true,
  })
  await publish({
    title: 'Giuliani lobbies for the MEK',
    excerpt: 'A paid relationship with the group.',
    author: author.id,
    sources: [source.id],
    topics: [topic.id],
    language: 'en',
    postedAt: '2019-10-16T00:00:00.000Z',
  })
  await publish({
    title: 'Bolton and the group',
    excerpt: 'Bolton spoke at a MEK rally; the relationship is paid.',
    author: otherAuthor.id,
    language: 'en',
    postedAt: '2018-06-30T00:00:00.000Z',
  })
  await publish({
    title: 'گزارش درباره مجاهدين',
    content: paragraph('سازمان مجاهدين خلق در آلباني. كتاب'),
    postedAt: '2020-02-01T00:00:00.000Z',
  })
  await cms.payload.create({
    collection: 'posts',
    data: { title: `MEK ${SECRET}`, excerpt: `Mojahedin ${SECRET}`, _status: 'draft' },
    draft: true,
    overrideAccess: true,
  })
  await bulkPosts()
}, 600_000)
afterAll(async () => {
  await cms?.close()
})

describe('the index on start and on rebuild', () => {
  it('should find posts written without hooks only after a rebuild, with progress', async () => {
    expect(await staleIndexReason(cms.payload)).toMatch(/holds 3 documents for 5003 published/)
    const seen: number[] = []
    const result = await rebuildSearchIndex({
      payload: cms.payload,
      onProgress: ({ collection, done }) => {
        if (collection === 'posts') seen.push(done)
      },
    })
    expect(result).toEqual({ indexed: BULK + 3, removed: 0 })
    expect(seen.at(-1)).toBe(BULK + 3)
    expect(await staleIndexReason(cms.payload)).toBeNull()
  })
})

describe('search over 5,000 published posts', () => {
  it('should count every match and rank the oldest, most relevant post first', async () => {
    const result = await search('q=lobbyist&limit=5')
    expect(result.totalDocs).toBe(LOBBYIST_POSTS)
    expect(result.totalPages).toBe(LOBBYIST_POSTS / 5)
    expect(result.docs[0].title).toBe('The lobbyist ledger')
    expect(result.docs[0].snippet).toContain('<mark>lobbyist</mark>')
  })

  it('should page through every match', async () => {
    const last = await search(`q=lobbyist&limit=50&page=${LOBBYIST_POSTS / 50}`)
    expect(last.docs).toHaveLength(50)
    const past = await search(`q=lobbyist&limit=50&page=${LOBBYIST_POSTS / 50 + 1}`)
    expect(past.docs).toHaveLength(0)
  })

  it('should find stemmed forms', async () => {
    expect((await search('q=lobbyists')).totalDocs).toBe(LOBBYIST_POSTS)
    expect(await titles('q=lobbying')).toEqual(['Giuliani lobbies for the MEK'])
  })

  it('should filter by date range', async () => {
    const result = await search('q=lobbyist&from=2000-01-01&to=2000-01-31')
    // Posts 0, 10, 20 and 30 fall in January 2000.
    expect(result.totalDocs).toBe(4)
  })
})

describe('query language', () => {
  it('should find posts that say MEK when asked for MKO', async () => {
    expect(await titles('q=MKO&collection=posts')).toEqual(
      expect.arrayContaining(['Giuliani lobbies for the MEK', 'Bolton and the group']),
    )
  })

  it('should find a phrase only with its words together', async () => {
    expect(await titles('q=%22paid%20relationship%22')).toEqual(['Giuliani lobbies for the MEK'])
  })

  it('should exclude a word', async () => {
    expect(await titles('q=mek%20-bolton')).toEqual(['Giuliani lobbies for the MEK'])
  })

  it('should take OR', async () => {
    expect((await search('q=giuliani%20OR%20bolton')).totalDocs).toBe(2)
  })

  it('should find Persian written with Arabic letter forms', async () => {
    expect(await titles('q=مجاهدین')).toEqual(['گزارش درباره مجاهدين'])
    expect(await titles('q=کتاب')).toEqual(['گزارش درباره مجاهدين'])
    expect(await titles('q=مجاهدین&language=fa')).toEqual(['گزارش درباره مجاهدين'])
    expect(await titles('q=مجاهدین&language=en')).toEqual([])
  })
})

describe('filters', () => {
  it.each([
    ['author by id', () => `author=${ids.author}`],
    ['author by slug', () => 'author=casey-michel'],
    ['source by slug', () => 'source=the-new-republic'],
    ['topic by slug', () => 'topic=mek'],
  ])('should filter by %s', async (_name, filter) => {
    expect(await titles(`q=relationship&${filter()}`)).toEqual(['Giuliani lobbies for the MEK'])
  })

  it.each([
    ['q=mek&collection=users', /^collection "users"/],
    ['q=mek&language=xx', /^language "xx"/],
    ['q=mek&from=2019-02-30', /^from "2019-02-30"/],
    ['q=mek&from=2020-01-01&to=2019-01-01', /^from \(2020-01-01\)/],
    ['q=mek&author=nobody-by-this-name', /^author "nobody-by-this-name"/],
    ['q=mek&topic=%25', /^topic "%"/],
    ['q=-mek', /^q must contain a word/],
    [`q=${'mek '.repeat(60)}`, /^q must be/],
  ])('should answer %s with 400 naming the parameter', async (query, message) => {
    const { status, body } = await cms.rest({ path: `/api/search?${query}` })
    expect(status).toBe(400)
    expect(body.errors[0].message).toMatch(message)
  })
})

describe('drafts and changes', () => {
  it('should never find a draft, anonymously or as staff', async () => {
    const editor = await cms.userWithRole('editor')
    for (const token of [undefined, editor.token]) {
      const { body } = await cms.rest({ path: `/api/search?q=${SECRET}`, token })
      expect(body.totalDocs).toBe(0)
    }
  })

  it('should re-index an edited published post, and not a draft of it', async () => {
    const post = await publish({ title: 'Original heading', excerpt: 'Wording one.' })
    await cms.payload.update({
      collection: 'posts',
      id: post.id,
      data: { title: 'Changed heading', excerpt: 'Wording two.', _status: 'published' },
      overrideAccess: true,
    })
    expect(await titles('q=heading')).toEqual(['Changed heading'])
    expect(await titles('q=wording%20one')).toEqual([])
    await cms.payload.update({
      collection: 'posts',
      id: post.id,
      data: { title: `Draft heading ${SECRET}` },
      draft: true,
      overrideAccess: true,
    })
    expect(await titles('q=heading')).toEqual(['Changed heading'])
  })

  it('should drop an unpublished, a trashed and a deleted post', async () => {
    const unpublished = await publish({ title: 'Vanishing alpha' })
    const trashed = await publish({ title: 'Vanishing beta' })
    const deleted = await publish({ title: 'Vanishing gamma' })
    expect((await search('q=vanishing')).totalDocs).toBe(3)
    await cms.payload.update({
      collection: 'posts',
      id: unpublished.id,
      data: { _status: 'draft' },
      overrideAccess: true,
    })
    await cms.payload.update({
      collection: 'posts',
      id: trashed.id,
      data: { deletedAt: new Date().toISOString() },
      overrideAccess: true,
    })
    await cms.payload.delete({ collection: 'posts', id: deleted.id, overrideAccess: true })
    expect((await search('q=vanishing')).totalDocs).toBe(0)
  })

  it('should widen to a new alias once the topic is saved', async () => {
    const topic = await cms.payload.create({
      collection: 'topics',
      data: { name: 'Albania', aliases: [] },
      overrideAccess: true,
    })
    await publish({ title: 'Camp Ashraf 3 near Tirana' })
    expect(await titles('q=albania')).toEqual([])
    await cms.payload.update({
      collection: 'topics',
      id: topic.id,
      data: { aliases: ['Tirana'] },
      overrideAccess: true,
    })
    expect(await titles('q=albania')).toEqual(['Camp Ashraf 3 near Tirana'])
  })
})

describe('rich text in a REST where (defect register "postgres-json-comparisons")', () => {
  it('should answer like on a rich-text field with the matching posts, not a 500', async () => {
    const { status, body } = await cms.rest({
      path: `/api/posts?where[content][like]=${encodeURIComponent('آلباني')}&depth=0`,
    })
    expect(status).toBe(200)
    expect(body.docs.map((doc: { title: string }) => doc.title)).toEqual(['گزارش درباره مجاهدين'])
  })
})

describe('GraphQL search', () => {
  it('should take the filters of the REST endpoint', async () => {
    const { body } = await cms.graphql({
      query: '{ search(q: "relationship", author: "casey-michel") { totalDocs docs { title } } }',
    })
    expect(body.data.search).toEqual({
      totalDocs: 1,
      docs: [{ title: 'Giuliani lobbies for the MEK' }],
    })
  })

  it('should refuse a bad filter naming it', async () => {
    const { body } = await cms.graphql({
      query: '{ search(q: "mek", language: "xx") { totalDocs } }',
    })
    expect(body.errors[0].message).toMatch(/^language "xx"/)
  })
})
