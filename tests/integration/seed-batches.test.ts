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

/** The real Payload, except that the posts titled `broken` are written with an empty title. */
const withInvalidPosts = (payload: Payload, broken: string[]): Payload => {
  const flaky = Object.create(payload) as Payload
  flaky.create = ((args: { data?: { title?: string } }) =>
    payload.create(
      (broken.includes(args.data?.title ?? '')
        ? { ...args, data: { ...args.data, title: '' } }
        : args) as never,
    )) as Payload['create']
  return flaky
}

/** The real Payload, except that one post is written with an empty (invalid) title. */
const withOneInvalidPost = (payload: Payload): Payload => withInvalidPosts(payload, [BROKEN])

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

describe('importing a batch with several bad documents', () => {
  const other = [
    {
      name: 'several.txt',
      bytes: Buffer.from(
        authorPageText({ author: 'Several Writer', count: 40, prefix: 'Several' }),
      ),
    },
  ]
  const title = (n: number) => `Several story number ${n} about the MEK`
  // The first, two side by side, and the last: each fails alone, every other one is written.
  const broken = [1, 20, 21, 40].map(title)

  it('should fail each bad document alone, write the rest once, and report progress once each', async () => {
    const progress: number[] = []
    const report = await importFiles({
      payload: withInvalidPosts(cms.payload, broken),
      files: other,
      onProgress: ({ done }) => progress.push(done),
    })
    const { docs } = await cms.payload.find({
      collection: 'posts',
      where: { title: { like: 'Several story number' } },
      draft: true,
      limit: 0,
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
    const titles = docs.map((doc) => doc.title)
    const documents = (['authors', 'sources', 'topics', 'posts', 'digests'] as const)
      .flatMap((collection) => Object.values(report.counts[collection]))
      .reduce((sum, count) => sum + count, 0)
    expect({
      failed: report.failures.map((failure) => failure.title).sort(),
      created: report.counts.posts.created,
      stored: [titles.length, new Set(titles).size],
      progress,
    }).toEqual({
      failed: [...broken].sort(),
      created: 36,
      stored: [36, 36],
      // One tick per document, in order (the file has no old-site addresses to redirect).
      progress: Array.from({ length: documents }, (_, index) => index + 1),
    })
  })

  it('should leave everything unchanged but the bad documents when run again', async () => {
    const report = await importFiles({ payload: cms.payload, files: other })
    expect([report.failures, report.counts.posts]).toEqual([
      [],
      { created: 4, updated: 0, unchanged: 36, skipped: 0, failed: 0 },
    ])
  })
})
