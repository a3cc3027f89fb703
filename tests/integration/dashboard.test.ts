import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ReviewQueue } from '../../src/components/ReviewQueue.tsx'
import { startTestCms, type TestCms } from '../helpers/payload.ts'

type User = Awaited<ReturnType<TestCms['userWithRole']>>

let cms: TestCms
let contributor: User
let editor: User

const userDoc = async (user: User) => ({
  ...(await cms.payload.findByID({ collection: 'users', id: user.id, overrideAccess: true })),
  collection: 'users' as const,
})
const renderQueue = async (user: User) =>
  renderToStaticMarkup(
    await ReviewQueue({ payload: cms.payload, user: await userDoc(user), i18n: {} as never }),
  )

const submitted = async (title: string) => {
  const post = await cms.payload.create({
    collection: 'posts',
    data: { title, _status: 'draft', owner: contributor.id as number },
    overrideAccess: true,
  })
  await cms.rest({
    method: 'POST',
    path: `/api/posts/${post.id}/workflow`,
    token: contributor.token,
    body: { action: 'submit' },
  })
  return post
}

beforeAll(async () => {
  cms = await startTestCms()
  contributor = await cms.userWithRole('contributor')
  editor = await cms.userWithRole('editor')
})
afterAll(async () => {
  await cms?.close()
})

describe('dashboard review queue', () => {
  it('should list documents in review, oldest first, with their writer', async () => {
    await submitted('Older submission')
    await new Promise((resolve) => setTimeout(resolve, 20))
    await submitted('Newer submission')
    const html = await renderQueue(editor)
    expect(html.indexOf('Older submission')).toBeLessThan(html.indexOf('Newer submission'))
    expect(html).toContain(String((await userDoc(contributor)).name))
    expect(html).toMatch(/\d+ min/)
  })

  it('should not list drafts that are not in review', async () => {
    await cms.payload.create({
      collection: 'posts',
      data: { title: 'Just a draft', _status: 'draft' },
      overrideAccess: true,
    })
    expect(await renderQueue(editor)).not.toContain('Just a draft')
  })
})

describe('failed scheduled publishing', () => {
  it('should show editors a scheduled publish that failed, in the admin and over the API', async () => {
    const writer = await cms.userWithRole('editor')
    const post = await cms.payload.create({
      collection: 'posts',
      data: { title: 'Doomed schedule', _status: 'draft' },
      overrideAccess: true,
    })
    const scheduled = await cms.rest({
      method: 'POST',
      path: `/api/posts/${post.id}/workflow`,
      token: writer.token,
      body: { action: 'schedule', at: new Date(Date.now() - 1000).toISOString() },
    })
    expect(scheduled.status).toBe(200)
    // The scheduler loses the right to publish before the job runs.
    await cms.payload.update({
      collection: 'users',
      id: writer.id,
      data: { role: 'contributor' },
      overrideAccess: true,
    })
    await cms.payload.jobs.run()

    expect(
      (await cms.payload.findByID({ collection: 'posts', id: post.id, overrideAccess: true }))
        ._status,
    ).toBe('draft')
    const jobs = await cms.rest({
      path: '/api/payload-jobs?where[hasError][equals]=true&depth=0',
      token: editor.token,
    })
    expect(jobs.status).toBe(200)
    expect(jobs.body.docs).toHaveLength(1)
    expect(await renderQueue(editor)).toContain('Failed: due')
  })

  it('should hide background jobs from contributors', async () => {
    const jobs = await cms.rest({ path: '/api/payload-jobs', token: contributor.token })
    expect(jobs.status).toBe(403)
    expect(await renderQueue(contributor)).not.toContain('Scheduled publishing needs attention')
  })
})
