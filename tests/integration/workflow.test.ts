import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Role } from '../../lib/roles.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'

type User = Awaited<ReturnType<TestCms['userWithRole']>>

let cms: TestCms
let contributor: User
let otherContributor: User
let editor: User

beforeAll(async () => {
  cms = await startTestCms()
  contributor = await cms.userWithRole('contributor')
  otherContributor = await cms.userWithRole('contributor')
  editor = await cms.userWithRole('editor')
})
afterAll(async () => {
  await cms?.close()
})

const act = (
  user: User,
  id: number | string,
  action: string,
  extra: Record<string, unknown> = {},
) =>
  cms.rest({
    method: 'POST',
    path: `/api/posts/${id}/workflow`,
    token: user.token,
    body: { action, ...extra },
  })

const latest = (id: number | string) =>
  cms.payload.findByID({ collection: 'posts', id, draft: true, overrideAccess: true, depth: 0 })
const live = (id: number | string) =>
  cms.payload.findByID({ collection: 'posts', id, draft: false, overrideAccess: true, depth: 0 })

const events = async (id: number | string) =>
  (
    await cms.payload.find({
      collection: 'workflow-events',
      where: { documentKey: { equals: `posts:${id}` } },
      sort: 'createdAt',
      limit: 0,
      depth: 0,
      overrideAccess: true,
    })
  ).docs.map((e) => ({
    action: e.action,
    from: e.from,
    to: e.to,
    note: e.note ?? null,
    user: e.user,
  }))

const draftBy = async (user: User, title: string) => {
  const { status, body } = await cms.rest({
    method: 'POST',
    path: '/api/posts?draft=true&depth=0',
    token: user.token,
    body: { title, _status: 'draft' },
  })
  expect(status).toBe(201)
  return body.doc as { id: number; owner: number; stage: string }
}

