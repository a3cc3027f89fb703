import type { BaseDatabaseAdapter } from 'payload'
import { describe, expect, it } from 'vitest'

import { lookPastLimitLightly } from '../../src/workarounds/versions.ts'

type Args = Parameters<BaseDatabaseAdapter['findVersions']>[0]
type Adapter = Parameters<typeof lookPastLimitLightly>[0]

/** What enforceMaxVersions asks after saving a version of post 7 (maxPerDoc 50). */
const pastLimit = {
  collection: 'posts',
  limit: 1,
  page: 51,
  pagination: false,
  sort: '-updatedAt',
  where: { parent: { equals: 7 } },
} as Args

/** What the adapter answers when nothing is found (drizzle findMany, pagination off). */
const nothing = {
  docs: [],
  hasNextPage: false,
  hasPrevPage: false,
  limit: 1,
  nextPage: null,
  page: 51,
  pagingCounter: 1,
  prevPage: null,
  totalDocs: 0,
  totalPages: 1,
}

/** An adapter whose versions past the limit are `versions`, recording what it is asked. */
const adapter = (versions: Record<string, unknown>[]) => {
  const asked: Args[] = []
  const db = {
    payload: { collections: { posts: { config: { versions: { maxPerDoc: 50 } } } } },
    findVersions: (args: Args) => {
      asked.push(args)
      const docs = versions.map((version) =>
        args.select ? { id: version.id, updatedAt: version.updatedAt } : version,
      )
      return Promise.resolve({ ...nothing, docs, totalDocs: docs.length })
    },
    create: () => Promise.resolve({ id: 7 }),
    createVersion: () => Promise.resolve({}),
    commitTransaction: () => Promise.resolve(),
    rollbackTransaction: () => Promise.resolve(),
  } as unknown as Adapter
  lookPastLimitLightly(db)
  return { db, asked }
}

/** Post 7 created in transaction `tx`, with `versions` versions saved. */
const createdIn = async (db: Adapter, tx: string, versions: number) => {
  const req = { transactionID: tx }
  await db.create({ collection: 'posts', data: {}, req })
  for (let n = 0; n < versions; n += 1) {
    await db.createVersion({
      collectionSlug: 'posts',
      parent: 7,
      req,
      versionData: {},
    } as never)
  }
  return req
}

describe('lookPastLimitLightly', () => {
  it('should ask only for the updatedAt of a version past the limit when there is none', async () => {
    const { db, asked } = adapter([])
    const found = await db.findVersions(pastLimit)
    expect(found.docs).toEqual([])
    expect(asked).toEqual([{ ...pastLimit, select: { updatedAt: true } }])
  })

  it('should read a version past the limit whole when there is one', async () => {
    const version = { id: 3, updatedAt: '2026-12-01T00:00:00.000Z', version: { title: 'Kept' } }
    const { db, asked } = adapter([version])
    const found = await db.findVersions(pastLimit)
    expect(found.docs).toEqual([version])
    expect(asked.at(-1)).toEqual(pastLimit)
  })

  it.each([
    ['a first page', { ...pastLimit, page: 1 }],
    ['a page of several', { ...pastLimit, limit: 10 }],
    ['a paginated lookup', { ...pastLimit, pagination: true }],
    ['a lookup that selects', { ...pastLimit, select: { version: { title: true } } }],
  ])('should pass %s through as asked', async (_name, args) => {
    const { db, asked } = adapter([])
    await db.findVersions(args as Args)
    expect(asked).toEqual([args])
  })

  it('should answer nothing, unasked, for a document its transaction created', async () => {
    const { db, asked } = adapter([])
    const req = await createdIn(db, 'tx-1', 1)
    expect([await db.findVersions({ ...pastLimit, req }), asked]).toEqual([nothing, []])
  })

  it('should ask the database once the document has more versions than the lookup skips', async () => {
    const { db, asked } = adapter([])
    const req = await createdIn(db, 'tx-1', 51)
    await db.findVersions({ ...pastLimit, req })
    expect(asked).toHaveLength(1)
  })

  it.each([
    ['another transaction', async (db: Adapter) => createdIn(db, 'tx-2', 1).then(() => 'tx-1')],
    [
      'its transaction once committed',
      async (db: Adapter) => {
        await createdIn(db, 'tx-1', 1)
        await db.commitTransaction('tx-1')
        return 'tx-1'
      },
    ],
    [
      'its transaction once rolled back',
      async (db: Adapter) => {
        await createdIn(db, 'tx-1', 1)
        await db.rollbackTransaction('tx-1')
        return 'tx-1'
      },
    ],
  ])('should ask the database for a document created in %s', async (_name, setUp) => {
    const { db, asked } = adapter([])
    const transactionID = await setUp(db)
    await db.findVersions({ ...pastLimit, req: { transactionID } })
    expect(asked).toHaveLength(1)
  })
})
