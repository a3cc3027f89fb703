import { formatDateTime } from './dates.ts'
import { canPublish, isStaffUser, roleCan, type Role } from './roles.ts'

/**
 * Editorial stages, kept apart from Payload's `_status` so a published document can go back
 * to review without being taken offline. Unpublishing returns a document to `draft`: what was
 * taken down must be reviewed again before it goes back up.
 */
export const STAGES = ['draft', 'in_review', 'changes_requested', 'approved', 'published'] as const
export type Stage = (typeof STAGES)[number]

export const ACTIONS = [
  'submit',
  'request_changes',
  'approve',
  'publish',
  'unpublish',
  'schedule',
  'unschedule',
] as const
export type Action = (typeof ACTIONS)[number]

export const STAGE_LABELS: Record<Stage, string> = {
  draft: 'Draft',
  in_review: 'In review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  published: 'Published',
}

export const ACTION_LABELS: Record<Action, string> = {
  submit: 'Submit for review',
  request_changes: 'Request changes',
  approve: 'Approve',
  publish: 'Publish',
  unpublish: 'Unpublish',
  schedule: 'Schedule',
  unschedule: 'Cancel schedule',
}

/** What a scheduled job does when its time comes. */
export const SCHEDULE_TYPES = ['publish', 'unpublish'] as const
export type ScheduleType = (typeof SCHEDULE_TYPES)[number]

export const SCHEDULE_LABELS: Record<ScheduleType, string> = {
  publish: 'Publish',
  unpublish: 'Unpublish',
}

/** True for 'publish' or 'unpublish'. */
export const isScheduleType = (value: unknown): value is ScheduleType =>
  SCHEDULE_TYPES.includes(value as ScheduleType)

/** How a stage reads as a pill in the admin: its colour says what the writer or editor does next. */
export const STAGE_TONES: Record<Stage, 'light-gray' | 'warning' | 'error' | 'success' | 'dark'> = {
  draft: 'light-gray',
  in_review: 'warning',
  changes_requested: 'error',
  approved: 'success',
  published: 'dark',
}

/** Stages in which a contributor may still edit their own document. */
export const CONTRIBUTOR_EDITABLE_STAGES: Stage[] = ['draft', 'changes_requested']

type Rule = {
  from: readonly Stage[]
  /** The stage after the action; null keeps the current one (scheduling). */
  to: Stage | null
  /** Who may take the action (a role predicate); contributors only ever on documents they own. */
  may: (user: unknown) => boolean
  needsNote?: boolean
}

const RULES: Record<Action, Rule> = {
  submit: {
    from: ['draft', 'changes_requested', 'published'],
    to: 'in_review',
    may: isStaffUser,
  },
  request_changes: {
    from: ['in_review', 'approved'],
    to: 'changes_requested',
    may: canPublish,
    needsNote: true,
  },
  approve: { from: ['in_review'], to: 'approved', may: canPublish },
  publish: { from: STAGES, to: 'published', may: canPublish },
  unpublish: { from: ['published'], to: 'draft', may: canPublish },
  schedule: { from: ['draft', 'in_review', 'approved', 'published'], to: null, may: canPublish },
  unschedule: { from: STAGES, to: null, may: canPublish },
}

export type Decision = { isAllowed: true; to: Stage } | { isAllowed: false; reason: string }

const article = (action: Action) => ACTION_LABELS[action].toLowerCase()

/**
 * Decides whether `role` may take `action` on a document in stage `from`, and the stage it
 * leads to. Contributors act only on documents they own; requesting changes needs a note.
 */
