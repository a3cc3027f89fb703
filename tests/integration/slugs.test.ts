import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestCms, type TestCms } from '../helpers/payload.ts'

let cms: TestCms

const createPost = (data: { title: string; slug?: string }) =>
  cms.payload.create({
    collection: 'posts',
    data: { ...data, _status: 'draft' },
    overrideAccess: true,
  })

beforeAll(async () => {
  cms = await startTestCms()
})
afterAll(async () => {
  await cms?.close()
})

describe('slugs', () => {
  it('should make the slug from the title', async () => {
    expect((await createPost({ title: 'MEK : Totalitarian Cult , or Hope ?' })).slug).toBe(
      'mek-totalitarian-cult-or-hope',
    )
  })

  it('should add -2, -3 when the slug is taken', async () => {
    const slugs = [
      await createPost({ title: 'Same title' }),
      await createPost({ title: 'Same title' }),
      await createPost({ title: 'Same title' }),
    ].map((p) => p.slug)
    expect(slugs).toEqual(['same-title', 'same-title-2', 'same-title-3'])
  })

  it('should keep the letters of a Persian title', async () => {
    expect((await createPost({ title: 'مجاهدین خلق' })).slug).toBe('مجاهدین-خلق')
  })

  it('should keep a slug given by hand, tidied', async () => {
    expect((await createPost({ title: 'Anything', slug: 'My Own Slug' })).slug).toBe('my-own-slug')
  })

  it('should not change the slug when the title changes', async () => {
    const post = await createPost({ title: 'First title' })
    const updated = await cms.payload.update({
      collection: 'posts',
      id: post.id,
      data: { title: 'Second title', _status: 'draft' },
      overrideAccess: true,
    })
    expect(updated.slug).toBe('first-title')
  })

  it('should refuse a slug another post already has', async () => {
    await createPost({ title: 'Taken', slug: 'taken-slug' })
    await expect(createPost({ title: 'Other', slug: 'taken-slug' })).rejects.toMatchObject({
      data: { errors: [expect.objectContaining({ path: 'slug' })] },
    })
  })

  it.each(['posts', 'digests'] as const)(
    'should give a duplicated %s document a fresh slug',
    async (collection) => {
      const original = await cms.payload.create({
        collection,
        data: { title: `Copied ${collection}`, _status: 'draft' },
        overrideAccess: true,
      })
      const copy = await cms.payload.duplicate({
        collection,
        id: original.id,
        overrideAccess: true,
      })
      expect(copy.id).not.toBe(original.id)
      expect(copy.slug).toBe(`copied-${collection}-2`)
    },
  )

  it('should leave the issue number of a duplicated digest empty', async () => {
    const original = await cms.payload.create({
      collection: 'digests',
      data: { title: 'Numbered issue', issueNumber: 9001, _status: 'draft' },
      overrideAccess: true,
    })
    const copy = await cms.payload.duplicate({
      collection: 'digests',
      id: original.id,
      overrideAccess: true,
    })
    expect(copy.issueNumber ?? null).toBeNull()
    expect(copy.slug).toBe('numbered-issue-2')
  })
})
