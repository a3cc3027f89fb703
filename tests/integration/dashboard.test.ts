import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { formatDateTime, timeZoneName } from '../../lib/dates.ts'
import { STAGES, type Stage } from '../../lib/workflow.ts'
import { EditorialDashboard } from '../../src/components/EditorialDashboard/index.tsx'
import { SECRET } from '../helpers/fixtures.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'

/**
 * The admin dashboard, rendered as the admin renders it, for an editor and for two contributors:
 * counts per stage that match the documents created here (and the lists they link to), each
 * user's own work, the review queue, scheduled publishing and the recent workflow steps, every one
 * read with the user's access. Contributor B's unpublished work carries SECRET: contributor A's
 * dashboard must never show it, nor count it.
 */

type Account = Awaited<ReturnType<TestCms['userWithRole']>>
type Collection = 'posts' | 'digests'
type Who = 'a' | 'b' | 'editor'

/** One document of the newsroom below: who owns it and the stage the workflow brought it to. */
type Fixture = {
  collection: Collection
  title: string
  owner: Who | null
  stage: Stage
  /** Created without an owner, then assigned by an editor with a draft save. */
  isAssignedLater?: boolean
}

const FIXTURES: Fixture[] = [
  { collection: 'posts', title: 'Imported draft one', owner: null, stage: 'draft' },
  { collection: 'posts', title: 'Imported draft two', owner: null, stage: 'draft' },
  { collection: 'posts', title: 'Draft by Ann', owner: 'a', stage: 'draft' },
  {
    collection: 'posts',
    title: 'Assigned to Ann',
    owner: 'a',
    stage: 'draft',
    isAssignedLater: true,
  },
  { collection: 'posts', title: 'Older submission by Ann', owner: 'a', stage: 'in_review' },
  { collection: 'posts', title: `${SECRET} submission by Bo`, owner: 'b', stage: 'in_review' },
  { collection: 'posts', title: 'Sent back to Ann', owner: 'a', stage: 'changes_requested' },
  { collection: 'posts', title: 'Approved post', owner: 'editor', stage: 'approved' },
  { collection: 'posts', title: 'Published post', owner: 'b', stage: 'published' },
  { collection: 'posts', title: `${SECRET} draft by Bo`, owner: 'b', stage: 'draft' },
  { collection: 'posts', title: 'Scheduled post', owner: null, stage: 'draft' },
  { collection: 'posts', title: 'Doomed schedule', owner: null, stage: 'draft' },
  { collection: 'digests', title: 'Digest draft', owner: null, stage: 'draft' },
  { collection: 'digests', title: 'Digest submitted by Ann', owner: 'a', stage: 'in_review' },
  { collection: 'digests', title: 'Published digest', owner: null, stage: 'published' },
  { collection: 'digests', title: `${SECRET} digest by Bo`, owner: 'b', stage: 'draft' },
]

let cms: TestCms
let a: Account
let b: Account
let editor: Account
const ids = new Map<string, number | string>()
const accounts = () => ({ a, b, editor })

const userDoc = async (account: Account) => ({
  ...(await cms.payload.findByID({ collection: 'users', id: account.id, overrideAccess: true })),
  collection: 'users' as const,
})
const nameOf = async (account: Account) => String((await userDoc(account)).name)

const render = async (account: Account) =>
  renderToStaticMarkup(
    await EditorialDashboard({ payload: cms.payload, user: await userDoc(account) }),
  )

/** One section's markup (`data-section` names it), or null when the dashboard has none. */
const sectionOf = (html: string, name: string): string | null => {
  const start = html.indexOf(`data-section="${name}"`)
  return start === -1 ? null : html.slice(start, html.indexOf('</section>', start))
}

/** The counts shown, keyed `posts:draft`, each read from a link to the list filtered by stage. */
const countsIn = (html: string): Record<string, number> =>
  Object.fromEntries(
    [
      ...html.matchAll(
        /<a class="editorial-dashboard__count" href="\/admin\/collections\/(\w+)\?where\[stage\]\[equals\]=(\w+)"[^>]*><span class="editorial-dashboard__count-number">(\d+)<\/span>/g,
      ),
    ].map(([, collection, stage, count]) => [`${collection}:${stage}`, Number(count)]),
  )