describe('the review flow', () => {
  it('should take a contributor draft through review to publication and record each step', async () => {
    const post = await draftBy(contributor, 'Flow post')
    expect(post).toMatchObject({ owner: contributor.id, stage: 'draft' })

    expect((await act(contributor, post.id, 'submit')).status).toBe(200)
    expect((await latest(post.id)).stage).toBe('in_review')

    const noNote = await act(editor, post.id, 'request_changes')
    expect(noNote.status).toBe(403)
    expect(noNote.body.errors[0].message).toBe('Requesting changes needs a note for the writer.')
    expect(
      (await act(editor, post.id, 'request_changes', { note: 'Add the source date' })).status,
    ).toBe(200)
    expect((await latest(post.id)).stage).toBe('changes_requested')

    const edit = await cms.rest({
      method: 'PATCH',
      path: `/api/posts/${post.id}?draft=true`,
      token: contributor.token,
      body: { excerpt: 'Now with the date', _status: 'draft' },
    })
    expect(edit.status).toBe(200)
    expect((await act(contributor, post.id, 'submit')).status).toBe(200)
    expect((await act(editor, post.id, 'approve')).status).toBe(200)
    expect((await act(editor, post.id, 'publish')).status).toBe(200)

    expect(await live(post.id)).toMatchObject({
      _status: 'published',
      stage: 'published',
      excerpt: 'Now with the date',
    })
    const anonymous = await cms.rest({ path: `/api/posts/${post.id}` })
    expect(anonymous.body.title).toBe('Flow post')
    expect(await events(post.id)).toEqual([
      { action: 'submit', from: 'draft', to: 'in_review', note: null, user: contributor.id },
      {
        action: 'request_changes',
        from: 'in_review',
        to: 'changes_requested',
        note: 'Add the source date',
        user: editor.id,
      },
      {
        action: 'submit',
        from: 'changes_requested',
        to: 'in_review',
        note: null,
        user: contributor.id,
      },
      { action: 'approve', from: 'in_review', to: 'approved', note: null, user: editor.id },
      { action: 'publish', from: 'approved', to: 'published', note: null, user: editor.id },
    ])
  })

  it('should send a published post back to review without taking it offline', async () => {
    const post = await draftBy(editor, 'Live then reviewed')
    await act(editor, post.id, 'publish')
    await cms.rest({
      method: 'PATCH',
      path: `/api/posts/${post.id}?draft=true`,
      token: editor.token,
      body: { title: 'Pending rewrite', _status: 'draft' },
    })
    expect((await act(editor, post.id, 'submit')).status).toBe(200)
    expect(await latest(post.id)).toMatchObject({ stage: 'in_review', title: 'Pending rewrite' })
    expect(await live(post.id)).toMatchObject({ _status: 'published', title: 'Live then reviewed' })
    expect((await cms.rest({ path: `/api/posts/${post.id}` })).body.title).toBe(
      'Live then reviewed',
    )
  })

  it('should return an unpublished post to draft', async () => {
    const post = await draftBy(editor, 'Taken down')
    await act(editor, post.id, 'publish')
    expect((await act(editor, post.id, 'unpublish')).status).toBe(200)
    expect(await live(post.id)).toMatchObject({ _status: 'draft', stage: 'draft' })
    expect((await events(post.id)).map((e) => e.action)).toEqual(['publish', 'unpublish'])
  })

  it('should refuse to schedule a publish in the past, queueing nothing', async () => {
    const post = await draftBy(editor, 'Scheduled too late')
    const jobs = () => cms.payload.count({ collection: 'payload-jobs', overrideAccess: true })
    const before = (await jobs()).totalDocs
    const answer = await act(editor, post.id, 'schedule', { at: '2019-01-01T09:00:00Z' })
    expect(answer.status).toBe(400)
    expect(answer.body.errors[0].message).toMatch(/2019-01-01T09:00:00.000Z\) is in the past/)
    expect((await jobs()).totalDocs).toBe(before)
    expect(await events(post.id)).toEqual([])
  })

  it('should let an editor assign an owner to an imported document', async () => {
    const imported = await cms.payload.create({
      collection: 'posts',
      data: { title: 'Imported, no owner', _status: 'draft' },
      overrideAccess: true,
    })
    expect(imported.owner ?? null).toBeNull()
    const { status } = await cms.rest({
      method: 'PATCH',
      path: `/api/posts/${imported.id}`,
      token: editor.token,
      body: { owner: contributor.id, _status: 'draft' },
    })
    expect(status).toBe(200)
    expect((await latest(imported.id)).owner).toBe(contributor.id)
  })
})

