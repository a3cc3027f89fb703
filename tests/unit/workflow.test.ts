import { describe, expect, it } from 'vitest'

import {
  ACTIONS,
  actionForStageChange,
  allowedActions,
  decideTransition,
  stageChangeRefusal,
  STAGES,
  type Action,
  type Stage,
} from '../../lib/workflow.ts'
import type { Role } from '../../lib/roles.ts'

type Actor = { name: string; role: Role | undefined; isOwner: boolean }
const ACTORS: Actor[] = [
  { name: 'anonymous', role: undefined, isOwner: false },
  { name: 'contributor (owner)', role: 'contributor', isOwner: true },
  { name: 'contributor (not owner)', role: 'contributor', isOwner: false },
  { name: 'editor', role: 'editor', isOwner: false },
  { name: 'admin', role: 'admin', isOwner: false },
]

/** Where each action leads, for editors and admins; a stage not listed refuses the action. */
const EDITOR_TABLE: Record<Action, Partial<Record<Stage, Stage>>> = {
  submit: { draft: 'in_review', changes_requested: 'in_review', published: 'in_review' },
  request_changes: { in_review: 'changes_requested', approved: 'changes_requested' },
  approve: { in_review: 'approved' },
  publish: {
    draft: 'published',
    in_review: 'published',
    changes_requested: 'published',
    approved: 'published',
    published: 'published',
  },
  unpublish: { published: 'draft' },
  schedule: {
    draft: 'draft',
    in_review: 'in_review',
    approved: 'approved',
    published: 'published',
  },
  unschedule: {
    draft: 'draft',
    in_review: 'in_review',
    changes_requested: 'changes_requested',
    approved: 'approved',
    published: 'published',
  },
}
/** The owning contributor may only submit, from these stages. */
const CONTRIBUTOR_TABLE: Partial<Record<Action, Partial<Record<Stage, Stage>>>> = {
  submit: { draft: 'in_review', changes_requested: 'in_review' },
}

const expectedFor = (actor: Actor, stage: Stage, action: Action): Stage | undefined => {
  if (actor.role === 'editor' || actor.role === 'admin') return EDITOR_TABLE[action][stage]
  if (actor.role === 'contributor' && actor.isOwner) return CONTRIBUTOR_TABLE[action]?.[stage]
  return undefined
}

const cases = ACTORS.flatMap((actor) =>
  STAGES.flatMap((stage) =>
    ACTIONS.map((action) => ({
      actor: actor.name,
      ...actor,
      stage,
      action,
      to: expectedFor(actor, stage, action),
    })),
  ),
)

describe('decideTransition: every role × stage × action', () => {
  it.each(cases.filter((c) => c.to !== undefined))(
    'should let $actor $action a $stage document, making it $to',
    ({ role, isOwner, stage, action, to }) => {
      expect(
        decideTransition({ role, isOwner, from: stage, action, note: 'Fix the credit line' }),
      ).toEqual({
        isAllowed: true,
        to,
      })
    },
  )

  it.each(cases.filter((c) => c.to === undefined))(
    'should refuse to let $actor $action a $stage document, with a reason',
    ({ role, isOwner, stage, action }) => {
      const decision = decideTransition({
        role,
        isOwner,
        from: stage,
        action,
        note: 'Fix the credit line',
      })
      expect(decision).toMatchObject({ isAllowed: false, reason: expect.stringMatching(/\w/) })
    },
  )
})

describe('notes and reasons', () => {
  it.each([[undefined], [''], ['   ']])(
    'should refuse to request changes with the note %j',
    (note) => {
      expect(
        decideTransition({
          role: 'editor',
          isOwner: false,
          from: 'in_review',
          action: 'request_changes',
          note,
        }),
      ).toEqual({
        isAllowed: false,
        reason: 'Requesting changes needs a note for the writer.',
      })
    },
  )

  it('should tell a contributor who tries to publish to ask an editor', () => {
    expect(
      decideTransition({ role: 'contributor', isOwner: true, from: 'approved', action: 'publish' }),
    ).toEqual({
      isAllowed: false,
      reason: 'Contributors cannot publish: ask an editor.',
    })
  })
})

describe('allowedActions', () => {
  it.each([
    ['contributor', true, 'draft', ['submit']],
    ['contributor', true, 'in_review', []],
    ['contributor', false, 'draft', []],
    [
      'editor',
      false,
      'in_review',
      ['request_changes', 'approve', 'publish', 'schedule', 'unschedule'],
    ],
    ['editor', false, 'approved', ['request_changes', 'publish', 'schedule', 'unschedule']],
    ['admin', false, 'published', ['submit', 'publish', 'unpublish', 'schedule', 'unschedule']],
  ] as const)(
    'should offer a %s (owner: %s) on a %s document: %j',
    (role, isOwner, stage, expected) => {
      expect(allowedActions({ role, isOwner, stage })).toEqual(expected)
    },
  )
})

describe('actionForStageChange', () => {
  it.each([
    ['draft', 'in_review', 'submit'],
    ['changes_requested', 'in_review', 'submit'],
    ['in_review', 'changes_requested', 'request_changes'],
    ['in_review', 'approved', 'approve'],
    ['draft', 'approved', null],
    ['draft', 'published', null],
  ] as const)('should read %s → %s as %s', (from, to, action) => {
    expect(actionForStageChange({ from, to })).toBe(action)
  })
})

describe('stageChangeRefusal', () => {
  it.each([
    [
      'draft',
      'approved',
      ['submit'],
      'A draft document cannot be moved to approved directly: use Submit for review.',
    ],
    [
      'in_review',
      'published',
      [],
      'An in review document cannot be moved to published directly, and no workflow step is open to you on it now: an editor takes it from here.',
    ],
    [
      'draft',
      'bogus',
      ['submit', 'publish', 'schedule'],
      'A draft document cannot be moved to "bogus" directly: use Submit for review or Publish.',
    ],
  ] as const)(
    'should refuse %s → %s naming only the steps %j the user may take',
    (from, requested, mayTake, expected) => {
      expect(stageChangeRefusal({ from, requested, mayTake: [...mayTake] })).toBe(expected)
    },
  )
})
