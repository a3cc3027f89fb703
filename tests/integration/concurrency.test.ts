import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestCms, type TestCms } from '../helpers/payload.ts'

let cms: TestCms

beforeAll(async () => {
  cms = await startTestCms()
})
afterAll(async () => {
  await cms?.close()
})

describe('concurrent writes', () => {
  it('should complete every one of 40 simultaneous creates and updates', async () => {
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        cms.payload.create({
          collection: 'posts',
          data: { title: `Concurrent ${n}`, _status: 'draft' },
          overrideAccess: true,
        }),
      ),
    )
    await Promise.all(
      created.map((post) =>
        cms.payload.update({
          collection: 'posts',
          id: post.id,
          data: { excerpt: `updated ${post.title}`, _status: 'published' },
          overrideAccess: true,
        }),
      ),
    )
    const { docs } = await cms.payload.find({
      collection: 'posts',
      where: { title: { like: 'Concurrent' } },
      limit: 0,
      overrideAccess: true,
    })
    expect(docs).toHaveLength(20)
    expect(
      docs.every((doc) => doc._status === 'published' && doc.excerpt === `updated ${doc.title}`),
    ).toBe(true)
  })
})
