/**
 * Notifications for people: who is told of each workflow step, in its transaction; that each
 * person reads and changes only their own; the failed scheduled publish; and the email sent by
 * the job queue (never in the request) to a local SMTP server.
 */
import { createLocalReq, initTransaction, killTransaction } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  onScheduleFailed,
  type ScheduleFailure,
} from '../../collections/workflow/scheduleFailures.ts'
import { startMailSink } from '../helpers/mailSink.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'

type User = Awaited<ReturnType<TestCms['userWithRole']>>

let cms: TestCms
let mail: Awaited<ReturnType<typeof startMailSink>>
let contributor: User
let editor: User
let quietEditor: User
let admin: User
let owner: { id: number | string; email: string }

beforeAll(async () => {
  mail = await startMailSink()
  // The queue runs when a test says so (payload.jobs.run), not every 10 s behind its back.
  cms = await startTestCms({ env: { SMTP_URL: mail.url, JOBS_ENABLED: 'false' } })
  contributor = await cms.userWithRole('contributor')
  editor = await cms.userWithRole('editor')
  quietEditor = await cms.userWithRole('editor')
  admin = await cms.userWithRole('admin')
  const first = await cms.payload.find({
    collection: 'users',
    where: { email: { equals: 'owner@example.test' } },
    overrideAccess: true,
  })
  owner = { id: first.docs[0].id, email: first.docs[0].email }
  // An editor who turned email off, over the API, as they would in their account.
  const off = await cms.rest({
    method: 'PATCH',
    path: `/api/users/${quietEditor.id}`,
    token: quietEditor.token,
    body: { notifyByEmail: false },
  })
  expect(off.status).toBe(200)
})
afterAll(async () => {
  await cms?.close()
  await mail?.close()
})

const act = (user: User, id: number | string, action: string, extra = {}) =>
  cms.rest({
    method: 'POST',
    path: `/api/posts/${id}/workflow`,
    token: user.token,
    body: { action, ...extra },
  })

const ok = async (answer: ReturnType<typeof act>) => {
  const { status, body } = await answer
  expect(status, JSON.stringify(body)).toBe(200)
}

const draftBy = async (user: User, title: string) => {
  const { status, body } = await cms.rest({
    method: 'POST',
    path: '/api/posts?draft=true&depth=0',
    token: user.token,
    body: { title, _status: 'draft' },
  })
  expect(status).toBe(201)
  return body.doc as { id: number | string }
}

/** What each person was told about the post, as `kind` per recipient id. */
const toldAbout = async (id: number | string) => {
  const { docs } = await cms.payload.find({
    collection: 'notifications',
    where: { documentKey: { equals: `posts:${id}` } },
    sort: 'createdAt',
    limit: 0,
    depth: 0,
    overrideAccess: true,
  })
  return docs.map((doc) => ({ to: doc.recipient, kind: doc.kind }))
}

const queuedEmails = async () =>
  (
    await cms.payload.count({
      collection: 'payload-jobs',
      where: { taskSlug: { equals: 'sendNotificationEmail' } },
      overrideAccess: true,
    })
  ).totalDocs

/** Runs the job queue until nothing is left to run (jobs queued by jobs run in a later round). */
const runQueue = async () => {
  for (let round = 0; round < 10; round++) {
    const result = await cms.payload.jobs.run({ limit: 100 })
    if ((result as { noJobsRemaining?: boolean }).noJobsRemaining) return
  }
  throw new Error('the job queue still had jobs after 10 runs')
}

const unreadCount = async (user: User) => {
  const { status, body } = await cms.rest({
    path: '/api/notifications/unread-count',
    token: user.token,
  })
  expect(status).toBe(200)
  return body.unread as number
}

