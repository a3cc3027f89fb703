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
})