/**
 * What each count must be for a reader: editors count everything; a contributor their own
 * documents and what is live of everyone else's (README: Who reads what).
 */
const expectedCounts = (reader: Who | 'editor'): Record<string, number> => {
  const readable = FIXTURES.filter(
    (doc) => reader === 'editor' || doc.owner === reader || doc.stage === 'published',
  )
  return Object.fromEntries(
    (['posts', 'digests'] as const).flatMap((collection) =>
      STAGES.map((stage) => [
        `${collection}:${stage}`,
        readable.filter((doc) => doc.collection === collection && doc.stage === stage).length,
      ]),
    ),
  )
}

const idOf = (title: string) => ids.get(title) as number | string

/** Takes one workflow step over the API, as the admin's workflow panel does. */
const takeStep = async ({
  doc,
  action,
  by,
  note,
  at,
}: {
  doc: Fixture
  action: string
  by: Account
  note?: string
  at?: string
}) => {
  const answer = await cms.rest({
    method: 'POST',
    path: `/api/${doc.collection}/${idOf(doc.title)}/workflow`,
    token: by.token,
    body: { action, note, at },
  })
  expect(answer.status, `${action} ${doc.title}: ${JSON.stringify(answer.body)}`).toBe(200)
}

/** Creates a fixture and brings it to its stage through the workflow, as its people would. */
const createFixture = async (doc: Fixture) => {
  const owner = doc.owner && !doc.isAssignedLater ? accounts()[doc.owner].id : undefined
  const created = await cms.payload.create({
    collection: doc.collection,
    data: {
      title: doc.title,
      ...(owner === undefined ? {} : { owner: owner as number }),
      _status: doc.stage === 'published' ? 'published' : 'draft',
    },
    draft: doc.stage !== 'published',
    overrideAccess: true,
  })
  ids.set(doc.title, created.id)
  if (doc.isAssignedLater && doc.owner) {
    await cms.payload.update({
      collection: doc.collection,
      id: created.id,
      data: { owner: accounts()[doc.owner].id as number },
      draft: true,
      overrideAccess: false,
      user: await userDoc(editor),
    })
  }
  // A contributor submits their own work; an editor submits the rest.
  const submitter = doc.owner === 'a' || doc.owner === 'b' ? accounts()[doc.owner] : editor
  if (doc.stage === 'in_review' || doc.stage === 'changes_requested' || doc.stage === 'approved') {
    await takeStep({ doc, action: 'submit', by: submitter })
  }
  if (doc.stage === 'changes_requested') {
    await takeStep({ doc, action: 'request_changes', by: editor, note: 'Add the date' })
  }
  if (doc.stage === 'approved') await takeStep({ doc, action: 'approve', by: editor })
}

const fixture = (title: string) => FIXTURES.find((doc) => doc.title === title) as Fixture
/** Two days and an hour ahead: still "in 2 days" when the test reads it. */
const IN_TWO_DAYS = new Date(Date.now() + 49 * 3600_000).toISOString()

beforeAll(async () => {
  cms = await startTestCms()
  a = await cms.userWithRole('contributor')
  b = await cms.userWithRole('contributor')
  editor = await cms.userWithRole('editor')
  for (const doc of FIXTURES) await createFixture(doc)

  // Edited by an editor after it was submitted: it still waits since its submission.
  await cms.payload.update({
    collection: 'posts',
    id: idOf('Older submission by Ann'),
    data: { title: 'Older submission by Ann' },
    draft: true,
    overrideAccess: true,
  })

  await takeStep({
    doc: fixture('Scheduled post'),
    action: 'schedule',
    by: editor,
    at: IN_TWO_DAYS,
  })

  // A scheduled publish whose scheduler loses the right to publish before it runs: it fails.
  const scheduler = await cms.userWithRole('editor')
  await takeStep({
    doc: fixture('Doomed schedule'),
    action: 'schedule',
    by: scheduler,
    at: new Date(Date.now() - 1000).toISOString(),
  })
  await cms.payload.update({
    collection: 'users',
    id: scheduler.id,
    data: { role: 'contributor' },
    overrideAccess: true,
  })
  // Everything due runs: the steps above also queued notification emails on the same queue.
  for (let round = 0; ; round += 1) {
    const result = await cms.payload.jobs.run({ limit: 100, overrideAccess: true })
    if ((result as { noJobsRemaining?: boolean }).noJobsRemaining) break
    if (round === 20) throw new Error('the job queue still had due jobs after 20 runs')
  }

  // The fixtures reached their stages: a count that differs below is the dashboard's doing.
  for (const doc of FIXTURES) {
    const stored = await cms.payload.findByID({
      collection: doc.collection,
      id: idOf(doc.title),
      draft: true,
      overrideAccess: true,
    })
    expect(stored.stage, doc.title).toBe(doc.stage)
  }
})
afterAll(async () => {
  await cms?.close()
})

