import type { BaseDatabaseAdapter } from 'payload'
import { describe, expect, it } from 'vitest'

import { lookPastLimitLightly } from '../../src/workarounds/versions.ts'

type Args = Parameters<BaseDatabaseAdapter['findVersions']>[0]

/** What enforceMaxVersions asks after saving a version of a post (maxPerDoc 50). */
const pastLimit = {
  collection: 'posts',
  limit: 1,
  page: 51,
  pagination: false,
  sort: '-updatedAt',
  where: { parent: { equals: 7 } },
} as Args

const paging = { hasNextPage: false, hasPrevPage: false, page: 51, totalDocs: 0 }

/** An adapter whose versions past the limit are `versions`, recording what it is asked. */
const adapter = (versions: Record<string, unknown>[]) => {
  const asked: Args[] = []
  const db = {
    findVersions: (args: Args) => {
      asked.push(args)
      const docs = versions.map((version) =>
        args.select ? { id: version.id, updatedAt: version.updatedAt } : version,
      )
      return Promise.resolve({ ...paging, docs, totalDocs: docs.length })
    },
  } as unknown as Pick<BaseDatabaseAdapter, 'findVersions'>
  lookPastLimitLightly(db)
  return { db, asked }
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
})
