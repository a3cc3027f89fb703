import { describe, expect, it } from 'vitest'

import {
  documentUrl,
  notificationEmail,
  notificationText,
  recipientsOfScheduleFailure,
  recipientsOfStep,
  type Recipient,
} from '../../lib/notifications.ts'
import { ACTIONS, type Action } from '../../lib/workflow.ts'

const OWNER = 1
const EDITOR = 2
const ADMIN = 3
const REVIEWERS = [EDITOR, ADMIN]

describe('recipientsOfStep', () => {
  const cases: [
    string,
    { action: Action; actorId?: number | null; ownerId?: number | null },
    Recipient[],
  ][] = [
    [
      'a contributor submitting tells every reviewer',
      { action: 'submit', actorId: OWNER, ownerId: OWNER },
      [
        { recipientId: EDITOR, kind: 'submitted' },
        { recipientId: ADMIN, kind: 'submitted' },
      ],
    ],
    [
      'an editor submitting tells the other reviewers, not themselves',
      { action: 'submit', actorId: EDITOR, ownerId: OWNER },
      [{ recipientId: ADMIN, kind: 'submitted' }],
    ],
    [
      'changes requested tell the owner',
      { action: 'request_changes', actorId: EDITOR, ownerId: OWNER },
      [{ recipientId: OWNER, kind: 'changes_requested' }],
    ],
    [
      'an approval tells the owner',
      { action: 'approve', actorId: ADMIN, ownerId: OWNER },
      [{ recipientId: OWNER, kind: 'approved' }],
    ],
    [
      'a publish tells the owner',
      { action: 'publish', actorId: EDITOR, ownerId: OWNER },
      [{ recipientId: OWNER, kind: 'published' }],
    ],
    [
      'a publish by the system (a scheduled job without a user) tells the owner',
      { action: 'publish', actorId: null, ownerId: OWNER },
      [{ recipientId: OWNER, kind: 'published' }],
    ],
    [
      'an editor publishing their own document tells nobody',
      { action: 'publish', actorId: EDITOR, ownerId: EDITOR },
      [],
    ],
    [
      'a document without an owner tells nobody when approved',
      { action: 'approve', actorId: EDITOR, ownerId: null },
      [],
    ],
    ['an unpublish tells nobody', { action: 'unpublish', actorId: EDITOR, ownerId: OWNER }, []],
    ['a schedule tells nobody', { action: 'schedule', actorId: EDITOR, ownerId: OWNER }, []],
    [
      'a cancelled schedule tells nobody',
      { action: 'unschedule', actorId: EDITOR, ownerId: OWNER },
      [],
    ],
  ]

  it.each(cases)('%s', (_name, step, expected) => {
    expect(recipientsOfStep({ ...step, reviewerIds: REVIEWERS })).toEqual(expected)
  })

  it('should tell nobody twice, and compare ids whatever their type', () => {
    expect(
      recipientsOfStep({ action: 'submit', actorId: '2', reviewerIds: [2, 3, 3, '3'] }),
    ).toEqual([{ recipientId: 3, kind: 'submitted' }])
  })

  it.each(ACTIONS.map((action) => [action]))(
    'should never tell the actor of their own %s',
    (action) => {
      const told = recipientsOfStep({
        action,
        actorId: OWNER,
        ownerId: OWNER,
        reviewerIds: [OWNER],
      })
      expect(told).toEqual([])
    },
  )
})

describe('recipientsOfScheduleFailure', () => {
  it.each([
    ['the scheduler and the owner', { schedulerId: EDITOR, ownerId: OWNER }, [EDITOR, OWNER]],
    ['one person who is both, once', { schedulerId: EDITOR, ownerId: EDITOR }, [EDITOR]],
    ['the scheduler of a document without owner', { schedulerId: EDITOR, ownerId: null }, [EDITOR]],
    [
      'the owner of a job queued by the system',
      { schedulerId: undefined, ownerId: OWNER },
      [OWNER],
    ],
  ] as const)('should tell %s', (_name, input, ids) => {
    expect(recipientsOfScheduleFailure(input)).toEqual(
      ids.map((recipientId) => ({ recipientId, kind: 'schedule_failed' })),
    )
  })
})

describe('notificationText', () => {
  it.each([
    [
      { kind: 'submitted', documentTitle: 'Budget', actorName: 'Cara' },
      { title: '“Budget” was submitted for review', message: 'Cara asks for a review.' },
    ],
    [
      {
        kind: 'changes_requested',
        documentTitle: 'Budget',
        actorName: 'Eddie',
        note: ' Add the date ',
      },
      { title: 'Changes requested on “Budget”', message: 'Eddie: Add the date' },
    ],
    [
      { kind: 'approved', documentTitle: 'Budget', actorName: 'Eddie' },
      { title: '“Budget” was approved', message: 'Eddie approved it.' },
    ],
    [
      { kind: 'published', documentTitle: '', actorName: null },
      { title: '“Untitled” was published', message: 'Someone published it.' },
    ],
    [
      {
        kind: 'schedule_failed',
        documentTitle: 'Budget',
        note: 'Contributors cannot publish: ask an editor.',
      },
      {
        title: 'The scheduled publish of “Budget” failed',
        message: 'It did not run: Contributors cannot publish: ask an editor.',
      },
    ],
    [
      { kind: 'schedule_failed', documentTitle: 'Budget', scheduleType: 'unpublish' },
      {
        title: 'The scheduled unpublish of “Budget” failed',
        message: 'It did not run. Open the document to schedule it again or publish it now.',
      },
    ],
  ] as const)('should word %o', (input, expected) => {
    expect(notificationText(input)).toEqual(expected)
  })
})

describe('notificationEmail', () => {
  const url = documentUrl({ serverUrl: 'https://cms.example.org/', collection: 'posts', id: 12 })
  const email = notificationEmail({
    kind: 'changes_requested',
    title: 'Changes requested on “<Budget>”',
    message: 'Eddie: Add the <date> & source',
    documentTitle: '<Budget>',
    url,
    recipientName: 'Cara',
  })

  it('should link to the document in the admin, absolutely', () => {
    expect(url).toBe('https://cms.example.org/admin/collections/posts/12')
    expect(email.text).toContain(`Open the document: ${url}`)
    expect(email.html).toContain(`href="${url}"`)
  })

  it('should say what happened and to what in the subject', () => {
    expect(email.subject).toBe('Changes requested: <Budget>')
  })

  it('should carry the note in both parts, escaped in the HTML', () => {
    expect(email.text).toContain('Eddie: Add the <date> & source')
    expect(email.html).toContain('Eddie: Add the &#60;date&#62; &#38; source')
    expect(email.html).not.toContain('<date>')
  })

  it('should style the HTML inline, with no style sheet', () => {
    expect(email.html).toMatch(/<a [^>]*style="/)
    expect(email.html).not.toContain('<style')
  })
})
