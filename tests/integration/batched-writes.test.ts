/**
 * What the importer's batches rely on when several documents are written in one transaction:
 * the journal of content changes gets one row per transaction, and the relationship check
 * asks the database only about documents the writer does not already know.
 */
import { ValidationError, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { KNOWN_DOCUMENTS } from '../../collections/fields/relations.ts'
import { slugs } from '../../collections/slugs.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'

let cms: TestCms
let authorId: number

beforeAll(async () => {
  cms = await startTestCms()
  const author = await cms.payload.create({
    collection: 'authors',
    data: { name: 'Known Author' },
    overrideAccess: true,
  })
  authorId = author.id
})
afterAll(async () => {
  await cms?.close()
})

const journalRows = async () =>
  (await cms.payload.db.count({ collection: slugs.contentChanges, where: {} })).totalDocs

/** Writes `titles` as draft posts in one transaction of their own, committed. */
const createInOneTransaction = async (titles: string[]) => {
  const transactionID = await cms.payload.db.beginTransaction()
  if (transactionID === null) throw new Error('this adapter has no transactions')
  const req = { transactionID }
  for (const title of titles) {
    await cms.payload.create({
      collection: 'posts',
      data: { title, _status: 'draft' },
      overrideAccess: true,
      req,
    })
  }
  await cms.payload.db.commitTransaction(transactionID)
}

/** The search index's rows for a post. */
const indexRows = async (id: number) =>
  (
    await cms.payload.db.count({
      collection: slugs.searchIndex,
      where: { docKey: { equals: `posts:${id}` } },
    })
  ).totalDocs

/** The collections `payload.db.deleteMany` and `upsert` are asked about while `write` runs. */
const collectionsWritten = async (payload: Payload, write: () => Promise<unknown>) => {
  const { deleteMany, upsert } = payload.db
  const written: string[] = []
  payload.db.deleteMany = (args) => {
    written.push(args.collection)
    return deleteMany(args)
  }
  payload.db.upsert = (args) => {
    written.push(args.collection)
    return upsert(args)
  }
  try {
    await write()
  } finally {
    Object.assign(payload.db, { deleteMany, upsert })
  }
  return written
}

/** The collections `payload.db.find` is asked about while `write` runs. */
const collectionsLookedUp = async (payload: Payload, write: () => Promise<unknown>) => {
  const find = payload.db.find
  const asked: string[] = []
  payload.db.find = (args) => {
    asked.push(args.collection)
    return find(args)
  }
  try {
    await write()
  } finally {
    payload.db.find = find
  }
  return asked
}

describe('writes in one transaction', () => {
  it('should add one journal row for a transaction that writes several posts', async () => {
    const before = await journalRows()
    await createInOneTransaction(['Batched one', 'Batched two', 'Batched three'])
    expect((await journalRows()) - before).toBe(1)
  })

  it('should add a journal row for each transaction', async () => {
    const before = await journalRows()
    await createInOneTransaction(['Own transaction one'])
    await createInOneTransaction(['Own transaction two'])
    expect((await journalRows()) - before).toBe(2)
  })

  it('should not look up an author the writer knows to exist', async () => {
    const asked = await collectionsLookedUp(cms.payload, () =>
      cms.payload.create({
        collection: 'posts',
        data: { title: 'By a known author', author: authorId, _status: 'draft' },
        context: { [KNOWN_DOCUMENTS]: new Map([['authors', new Set([String(authorId)])]]) },
        // Not populated on the way out: a read of the author, not the check.
        depth: 0,
        overrideAccess: true,
      }),
    )
    expect(asked).not.toContain('authors')
  })

  it('should look up an author the writer does not know', async () => {
    const asked = await collectionsLookedUp(cms.payload, () =>
      cms.payload.create({
        collection: 'posts',
        data: { title: 'By an author looked up', author: authorId, _status: 'draft' },
        depth: 0,
        overrideAccess: true,
      }),
    )
    expect(asked).toContain('authors')
  })

  it('should still refuse a source that does not exist when other documents are known', async () => {
    await expect(
      cms.payload.create({
        collection: 'posts',
        data: { title: 'Dangling source', author: authorId, sources: [999998], _status: 'draft' },
        context: { [KNOWN_DOCUMENTS]: new Map([['authors', new Set([String(authorId)])]]) },
        overrideAccess: true,
      }),
    ).rejects.toThrow(ValidationError)
  })
})

describe('the search index on create', () => {
  it('should not write to the index for a draft created', async () => {
    const written = await collectionsWritten(cms.payload, () =>
      cms.payload.create({
        collection: 'posts',
        data: { title: 'A draft nobody searches', _status: 'draft' },
        depth: 0,
        overrideAccess: true,
      }),
    )
    expect(written).not.toContain(slugs.searchIndex)
  })

  it('should index a post created published', async () => {
    const post = await cms.payload.create({
      collection: 'posts',
      data: { title: 'Published at once', _status: 'published' },
      depth: 0,
      overrideAccess: true,
    })
    expect(await indexRows(post.id)).toBe(1)
  })
})
