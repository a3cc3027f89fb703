import type { Stage } from './workflow.ts'

/**
 * The admin dashboard's decisions, apart from the queries that feed it
 * (src/components/EditorialDashboard): which links it writes, which schedule needs attention,
 * and in which order work is listed.
 */

/**
 * Scheduled jobs run every 10 seconds: one still waiting this long after its time is not going to
 * run by itself (the queue is stopped or stuck) and needs someone to look.
 */
export const OVERDUE_AFTER_MS = 2 * 60_000

/** The stages of "my work", in the order a writer acts on them: sent back first. */
export const MY_WORK_STAGES = ['changes_requested', 'draft', 'in_review'] as const satisfies Stage[]

/**
 * The admin list of `collection`, filtered by each field equal to its value (all must hold), e.g.
 * `/admin/collections/posts?where[stage][equals]=draft`. Payload's list view reads the same
 * `where` from the address as its filter controls write.
 */
export const listHref = ({
  adminRoute,
  collection,
  equals = {},
}: {
  adminRoute: string
  collection: string
  equals?: Record<string, number | string>
}): string => {
  const query = Object.entries(equals)
    .map(([field, value]) => `where[${field}][equals]=${encodeURIComponent(String(value))}`)
    .join('&')
  return `${adminRoute}/collections/${collection}${query ? `?${query}` : ''}`
}

/** The edit view of one document. */
export const editHref = ({
  adminRoute,
  collection,
  id,
}: {
  adminRoute: string
  collection: string
  id: number | string
}): string => `${adminRoute}/collections/${collection}/${encodeURIComponent(String(id))}`

/** `posts:12` (a workflow event's document key) as its collection and id, or null. */
export const parseDocumentKey = (key: unknown): { collection: string; id: string } | null => {
  const match = typeof key === 'string' ? /^([a-z0-9-]+):(.+)$/i.exec(key) : null
  return match ? { collection: match[1], id: match[2] } : null
}

/** Where a scheduled job stands: still to come, late beyond OVERDUE_AFTER_MS, or failed. */
export type ScheduleState = 'upcoming' | 'overdue' | 'failed'

export const scheduleState = ({
  at,
  hasError,
  now,
}: {
  at: string
  hasError: boolean
  now: number
}): ScheduleState => {
  if (hasError) return 'failed'
  return Date.parse(at) < now - OVERDUE_AFTER_MS ? 'overdue' : 'upcoming'
}

/**
 * Scheduled jobs split into those still to come (soonest first) and those that need someone
 * (failed or overdue, the longest late first).
 */
export const partitionSchedules = <Item extends { at: string; hasError: boolean }>({
  schedules,
  now,
}: {
  schedules: readonly Item[]
  now: number
}): { upcoming: Item[]; needsAttention: Item[] } => {
  const byTime = [...schedules].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
  return {
    upcoming: byTime.filter((item) => scheduleState({ ...item, now }) === 'upcoming'),
    needsAttention: byTime.filter((item) => scheduleState({ ...item, now }) !== 'upcoming'),
  }
}

/**
 * A writer's own documents in the order they act on them: sent back first, then drafts, then
 * what waits on an editor; the most recently changed first within each.
 */
export const sortMyWork = <Row extends { stage: Stage; changedAt: string }>(
  rows: readonly Row[],
): Row[] => {
  const rank = (stage: Stage) => {
    const index = (MY_WORK_STAGES as readonly Stage[]).indexOf(stage)
    return index === -1 ? MY_WORK_STAGES.length : index
  }
  return [...rows].sort(
    (a, b) => rank(a.stage) - rank(b.stage) || Date.parse(b.changedAt) - Date.parse(a.changedAt),
  )
}

/** The review queue, the longest waiting first. */
export const sortReviewQueue = <Row extends { waitingSince: string }>(
  rows: readonly Row[],
): Row[] => [...rows].sort((a, b) => Date.parse(a.waitingSince) - Date.parse(b.waitingSince))
