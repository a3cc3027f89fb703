import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { importFiles } from '../../seed/import.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'
import { authorPageText } from '../helpers/seedText.ts'

const ENTRIES = 120
const BROKEN = 'Batch story number 77 about the MEK'

let cms: TestCms

beforeAll(async () => {
  cms = await startTestCms()
  // A post in the trash still holds its slug: the import must pick the next one.
  const taken = await cms.payload.create({
    collection: 'posts',
    data: { title: 'Batch story number 3 about the MEK', _status: 'draft' },
    overrideAccess: true,
  })
  await cms.payload.update({
    collection: 'posts',
    id: taken.id,
    data: { deletedAt: new Date().toISOString() },
    overrideAccess: true,
  })
})
afterAll(async () => {
  await cms?.close()
})

const files = [
  {
    name: 'batches.txt',
    bytes: Buffer.from(authorPageText({ author: 'Batch Writer', count: ENTRIES, prefix: 'Batch' })),
  },
]

/** The real Payload, except that one post is written with an empty (invalid) title. */
const withOneInvalidPost = (payload: Payload): Payload => {
  const flaky = Object.create(payload) as Payload
  flaky.create = ((args: { data?: { title?: string } }) =>
    payload.create(
      (args.data?.title === BROKEN
        ? { ...args, data: { ...args.data, title: '' } }
        : args) as never,
    )) as Payload['create']
  return flaky
}

const importedTitles = async () =>
  (
    await cms.payload.find({
      collection: 'posts',
      where: { title: { like: 'Batch story number' } },
      draft: true,
      limit: 0,
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
  ).docs.map((doc) => doc.title)

describe('importing in batches', () => {
  it('should fail only the one bad document of a batch and write the rest', async () => {
    const report = await importFiles({ payload: withOneInvalidPost(cms.payload), files })
    expect(report.failures).toHaveLength(1)
    expect(report.failures[0]).toMatchObject({ file: 'batches.txt', title: BROKEN })
    expect(report.failures[0].message).toMatch(/title/i)
    expect(report.counts.posts.created).toBe(ENTRIES - 1)
    const titles = await importedTitles()
    expect(titles).toHaveLength(ENTRIES - 1)
    expect(new Set(titles).size).toBe(ENTRIES - 1)
    expect(titles).not.toContain(BROKEN)
  })

  it('should give imported documents unique slugs, passing over ones in use or in the trash', async () => {
    const { docs } = await cms.payload.find({
      collection: 'posts',
      where: { title: { equals: 'Batch story number 3 about the MEK' } },
      draft: true,
      trash: true,
      depth: 0,
      overrideAccess: true,
    })
    expect(docs.map((doc) => doc.slug).sort()).toEqual([
      'batch-story-number-3-about-the-mek',
      'batch-story-number-3-about-the-mek-2',
    ])
  })

  it('should write the missing document, and only it, when run again', async () => {
    const report = await importFiles({ payload: cms.payload, files })
    expect(report.failures).toEqual([])
    expect(report.counts.posts).toMatchObject({ created: 1, unchanged: ENTRIES - 1 })
    const titles = await importedTitles()
    expect(titles).toHaveLength(ENTRIES)
    expect(new Set(titles).size).toBe(ENTRIES)
  })
})