export const decideTransition = ({
  role,
  isOwner,
  from,
  action,
  note,
}: {
  role: Role | undefined
  isOwner: boolean
  from: Stage
  action: Action
  note?: string | null
}): Decision => {
  const rule = RULES[action]
  if (!roleCan(role, rule.may)) {
    return {
      isAllowed: false,
      reason:
        role === 'contributor'
          ? `Contributors cannot ${article(action)}: ask an editor.`
          : `You are not allowed to ${article(action)}.`,
    }
  }
  if (role === 'contributor' && !isOwner) {
    return {
      isAllowed: false,
      reason: `Contributors can only ${article(action)} their own documents.`,
    }
  }
  if (role === 'contributor' && !CONTRIBUTOR_EDITABLE_STAGES.includes(from)) {
    return {
      isAllowed: false,
      reason: `This document is ${STAGE_LABELS[from].toLowerCase()}: only an editor can move it on.`,
    }
  }
  if (!rule.from.includes(from)) {
    return {
      isAllowed: false,
      reason: `Cannot ${article(action)} a document that is ${STAGE_LABELS[from].toLowerCase()}.`,
    }
  }
  if (rule.needsNote && !note?.trim()) {
    return { isAllowed: false, reason: 'Requesting changes needs a note for the writer.' }
  }
  return { isAllowed: true, to: rule.to ?? from }
}

/** The actions a user may take on a document now, in the order the admin shows them. */
export const allowedActions = ({
  role,
  isOwner,
  stage,
}: {
  role: Role | undefined
  isOwner: boolean
  stage: Stage
}): Action[] =>
  ACTIONS.filter(
    (action) => decideTransition({ role, isOwner, from: stage, action, note: 'note' }).isAllowed,
  )

/** The action a direct stage change stands for (e.g. in_review → approved is `approve`). */
export const actionForStageChange = ({ from, to }: { from: Stage; to: Stage }): Action | null => {
  const match = (['submit', 'request_changes', 'approve'] as const).find(
    (action) => RULES[action].to === to && RULES[action].from.includes(from),
  )
  return match ?? null
}

/** The actions that move a document between stages, as a person reads them in a sentence. */
const listed = (actions: Action[]): string => {
  const labels = actions.map((action) => ACTION_LABELS[action])
  return labels.length <= 1
    ? (labels[0] ?? '')
    : `${labels.slice(0, -1).join(', ')} or ${labels.at(-1) as string}`
}

/**
 * Why a stage cannot be set directly, naming only the steps `mayTake` holds (the ones the user
 * may take now): a contributor is not told to approve or publish.
 */
export const stageChangeRefusal = ({
  from,
  requested,
  mayTake,
}: {
  from: Stage
  requested: unknown
  mayTake: Action[]
}): string => {
  const moves = mayTake.filter((action) => RULES[action].to !== null && RULES[action].to !== from)
  const target = isStage(requested)
    ? STAGE_LABELS[requested].toLowerCase()
    : JSON.stringify(requested)
  const stage = STAGE_LABELS[from].toLowerCase()
  const start = `${/^[aeiou]/.test(stage) ? 'An' : 'A'} ${stage} document cannot be moved to ${target} directly`
  return moves.length > 0
    ? `${start}: use ${listed(moves)}.`
    : `${start}, and no workflow step is open to you on it now: an editor takes it from here.`
}

/** True for a value that is one of the stages. */
export const isStage = (value: unknown): value is Stage => STAGES.includes(value as Stage)

/** A workflow trail entry, as far as saying what happened goes. */
export type WorkflowEventSummary = {
  action: Action
  from?: Stage | null
  to?: Stage | null
  scheduleType?: ScheduleType | null
  scheduledAt?: string | null
}

/**
 * What a trail entry says happened, e.g. "Approve: In review → Approved" or "Scheduled to publish
 * 5 Dec 2026, 14:00". `formatWhen` writes a scheduled time: the browser's zone by default, so
 * server-rendered text names its zone.
 */
export const describeWorkflowEvent = ({
  event,
  formatWhen = formatDateTime,
}: {
  event: WorkflowEventSummary
  formatWhen?: (value: string) => string
}): string => {
  if ((event.action === 'schedule' || event.action === 'unschedule') && event.scheduledAt) {
    const what = SCHEDULE_LABELS[event.scheduleType ?? 'publish'].toLowerCase()
    const when = formatWhen(event.scheduledAt)
    return event.action === 'schedule'
      ? `Scheduled to ${what} ${when}`
      : `Cancelled the ${what} set for ${when}`
  }
  if (event.from && event.to && event.from !== event.to) {
    return `${ACTION_LABELS[event.action]}: ${STAGE_LABELS[event.from]} → ${STAGE_LABELS[event.to]}`
  }
  return ACTION_LABELS[event.action]
}