describe('who is told of a workflow step', () => {
  it('should tell every editor and admin of a submission, and not the contributor who submitted', async () => {
    const post = await draftBy(contributor, 'Submitted for the editors')
    await ok(act(contributor, post.id, 'submit'))
    const told = await toldAbout(post.id)
    expect(told.map((entry) => entry.to).sort()).toEqual(
      [owner.id, editor.id, quietEditor.id, admin.id].sort(),
    )
    expect(new Set(told.map((entry) => entry.kind))).toEqual(new Set(['submitted']))
  })

  it('should tell the owner of changes requested, with the note', async () => {
    const post = await draftBy(contributor, 'Sent back with a note')
    await ok(act(contributor, post.id, 'submit'))
    await ok(act(editor, post.id, 'request_changes', { note: 'Add the source date' }))
    const { docs } = await cms.payload.find({
      collection: 'notifications',
      where: {
        and: [
          { documentKey: { equals: `posts:${post.id}` } },
          { recipient: { equals: contributor.id } },
        ],
      },
      overrideAccess: true,
      depth: 0,
    })
    expect(docs).toHaveLength(1)
    expect(docs[0]).toMatchObject({
      kind: 'changes_requested',
      title: 'Changes requested on “Sent back with a note”',
      message: 'editor 2: Add the source date',
      documentTitle: 'Sent back with a note',
      url: `/admin/collections/posts/${post.id}`,
      readAt: null,
    })
  })

  it('should tell the owner of an approval and of the publish', async () => {
    const post = await draftBy(contributor, 'Approved and published')
    await ok(act(contributor, post.id, 'submit'))
    await ok(act(editor, post.id, 'approve'))
    await ok(act(admin, post.id, 'publish'))
    const mine = (await toldAbout(post.id)).filter((entry) => entry.to === contributor.id)
    expect(mine.map((entry) => entry.kind)).toEqual(['approved', 'published'])
  })

  it('should tell nobody of their own action', async () => {
    const post = await draftBy(editor, 'An editor’s own post')
    await ok(act(editor, post.id, 'submit'))
    await ok(act(editor, post.id, 'approve'))
    await ok(act(editor, post.id, 'publish'))
    const told = await toldAbout(post.id)
    expect(told.filter((entry) => entry.to === editor.id)).toEqual([])
    // The other reviewers heard of the submission; nobody of the approval or the publish.
    expect(new Set(told.map((entry) => entry.kind))).toEqual(new Set(['submitted']))
  })

  it('should leave no notification and queue no email when the step is rolled back', async () => {
    const post = await draftBy(contributor, 'Rolled back')
    await ok(act(contributor, post.id, 'submit'))
    const before = { told: await toldAbout(post.id), emails: await queuedEmails() }
    const user = await cms.payload.findByID({
      collection: 'users',
      id: editor.id,
      overrideAccess: true,
    })
    const req = await createLocalReq({ user: { ...user, collection: 'users' } }, cms.payload)
    await initTransaction(req)
    await cms.payload.update({
      collection: 'posts',
      id: post.id,
      data: { stage: 'changes_requested', workflowNote: 'Never sent', _status: 'draft' },
      draft: true,
      user: req.user,
      overrideAccess: false,
      req,
    })
    // Inside the transaction the step told the owner and queued the email…
    const inside = await cms.payload.count({
      collection: 'notifications',
      where: { documentKey: { equals: `posts:${post.id}` } },
      overrideAccess: true,
      req,
    })
    expect(inside.totalDocs).toBe(before.told.length + 1)
    await killTransaction(req)
    // …and rolled back with it.
    expect(await toldAbout(post.id)).toEqual(before.told)
    expect(await queuedEmails()).toBe(before.emails)
  })
})