describe('publish paths a contributor must not open', () => {
  /** A contributor-owned document in the state the attack needs; returns its id. */
  const ownDraft = async (title: string) => (await draftBy(contributor, title)).id
  const publishedOnce = async (title: string) => {
    const id = await ownDraft(title)
    await act(editor, id, 'publish')
    await act(editor, id, 'unpublish')
    return id
  }

  const paths: [string, () => Promise<{ id: number | string; attempt: () => Promise<unknown> }>][] =
    [
      [
        'a save with _status published (REST)',
        async () => {
          const id = await ownDraft('Save attack')
          return {
            id,
            attempt: () =>
              cms.rest({
                method: 'PATCH',
                path: `/api/posts/${id}`,
                token: contributor.token,
                body: { _status: 'published' },
              }),
          }
        },
      ],
      [
        'a create with _status published (REST)',
        async () => {
          const id = await ownDraft('Create attack anchor')
          return {
            id,
            attempt: () =>
              cms.rest({
                method: 'POST',
                path: '/api/posts',
                token: contributor.token,
                body: { title: 'Create attack', _status: 'published' },
              }),
          }
        },
      ],
      [
        'the workflow endpoint: publish',
        async () => {
          const id = await ownDraft('Endpoint publish attack')
          return { id, attempt: () => act(contributor, id, 'publish') }
        },
      ],
      [
        'the workflow endpoint: approve',
        async () => {
          const id = await ownDraft('Endpoint approve attack')
          return { id, attempt: () => act(contributor, id, 'approve') }
        },
      ],
      [
        'the workflow endpoint: schedule',
        async () => {
          const id = await ownDraft('Endpoint schedule attack')
          return {
            id,
            attempt: () =>
              act(contributor, id, 'schedule', { at: new Date(Date.now() + 1000).toISOString() }),
          }
        },
      ],
      [
        'a stage set to approved directly',
        async () => {
          const id = await ownDraft('Stage attack')
          return {
            id,
            attempt: () =>
              cms.rest({
                method: 'PATCH',
                path: `/api/posts/${id}?draft=true`,
                token: contributor.token,
                body: { stage: 'approved', _status: 'draft' },
              }),
          }
        },
      ],
      [
        'an autosave that moves the stage',
        async () => {
          const id = await ownDraft('Autosave attack')
          return {
            id,
            attempt: () =>
              cms.rest({
                method: 'PATCH',
                path: `/api/posts/${id}?draft=true&autosave=true`,
                token: contributor.token,
                body: { stage: 'approved', _status: 'draft' },
              }),
          }
        },
      ],
      [
        'bulk publish from the list',
        async () => {
          const id = await ownDraft('Bulk attack')
          return {
            id,
            attempt: () =>
              cms.rest({
                method: 'PATCH',
                path: `/api/posts?where[id][equals]=${id}`,
                token: contributor.token,
                body: { _status: 'published' },
              }),
          }
        },
      ],
      [
        'bulk edit of the stage',
        async () => {
          const id = await ownDraft('Bulk stage attack')
          return {
            id,
            attempt: () =>
              cms.rest({
                method: 'PATCH',
                path: `/api/posts?where[id][equals]=${id}&draft=true`,
                token: contributor.token,
                body: { stage: 'approved', _status: 'draft' },
              }),
          }
        },
      ],
      [
        'restoring a published version',
        async () => {
          const id = await publishedOnce('Restore attack')
          const versions = await cms.payload.findVersions({
            collection: 'posts',
            where: {
              and: [{ parent: { equals: id } }, { 'version._status': { equals: 'published' } }],
            },
            overrideAccess: true,
          })
          return {
            id,
            attempt: () =>
              cms.rest({
                method: 'POST',
                path: `/api/posts/versions/${versions.docs[0].id}`,
                token: contributor.token,
              }),
          }
        },
      ],
      [
        'duplicating a published post',
        async () => {
          const id = await ownDraft('Duplicate attack')
          await act(editor, id, 'publish')
          return {
            id,
            attempt: () =>
              cms.rest({
                method: 'POST',
                path: `/api/posts/${id}/duplicate`,
                token: contributor.token,
                body: { _status: 'published' },
              }),
          }
        },
      ],
      [
        'GraphQL updatePost',
        async () => {
          const id = await ownDraft('GraphQL attack')
          return {
            id,
            attempt: () =>
              cms.graphql({
                token: contributor.token,
                query: `mutation { updatePost(id: ${id}, data: { _status: published }) { id } }`,
              }),
          }
        },
      ],
      [
        'GraphQL createPost',
        async () => {
          const id = await ownDraft('GraphQL create anchor')
          return {
            id,
            attempt: () =>
              cms.graphql({
                token: contributor.token,
                query:
                  'mutation { createPost(data: { title: "GraphQL created", _status: published }) { id } }',
              }),
          }
        },
      ],
      [
        'the Local API with overrideAccess: false',
        async () => {
          const id = await ownDraft('Local attack')
          const user = await cms.payload.findByID({
            collection: 'users',
            id: contributor.id,
            overrideAccess: true,
          })
          return {
            id,
            attempt: () =>
              cms.payload
                .update({
                  collection: 'posts',
                  id,
                  data: { _status: 'published' },
                  overrideAccess: false,
                  user: { ...user, collection: 'users' },
                })
                .catch(() => undefined),
          }
        },
      ],
      [
        'a scheduled publish queued for them',
        async () => {
          const id = await ownDraft('Queued attack')
          return {
            id,
            attempt: () =>
              cms.payload.jobs
                .queue({
                  task: 'schedulePublish',
                  input: {
                    type: 'publish',
                    doc: { relationTo: 'posts', value: id },
                    user: { relationTo: 'users', value: contributor.id as number },
                  },
                  waitUntil: new Date(),
                })
                .catch(() => undefined),
          }
        },
      ],
      [
        "someone else's draft: submit",
        async () => {
          const id = (await draftBy(otherContributor, 'Not mine')).id
          return { id, attempt: () => act(contributor, id, 'submit') }
        },
      ],
    ]

  const publishedCount = async () =>
    (
      await cms.payload.count({
        collection: 'posts',
        where: { _status: { equals: 'published' } },
        overrideAccess: true,
      })
    ).totalDocs

  it.each(paths)('should refuse %s and leave the post unchanged', async (_name, setup) => {
    const { id, attempt } = await setup()
    const before = {
      latest: await latest(id),
      live: await live(id),
      published: await publishedCount(),
    }
    await attempt()
    await cms.payload.jobs.run()
    expect(await latest(id)).toEqual(before.latest)
    expect(await live(id)).toEqual(before.live)
    expect(await publishedCount()).toBe(before.published)
    const byContributor = await cms.payload.count({
      collection: 'workflow-events',
      where: {
        and: [
          { user: { equals: contributor.id } },
          { action: { in: ['publish', 'approve', 'schedule', 'unpublish'] } },
        ],
      },
      overrideAccess: true,
    })
    expect(byContributor.totalDocs).toBe(0)
  })
})

