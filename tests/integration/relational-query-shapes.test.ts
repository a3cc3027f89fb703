/**
 * Query texts kept per shape (the defect register's "drizzle-rebuilds-every-query" and
 * "drizzle-rebuilds-every-insert", src/workarounds/relationalQueries.ts and insertQueries.ts):
 * every relational query and every insert the adapter runs, for reads and writes alike, is given
 * exactly the SQL text and values Drizzle itself builds for it, whether its shape was kept
 * before or not. Runs on SQLite and PostgreSQL (MongoDB has no SQL).
 */
import type { Where } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  originalToSql,
  sampleRelationalQuery,
  shapeStats,
  type RelationalQuery,
} from '../../src/workarounds/relationalQueries.ts'
import {
  MAX_KEPT_ROWS,
  insertShapeStats,
  originalPrepare,
  sampleInsert,
  type InsertQuery,
} from '../../src/workarounds/insertQueries.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'

type Built = { sql: string; params: unknown[] }

let cms: TestCms
let isSql = false
let restore = () => {}
const compared: { patched: Built; original: Built }[] = []
/** Every insert run: the text and values given to the driver, and Drizzle's own build of it. */
const inserts: { patched: Built; original: Built }[] = []
const authorIds: number[] = []
const sourceIds: number[] = []
const postIds: number[] = []

beforeAll(async () => {
  cms = await startTestCms()
  const { payload } = cms
  isSql = payload.db.name !== 'mongoose'
  if (!isSql) return
  const { drizzle } = payload.db as unknown as {
    drizzle: Parameters<typeof sampleRelationalQuery>[0]
  }
  const sample = sampleRelationalQuery(drizzle)
  const original = sample && originalToSql(sample)
  if (!sample || !original) throw new Error('the relational query class is not patched')
  // Every query is built both ways from here on, the kept text answering.
  const prototype = Object.getPrototypeOf(sample) as RelationalQuery
  const patched = prototype._toSQL
  prototype._toSQL = function compare(this: RelationalQuery) {
    const answer = patched.call(this)
    compared.push({ patched: answer.builtQuery, original: original.call(this).builtQuery })
    return answer
  }
  // Every insert too: what reaches the session, beside Drizzle's own build of the insert.
  const { tables } = payload.db as unknown as { tables: Record<string, object> }
  const insertSample = sampleInsert(drizzle as never, tables)
  if (!insertSample || !originalPrepare(insertSample)) throw new Error('inserts are not patched')
  const insertPrototype = Object.getPrototypeOf(insertSample) as InsertQuery
  const patchedPrepare = insertPrototype._prepare
  insertPrototype._prepare = function compare(this: InsertQuery, ...args: unknown[]) {
    const original = this.dialect.sqlToQuery(this.getSQL())
    const { session } = this as unknown as { session: Record<string, unknown> }
    const watched = Object.create(session) as Record<string, unknown>
    for (const name of ['prepareQuery', 'prepareOneTimeQuery']) {
      const method = session[name] as ((query: Built, ...rest: unknown[]) => unknown) | undefined
      if (!method) continue
      watched[name] = (query: Built, ...rest: unknown[]) => {
        inserts.push({ patched: { sql: query.sql, params: query.params }, original })
        return method.call(session, query, ...rest)
      }
    }
    const view: unknown = Object.assign(Object.create(this) as object, { session: watched })
    return patchedPrepare.apply(view as InsertQuery, args)
  }
  restore = () => {
    prototype._toSQL = patched
    insertPrototype._prepare = patchedPrepare
  }

  for (const name of ['Shape Author One', 'Shape Author Two']) {
    const author = await payload.create({
      collection: 'authors',
      data: { name },
      overrideAccess: true,
    })
    authorIds.push(author.id)
  }
  for (const name of ['Shape Outlet A', 'Shape Outlet B', 'Shape Outlet C']) {
    const source = await payload.create({
      collection: 'sources',
      data: { name, kind: 'news-outlet' },
      overrideAccess: true,
    })
    sourceIds.push(source.id)
  }
  for (let i = 0; i < 8; i += 1) {
    const post = await payload.create({
      collection: 'posts',
      data: {
        title: `Shape post ${i}`,
        author: authorIds[i % 2],
        sources: sourceIds.slice(0, i % 4),
        excerpt: i % 3 === 0 ? null : `Excerpt ${i}`,
        postedAt: new Date(Date.UTC(2024, 1, i + 1)).toISOString(),
        relatedPosts: postIds.slice(-2),
        _status: i === 7 ? 'draft' : 'published',
      },
      overrideAccess: true,
    })
    postIds.push(post.id)
  }
}, 120_000)