describe('access to notifications', () => {
  const firstOf = async (user: User) => {
    const { docs } = await cms.payload.find({
      collection: 'notifications',
      where: { recipient: { equals: user.id } },
      sort: '-createdAt',
      limit: 1,
      depth: 0,
      overrideAccess: true,
    })
    expect(docs).toHaveLength(1)
    return docs[0]
  }

  beforeAll(async () => {
    // Each of the editor and the contributor has at least one notification of their own.
    const post = await draftBy(contributor, 'Access fixture')
    await ok(act(contributor, post.id, 'submit'))
    await ok(act(editor, post.id, 'approve'))
  })

  it('should list only the reader’s own notifications', async () => {
    const { status, body } = await cms.rest({
      path: '/api/notifications?limit=0&depth=0',
      token: contributor.token,
    })
    expect(status).toBe(200)
    expect(body.totalDocs).toBeGreaterThan(0)
    expect(new Set(body.docs.map((doc: { recipient: unknown }) => doc.recipient))).toEqual(
      new Set([contributor.id]),
    )
  })

  it('should not let anyone read another person’s notification by id', async () => {
    const theirs = await firstOf(editor)
    const answer = await cms.rest({
      path: `/api/notifications/${theirs.id}`,
      token: contributor.token,
    })
    expect(answer.status).toBe(404)
    const anonymous = await cms.rest({ path: '/api/notifications' })
    expect(anonymous.status).toBe(403)
  })

  it('should not let anyone mark or delete another person’s notification', async () => {
    const theirs = await firstOf(editor)
    const patch = await cms.rest({
      method: 'PATCH',
      path: `/api/notifications/${theirs.id}`,
      token: admin.token,
      body: { readAt: new Date().toISOString() },
    })
    expect(patch.status).toBe(403)
    const removal = await cms.rest({
      method: 'DELETE',
      path: `/api/notifications/${theirs.id}`,
      token: contributor.token,
    })
    expect(removal.status).toBe(403)
    expect(
      await cms.payload.findByID({
        collection: 'notifications',
        id: theirs.id,
        overrideAccess: true,
      }),
    ).toMatchObject({ readAt: null })
  })

  it('should not let anyone create a notification through the API', async () => {
    const answer = await cms.rest({
      method: 'POST',
      path: '/api/notifications',
      token: admin.token,
      body: { recipient: contributor.id, kind: 'approved', title: 'Forged' },
    })
    expect(answer.status).toBe(403)
  })

  it('should let a person mark their own notification read, and change nothing else', async () => {
    const mine = await firstOf(contributor)
    const readAt = new Date().toISOString()
    const answer = await cms.rest({
      method: 'PATCH',
      path: `/api/notifications/${mine.id}`,
      token: contributor.token,
      body: { readAt, title: 'Rewritten', kind: 'published', recipient: editor.id },
    })
    expect(answer.status).toBe(200)
    expect(
      await cms.payload.findByID({
        collection: 'notifications',
        id: mine.id,
        overrideAccess: true,
        depth: 0,
      }),
    ).toMatchObject({ readAt, title: mine.title, kind: mine.kind, recipient: contributor.id })
  })

  it('should count unread notifications and mark them all read, for the reader only', async () => {
    const post = await draftBy(contributor, 'Counted')
    const editorsBefore = await unreadCount(editor)
    await ok(act(contributor, post.id, 'submit'))
    expect(await unreadCount(editor)).toBe(editorsBefore + 1)
    const contributorsBefore = await unreadCount(contributor)
    const marked = await cms.rest({
      method: 'POST',
      path: '/api/notifications/mark-all-read',
      token: editor.token,
    })
    expect(marked.status).toBe(200)
    expect(marked.body.marked).toBe(editorsBefore + 1)
    expect(await unreadCount(editor)).toBe(0)
    expect(await unreadCount(contributor)).toBe(contributorsBefore)
    expect((await cms.rest({ path: '/api/notifications/unread-count' })).status).toBe(401)
  })

  it('should let a person delete their own notification', async () => {
    const mine = await firstOf(contributor)
    const answer = await cms.rest({
      method: 'DELETE',
      path: `/api/notifications/${mine.id}`,
      token: contributor.token,
    })
    expect(answer.status).toBe(200)
    expect(
      await cms.payload.findByID({
        collection: 'notifications',
        id: mine.id,
        overrideAccess: true,
        disableErrors: true,
      }),
    ).toBeNull()
  })

  it('should delete a person’s notifications with their account', async () => {
    const leaving = await cms.userWithRole('editor')
    const post = await draftBy(contributor, 'Told before leaving')
    await ok(act(contributor, post.id, 'submit'))
    const isTold = async () => (await toldAbout(post.id)).some((entry) => entry.to === leaving.id)
    expect(await isTold()).toBe(true)
    const removal = await cms.rest({
      method: 'DELETE',
      path: `/api/users/${leaving.id}`,
      token: admin.token,
    })
    expect(removal.status).toBe(200)
    expect(await isTold()).toBe(false)
  })

  it('should show whether someone takes emails to them and to admins only', async () => {
    const asColleague = await cms.rest({
      path: `/api/users/${quietEditor.id}?depth=0`,
      token: editor.token,
    })
    expect(asColleague.status).toBe(200)
    expect(asColleague.body).not.toHaveProperty('notifyByEmail')
    const filtered = await cms.rest({
      path: '/api/users?depth=0&limit=0&where[notifyByEmail][equals]=false',
      token: editor.token,
    })
    // Not by filtering either: the list would tell whose emails are off.
    expect(filtered.status).toBe(400)
    const asSelf = await cms.rest({ path: '/api/users/me', token: quietEditor.token })
    expect(asSelf.body.user.notifyByEmail).toBe(false)
    const asAdmin = await cms.rest({ path: `/api/users/${quietEditor.id}`, token: admin.token })
    expect(asAdmin.body.notifyByEmail).toBe(false)
  })

  it('should let a person turn their own email off, not someone else’s', async () => {
    const theirs = await cms.rest({
      method: 'PATCH',
      path: `/api/users/${editor.id}`,
      token: contributor.token,
      body: { notifyByEmail: false },
    })
    expect(theirs.status).toBe(403)
    const account = await cms.payload.findByID({
      collection: 'users',
      id: editor.id,
      overrideAccess: true,
    })
    expect(account.notifyByEmail).toBe(true)
  })
})

