import { describe, expect, it } from 'vitest'

import {
  editHref,
  listHref,
  OVERDUE_AFTER_MS,
  parseDocumentKey,
  partitionSchedules,
  scheduleState,
  sortMyWork,
  sortReviewQueue,
} from '../../lib/dashboard.ts'
import { describeWorkflowEvent, type WorkflowEventSummary } from '../../lib/workflow.ts'

const NOW = Date.parse('2026-12-05T12:00:00.000Z')
const minutes = (count: number) => new Date(NOW + count * 60_000).toISOString()

describe('listHref', () => {
  it.each([
    [{}, '/admin/collections/posts'],
    [{ stage: 'draft' }, '/admin/collections/posts?where[stage][equals]=draft'],
    [{ owner: 12 }, '/admin/collections/posts?where[owner][equals]=12'],
    [
      { stage: 'in_review', owner: 'a b' },
      '/admin/collections/posts?where[stage][equals]=in_review&where[owner][equals]=a%20b',
    ],
  ])('should write the posts list filtered by %j as %s', (equals, expected) => {
    expect(listHref({ adminRoute: '/admin', collection: 'posts', equals })).toBe(expected)
  })

  it('should follow the configured admin route', () => {
    expect(
      listHref({ adminRoute: '/cms', collection: 'digests', equals: { stage: 'draft' } }),
    ).toBe('/cms/collections/digests?where[stage][equals]=draft')
  })
})

describe('editHref', () => {
  it.each([
    [12, '/admin/collections/posts/12'],
    ['65a1b2c3d4e5f6a7b8c9d0e1', '/admin/collections/posts/65a1b2c3d4e5f6a7b8c9d0e1'],
  ])('should link document %s to its edit view', (id, expected) => {
    expect(editHref({ adminRoute: '/admin', collection: 'posts', id })).toBe(expected)
  })
})

describe('parseDocumentKey', () => {
  it.each([
    ['posts:12', { collection: 'posts', id: '12' }],
    ['workflow-events:7', { collection: 'workflow-events', id: '7' }],
    ['posts', null],
    [':12', null],
    [12, null],
    [null, null],
  ])('should read %j as %j', (key, expected) => {
    expect(parseDocumentKey(key)).toEqual(expected)
  })
})

describe('scheduleState', () => {
  it.each([
    [{ at: minutes(60), hasError: false }, 'upcoming'],
    [{ at: minutes(-1), hasError: false }, 'upcoming'],
    [{ at: new Date(NOW - OVERDUE_AFTER_MS).toISOString(), hasError: false }, 'upcoming'],
    [{ at: new Date(NOW - OVERDUE_AFTER_MS - 1).toISOString(), hasError: false }, 'overdue'],
    [{ at: minutes(-600), hasError: false }, 'overdue'],
    [{ at: minutes(60), hasError: true }, 'failed'],
    [{ at: minutes(-600), hasError: true }, 'failed'],
  ])('should call a job %j %s', (job, expected) => {
    expect(scheduleState({ ...job, now: NOW })).toBe(expected)
  })
})

describe('partitionSchedules', () => {
  it('should put upcoming jobs soonest first apart from failed and overdue ones, longest late first', () => {
    const jobs = [
      { id: 'later', at: minutes(120), hasError: false },
      { id: 'failed', at: minutes(30), hasError: true },
      { id: 'soon', at: minutes(5), hasError: false },
      { id: 'overdue', at: minutes(-10), hasError: false },
      { id: 'long overdue', at: minutes(-100), hasError: false },
    ]
    const { upcoming, needsAttention } = partitionSchedules({ schedules: jobs, now: NOW })
    expect(upcoming.map((job) => job.id)).toEqual(['soon', 'later'])
    expect(needsAttention.map((job) => job.id)).toEqual(['long overdue', 'overdue', 'failed'])
  })
})

describe('sortMyWork', () => {
  it('should list sent-back documents first, then drafts, then submissions, the latest changed first', () => {
    const rows = [
      { id: 'old draft', stage: 'draft' as const, changedAt: minutes(-300) },
      { id: 'submitted', stage: 'in_review' as const, changedAt: minutes(-1) },
      { id: 'new draft', stage: 'draft' as const, changedAt: minutes(-2) },
      { id: 'sent back', stage: 'changes_requested' as const, changedAt: minutes(-900) },
    ]
    expect(sortMyWork(rows).map((row) => row.id)).toEqual([
      'sent back',
      'new draft',
      'old draft',
      'submitted',
    ])
  })
})

describe('sortReviewQueue', () => {
  it('should put the longest waiting first', () => {
    const rows = [
      { id: 'b', waitingSince: minutes(-5) },
      { id: 'a', waitingSince: minutes(-50) },
      { id: 'c', waitingSince: minutes(-1) },
    ]
    expect(sortReviewQueue(rows).map((row) => row.id)).toEqual(['a', 'b', 'c'])
  })
})

describe('describeWorkflowEvent', () => {
  const when = (value: string) => `[${value}]`
  it.each<[WorkflowEventSummary, string]>([
    [{ action: 'submit', from: 'draft', to: 'in_review' }, 'Submit for review: Draft → In review'],
    [
      { action: 'request_changes', from: 'in_review', to: 'changes_requested' },
      'Request changes: In review → Changes requested',
    ],
    [{ action: 'publish', from: 'published', to: 'published' }, 'Publish'],
    [
      { action: 'schedule', scheduleType: 'unpublish', scheduledAt: '2026-12-06T10:00:00.000Z' },
      'Scheduled to unpublish [2026-12-06T10:00:00.000Z]',
    ],
    [
      { action: 'unschedule', scheduleType: 'publish', scheduledAt: '2026-12-06T10:00:00.000Z' },
      'Cancelled the publish set for [2026-12-06T10:00:00.000Z]',
    ],
    [{ action: 'schedule' }, 'Schedule'],
  ])('should describe %j as %s', (event, expected) => {
    expect(describeWorkflowEvent({ event, formatWhen: when })).toBe(expected)
  })
})