describe('dashboard counts per stage', () => {
  it('should count every post and digest per stage for an editor, each count linking to its list', async () => {
    expect(countsIn(await render(editor))).toEqual(expectedCounts('editor'))
  })

  it("should count a contributor's own work and what is live, never another writer's drafts", async () => {
    const html = await render(a)
    expect(countsIn(html)).toEqual(expectedCounts('a'))
    expect(countsIn(html)['posts:draft']).toBe(2)
    expect(html).not.toContain(SECRET)
  })

  it.each([
    ['an editor', () => editor],
    ['a contributor', () => a],
  ] as const)(
    'should show for %s the numbers the linked lists hold over the REST API',
    async (_label, account) => {
      const listed: Record<string, number> = {}
      for (const collection of ['posts', 'digests']) {
        for (const stage of STAGES) {
          const list = await cms.rest({
            path: `/api/${collection}?draft=true&depth=0&limit=1&where[stage][equals]=${stage}`,
            token: account().token,
          })
          expect(list.status).toBe(200)
          listed[`${collection}:${stage}`] = list.body.totalDocs
        }
      }
      expect(countsIn(await render(account()))).toEqual(listed)
    },
  )
})

describe('my work', () => {
  it("should list the contributor's documents sent back, drafts (assigned ones too) and submissions, sent back first", async () => {
    const mine = sectionOf(await render(a), 'my-work') as string
    // Sent back first, then drafts, then submissions; the latest changed first within each.
    const order = [
      'Sent back to Ann',
      'Assigned to Ann',
      'Draft by Ann',
      'Older submission by Ann',
      'Digest submitted by Ann',
    ]
    const positions = order.map((title) => mine.indexOf(title))
    expect(positions.every((position) => position >= 0)).toBe(true)
    expect(positions).toEqual([...positions].sort((x, y) => x - y))
    expect(mine).not.toContain('Approved post')
    expect(mine).not.toContain('Published post')
  })

  it('should give each row its edit link, its stage, and when it changed with the date on hover', async () => {
    const mine = sectionOf(await render(a), 'my-work') as string
    const id = idOf('Sent back to Ann')
    const stored = await cms.payload.findByID({
      collection: 'posts',
      id,
      draft: true,
      overrideAccess: true,
    })
    expect(mine).toContain(`href="/admin/collections/posts/${id}">Sent back to Ann</a>`)
    expect(mine).toContain('Changes requested')
    expect(mine).toContain(
      `<time dateTime="${stored.updatedAt}" title="${formatDateTime(stored.updatedAt)} ${timeZoneName(new Date(stored.updatedAt))}">`,
    )
    expect(mine).toMatch(/changed <time[^>]*>(just now|\d+ seconds? ago|\d+ minutes? ago)<\/time>/)
  })

  it('should say that nothing is in progress for a user who owns nothing unfinished', async () => {
    const admin = await cms.payload.find({
      collection: 'users',
      where: { role: { equals: 'admin' } },
      overrideAccess: true,
    })
    const html = renderToStaticMarkup(
      await EditorialDashboard({
        payload: cms.payload,
        user: { ...admin.docs[0], collection: 'users' },
      }),
    )
    expect(sectionOf(html, 'my-work')).toContain('Nothing of yours is in progress')
  })
})