afterAll(async () => {
  restore()
  await cms?.close()
})

type Read = { where?: Where; limit?: number; page?: number; sort?: string; depth?: number }

/** The reads of values set `n`, made when a test runs (the fixtures exist by then). */
const reads: Record<string, (n: number) => Read> = {
  'by slug': (n) => ({ where: { slug: { equals: `shape-post-${n}` } }, limit: 1, depth: 1 }),
  'a list': () => ({ limit: 3, sort: '-postedAt', depth: 1 }),
  'a second page': () => ({ limit: 3, page: 2, sort: 'postedAt', depth: 0 }),
  'every post': () => ({ limit: 0, depth: 0 }),
  'by ids': (n) => ({ where: { id: { in: postIds.slice(0, n + 1) } }, depth: 2 }),
  'a null excerpt': () => ({ where: { excerpt: { equals: null } }, depth: 0 }),
  'an excerpt': (n) => ({ where: { excerpt: { equals: `Excerpt ${n + 1}` } }, depth: 0 }),
  'a title like': (n) => ({ where: { title: { like: `post ${n}` } }, depth: 0 }),
  'by author': (n) => ({ where: { author: { equals: authorIds[n % 2] } }, depth: 1 }),
  'by author name': () => ({ where: { 'author.name': { equals: 'Shape Author One' } }, depth: 0 }),
  'by source': (n) => ({ where: { sources: { in: [sourceIds[n % 3]] } }, depth: 0 }),
  'sorted by title': (n) => ({ sort: 'title', limit: 2 + n, depth: 0 }),
}

describe.each([1, 2, 4])('relational queries, values set %i', (n) => {
  it.each(Object.keys(reads))('should build %s exactly as Drizzle does', async (name) => {
    if (!isSql) return
    compared.length = 0
    const args = reads[name](n)
    const found = await cms.payload.find({ collection: 'posts', overrideAccess: true, ...args })
    expect(found.docs.length).toBeGreaterThanOrEqual(0)
    expect(compared.length).toBeGreaterThan(0)
    for (const { patched, original } of compared) expect(patched).toEqual(original)
  })

  it('should build the reads and writes of a save exactly as Drizzle does', async () => {
    if (!isSql) return
    compared.length = 0
    const { payload } = cms
    const id = postIds[n]
    await payload.update({
      collection: 'posts',
      id,
      data: { title: `Shape post ${n} saved`, sources: sourceIds.slice(0, n % 3) },
      draft: true,
      overrideAccess: true,
    })
    await payload.findByID({ collection: 'posts', id, draft: true, overrideAccess: true })
    await payload.findVersions({
      collection: 'posts',
      where: { parent: { equals: id } },
      limit: 2,
      overrideAccess: true,
    })
    expect(compared.length).toBeGreaterThan(2)
    for (const { patched, original } of compared) expect(patched).toEqual(original)
  })
})

describe('kept shapes', () => {
  it('should answer a shape read again from what it kept', async () => {
    if (!isSql) return
    const before = shapeStats.reused
    for (const n of [5, 6]) {
      await cms.payload.find({
        collection: 'posts',
        where: { slug: { equals: `shape-post-${n}` } },
        limit: 1,
        depth: 0,
        overrideAccess: true,
      })
    }
    expect(shapeStats.reused).toBeGreaterThan(before)
  })

  it('should find by slug the post the values ask for, not the one the shape was kept for', async () => {
    if (!isSql) return
    for (const n of [3, 5, 6]) {
      const { docs } = await cms.payload.find({
        collection: 'posts',
        where: { slug: { equals: `shape-post-${n}` } },
        limit: 1,
        depth: 0,
        overrideAccess: true,
      })
      expect(docs.map((doc) => doc.id)).toEqual([postIds[n]])
    }
  })
})