describe('digests', () => {
  it('should follow the same workflow', async () => {
    const { body } = await cms.rest({
      method: 'POST',
      path: '/api/digests?draft=true&depth=0',
      token: contributor.token,
      body: { title: 'Weekly digest draft', _status: 'draft' },
    })
    const id = body.doc.id as number
    const step = (user: User, action: string) =>
      cms.rest({
        method: 'POST',
        path: `/api/digests/${id}/workflow`,
        token: user.token,
        body: { action },
      })
    expect((await step(contributor, 'publish')).status).toBe(403)
    expect((await step(contributor, 'submit')).status).toBe(200)
    expect((await step(editor, 'approve')).status).toBe(200)
    expect((await step(editor, 'publish')).status).toBe(200)
    expect((await cms.rest({ path: `/api/digests/${id}` })).body.title).toBe('Weekly digest draft')
  })
})

describe('the audit trail', () => {
  it.each([['admin'], ['editor']] as [Role][])(
    'should refuse edits and deletes, even by an %s',
    async (role) => {
      const user = await cms.userWithRole(role)
      const post = await draftBy(editor, `Audit ${role}`)
      await act(editor, post.id, 'publish')
      const [event] = (
        await cms.payload.find({
          collection: 'workflow-events',
          where: { documentKey: { equals: `posts:${post.id}` } },
          overrideAccess: true,
        })
      ).docs
      const edit = await cms.rest({
        method: 'PATCH',
        path: `/api/workflow-events/${event.id}`,
        token: user.token,
        body: { note: 'rewritten' },
      })
      const remove = await cms.rest({
        method: 'DELETE',
        path: `/api/workflow-events/${event.id}`,
        token: user.token,
      })
      expect([edit.status, remove.status]).toEqual([403, 403])
      await expect(
        cms.payload.delete({ collection: 'workflow-events', id: event.id, overrideAccess: true }),
      ).rejects.toThrow()
      await expect(
        cms.payload.update({
          collection: 'workflow-events',
          id: event.id,
          data: { note: 'x' },
          overrideAccess: true,
        }),
      ).rejects.toThrow()
    },
  )

  it('should let staff read it and nobody else', async () => {
    expect(
      (await cms.rest({ path: '/api/workflow-events', token: contributor.token })).status,
    ).toBe(200)
    expect((await cms.rest({ path: '/api/workflow-events' })).status).toBe(403)
  })
})