describe('review queue', () => {
  it('should list for an editor every document in review, the longest waiting first, with its writer', async () => {
    const queue = sectionOf(await render(editor), 'review-queue') as string
    const older = queue.indexOf('Older submission by Ann')
    const newer = queue.indexOf(`${SECRET} submission by Bo`)
    const digest = queue.indexOf('Digest submitted by Ann')
    expect([older, newer, digest].every((position) => position >= 0)).toBe(true)
    // Edited after it was submitted, it still waits since its submission.
    expect(older).toBeLessThan(newer)
    expect(newer).toBeLessThan(digest)
    expect(queue).toContain(await nameOf(a))
    expect(queue).toContain(await nameOf(b))
    expect(queue).not.toContain('Nothing is waiting for review')
    expect(queue).not.toContain('Draft by Ann')
  })

  it("should list for a contributor their own documents in review, not another writer's", async () => {
    const queue = sectionOf(await render(a), 'review-queue') as string
    expect(queue).toContain('Older submission by Ann')
    expect(queue).not.toContain(SECRET)
    expect(queue).not.toContain('Nothing is waiting for review')
  })

  it('should say nothing is waiting when no document of theirs is in review', async () => {
    expect(sectionOf(await render(b), 'review-queue')).not.toContain('Older submission by Ann')
    const stranger = await cms.userWithRole('contributor')
    expect(sectionOf(await render(stranger), 'review-queue')).toContain(
      'None of your documents is waiting for review.',
    )
  })
})

describe('scheduled publishing', () => {
  it('should list an upcoming publish for an editor with its document, time zone and scheduler', async () => {
    const upcoming = sectionOf(await render(editor), 'upcoming') as string
    expect(upcoming).toContain(
      `href="/admin/collections/posts/${idOf('Scheduled post')}">Scheduled post</a>`,
    )
    expect(upcoming).toContain('<span class="pill__label">Publish</span>')
    expect(upcoming).toContain(
      `${formatDateTime(IN_TWO_DAYS)} ${timeZoneName(new Date(IN_TWO_DAYS))}`,
    )
    expect(upcoming).toContain('(in 2 days)')
    expect(upcoming).toContain(`scheduled by ${await nameOf(editor)}`)
    expect(upcoming).not.toContain('Doomed schedule')
  })

  it('should show editors a scheduled publish that failed, in the admin and over the API', async () => {
    const jobs = await cms.rest({
      path: '/api/payload-jobs?where[hasError][equals]=true&depth=0',
      token: editor.token,
    })
    expect(jobs.status).toBe(200)
    expect(jobs.body.docs).toHaveLength(1)
    expect(
      (
        await cms.payload.findByID({
          collection: 'posts',
          id: idOf('Doomed schedule'),
          overrideAccess: true,
        })
      )._status,
    ).toBe('draft')
    const attention = sectionOf(await render(editor), 'needs-attention') as string
    expect(attention).toContain('Failed')
    expect(attention).toContain('Doomed schedule')
    expect(attention).toContain(`href="/admin/collections/payload-jobs/${jobs.body.docs[0].id}"`)
    expect(attention).not.toContain('Scheduled post')
  })

  it('should show contributors neither schedules nor background jobs', async () => {
    const jobs = await cms.rest({ path: '/api/payload-jobs', token: a.token })
    expect(jobs.status).toBe(403)
    const html = await render(a)
    expect(sectionOf(html, 'upcoming')).toBeNull()
    expect(sectionOf(html, 'needs-attention')).toBeNull()
    expect(html).not.toContain('Scheduled post')
  })
})

describe('recent activity', () => {
  it('should show an editor the latest workflow steps with who took them', async () => {
    const activity = sectionOf(await render(editor), 'activity') as string
    expect(activity).toContain('Scheduled to publish')
    expect(activity).toContain('Approve: In review → Approved')
    expect(activity).toContain(await nameOf(editor))
  })

  it("should show a contributor only the steps on their own documents, with the editor's note", async () => {
    const activity = sectionOf(await render(a), 'activity') as string
    expect(activity).toContain('Request changes: In review → Changes requested')
    expect(activity).toContain('Add the date')
    expect(activity).not.toContain(SECRET)
    expect(activity).not.toContain('Scheduled post')
    expect(activity).not.toContain('Approved post')
  })
})