describe('inserts', () => {
  const sameAsDrizzle = () => {
    expect(inserts.length).toBeGreaterThan(0)
    for (const { patched, original } of inserts) {
      expect(patched).toEqual({ sql: original.sql, params: original.params })
    }
  }

  it('should have built every insert of the fixtures exactly as Drizzle does', () => {
    if (!isSql) return
    // 2 authors, 3 outlets and 8 posts, each with its version: dozens of inserts.
    expect(inserts.length).toBeGreaterThan(20)
    sameAsDrizzle()
    // Every shape met was read, and its kept text was Drizzle's.
    expect(insertShapeStats).toMatchObject({ unreadable: 0, unkept: 0 })
  })

  it('should answer an insert of a shape seen before from what it kept, with its own values', async () => {
    if (!isSql) return
    inserts.length = 0
    const before = insertShapeStats.reused
    const ids: number[] = []
    for (const [i, excerpt] of [null, 'First', 'Second, with “quotes” and an emoji 📰'].entries()) {
      const post = await cms.payload.create({
        collection: 'posts',
        data: {
          title: `Insert shape ${i}`,
          author: authorIds[i % 2],
          sources: sourceIds.slice(0, i + 1),
          excerpt,
          _status: 'draft',
        },
        draft: true,
        overrideAccess: true,
      })
      ids.push(post.id)
    }
    expect(insertShapeStats.reused).toBeGreaterThan(before)
    sameAsDrizzle()
    // What was stored is each post's own: no values of the post the shape was kept for.
    const { docs } = await cms.payload.find({
      collection: 'posts',
      where: { id: { in: ids } },
      sort: 'title',
      draft: true,
      depth: 0,
      overrideAccess: true,
    })
    expect(docs.map((doc) => [doc.title, doc.excerpt ?? null, doc.sources?.length])).toEqual([
      ['Insert shape 0', null, 1],
      ['Insert shape 1', 'First', 2],
      ['Insert shape 2', 'Second, with “quotes” and an emoji 📰', 3],
    ])
  })

  it('should build an insert of more rows than it keeps as before, and exactly as Drizzle does', async () => {
    if (!isSql) return
    inserts.length = 0
    const db = cms.payload.db as unknown as {
      drizzle: unknown
      insert: (args: { db: unknown; tableName: string; values: object[] }) => Promise<object[]>
      deleteWhere: (args: { db: unknown; tableName: string; where: unknown }) => Promise<void>
    }
    const rows = (count: number) =>
      Array.from({ length: count }, (_, i) => ({
        order: i + 1,
        parent: postIds[1],
        path: 'sources',
        sourcesID: sourceIds[i % sourceIds.length],
      }))
    const before = { ...insertShapeStats }
    for (const count of [MAX_KEPT_ROWS + 6, MAX_KEPT_ROWS + 6, 3]) {
      const inserted = await db.insert({
        db: db.drizzle,
        tableName: 'posts_rels',
        values: rows(count),
      })
      expect(inserted).toHaveLength(count)
    }
    // The two long inserts built as before, the short one kept.
    expect(insertShapeStats.unreadable - before.unreadable).toBe(2)
    expect(insertShapeStats.built + insertShapeStats.reused).toBeGreaterThan(
      before.built + before.reused,
    )
    expect(inserts).toHaveLength(3)
    sameAsDrizzle()
  })

  it('should build the upserts of a save and of a publish exactly as Drizzle does', async () => {
    if (!isSql) return
    inserts.length = 0
    const id = postIds[0]
    for (const [i, status] of (['draft', 'published'] as const).entries()) {
      await cms.payload.update({
        collection: 'posts',
        id,
        data: { title: `Upserted ${i}`, sources: sourceIds.slice(i), _status: status },
        draft: status === 'draft',
        overrideAccess: true,
      })
    }
    sameAsDrizzle()
    const saved = await cms.payload.findByID({
      collection: 'posts',
      id,
      depth: 0,
      overrideAccess: true,
    })
    expect([saved.title, saved.sources?.length]).toEqual(['Upserted 1', sourceIds.length - 1])
  })
})