describe('a scheduled publish that fails', () => {
  /** A post scheduled by an editor who is a contributor by the time it runs: it fails for good. */
  const doomedSchedule = async (title: string) => {
    const post = await draftBy(contributor, title)
    const scheduler = await cms.userWithRole('editor')
    await ok(act(scheduler, post.id, 'schedule', { at: new Date(Date.now() - 1000).toISOString() }))
    await cms.payload.update({
      collection: 'users',
      id: scheduler.id,
      data: { role: 'contributor' },
      overrideAccess: true,
    })
    return { post, scheduler }
  }

  it('should tell the person who scheduled it and the owner', async () => {
    const { post, scheduler } = await doomedSchedule('Doomed schedule')
    await runQueue()
    const job = await cms.payload.find({
      collection: 'payload-jobs',
      where: { taskSlug: { equals: 'schedulePublish' } },
      overrideAccess: true,
    })
    expect(job.docs.some((doc) => doc.hasError)).toBe(true)
    const told = await cms.payload.find({
      collection: 'notifications',
      where: {
        and: [
          { documentKey: { equals: `posts:${post.id}` } },
          { kind: { equals: 'schedule_failed' } },
        ],
      },
      overrideAccess: true,
      depth: 0,
    })
    expect(told.docs.map((doc) => doc.recipient).sort()).toEqual(
      [contributor.id, scheduler.id].sort(),
    )
    expect(told.docs[0]).toMatchObject({
      title: 'The scheduled publish of “Doomed schedule” failed',
      message: 'It did not run: You are not allowed to perform this action.',
    })
  })

  it('should tell every listener, one failing listener stopping neither the others nor the job', async () => {
    const heard: ScheduleFailure[] = []
    const stopFailing = onScheduleFailed({
      payload: cms.payload,
      listener: () => {
        throw new Error('a listener that fails')
      },
    })
    const stopHearing = onScheduleFailed({
      payload: cms.payload,
      listener: ({ failure }) => {
        heard.push(failure)
      },
    })
    try {
      const { post, scheduler } = await doomedSchedule('Doomed twice')
      await runQueue()
      expect(heard).toEqual([
        expect.objectContaining({
          collection: 'posts',
          docId: post.id,
          type: 'publish',
          scheduledById: scheduler.id,
          error: 'You are not allowed to perform this action.',
        }),
      ])
      const job = await cms.payload.findByID({
        collection: 'payload-jobs',
        id: heard[0].jobId,
        overrideAccess: true,
      })
      expect(job).toMatchObject({ hasError: true, processing: false })
    } finally {
      stopFailing()
      stopHearing()
    }
  })
})

describe('notifications by email', () => {
  it('should email the owner the changes requested, with the note and the link, from the job queue', async () => {
    const post = await draftBy(contributor, 'Emailed back')
    await ok(act(contributor, post.id, 'submit'))
    await runQueue()
    const since = mail.count()
    const queued = await queuedEmails()
    await ok(act(editor, post.id, 'request_changes', { note: 'Please cite the minister' }))
    // Queued by the step, not sent in its request.
    expect(await queuedEmails()).toBe(queued + 1)
    expect(mail.count()).toBe(since)

    await runQueue()
    await mail.nextMailTo(contributor.email, since)
    const [sent] = mail.mailsTo(contributor.email, since)
    expect(mail.mailsTo(contributor.email, since)).toHaveLength(1)
    const link = `http://localhost:3000/admin/collections/posts/${post.id}`
    expect(sent.raw).toMatch(/^Subject: Changes requested: Emailed back$/m)
    expect(sent.raw).toMatch(/Content-Type: multipart\/alternative/i)
    expect(sent.raw).toMatch(/Content-Type: text\/plain/i)
    expect(sent.raw).toMatch(/Content-Type: text\/html/i)
    expect(sent.text).toContain('Please cite the minister')
    expect(sent.text).toContain(`Open the document: ${link}`)
    expect(sent.text).toContain(`href="${link}"`)
    expect(await queuedEmails()).toBe(queued)
  })

  it('should tell a person with email off in the app only', async () => {
    await runQueue()
    const since = mail.count()
    const post = await draftBy(contributor, 'Quietly submitted')
    await ok(act(contributor, post.id, 'submit'))
    await runQueue()
    // The editor who takes emails got theirs, in the same run…
    await mail.nextMailTo(editor.email, since)
    // …the one who turned them off got none, and has the notification in the app.
    expect(mail.mailsTo(quietEditor.email, since)).toEqual([])
    expect((await toldAbout(post.id)).filter((entry) => entry.to === quietEditor.id)).toEqual([
      { to: quietEditor.id, kind: 'submitted' },
    ])
  })
})
