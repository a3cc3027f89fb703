import {
  Forbidden,
  type CollectionAfterDeleteHook,
  type CollectionAfterReadHook,
  type CollectionBeforeDeleteHook,
  type CollectionConfig,
  type Payload,
  type PayloadRequest,
} from 'payload'

import { BadRequestError, WorkflowError } from '../errors.ts'
import { isEditor } from '../access/index.ts'
import { canPublish, isStaffUser } from '../../lib/roles.ts'
import { slugs } from '../slugs.ts'
import { idOf } from '../../lib/values.ts'
import { nameOf, writeWorkflowEvent } from './hooks.ts'
import { isScheduleType, isStage, type ScheduleType } from '../../lib/workflow.ts'

const TASK = 'schedulePublish'

/** A scheduled publish or unpublish that has not run yet (or failed), as the admin shows it. */
export type PendingSchedule = {
  id: number | string
  collection: string
  docId: string
  type: ScheduleType
  /** When it is due, ISO 8601. */
  at: string
  hasError: boolean
  /** The scheduler's name, when the job's input holds the user itself (not only their id). */
  scheduledBy?: string
  /** The id of the user who scheduled it, whose rights the job publishes with. */
  scheduledById?: number | string
}

type JobDoc = {
  id: number | string
  input?: unknown
  waitUntil?: string | null
  hasError?: boolean | null
}

const toPending = (job: JobDoc): PendingSchedule | null => {
  const input = (job.input ?? {}) as ScheduleInput
  if (!input.doc || !job.waitUntil) return null
  const scheduler = input.user?.value as { name?: string; email?: string } | undefined
  return {
    id: job.id,
    collection: input.doc.relationTo,
    docId: String(
      typeof input.doc.value === 'object' && input.doc.value !== null
        ? (input.doc.value as { id: unknown }).id
        : input.doc.value,
    ),
    type: isScheduleType(input.type) ? input.type : 'publish',
    at: new Date(job.waitUntil).toISOString(),
    hasError: job.hasError === true,
    scheduledBy: typeof scheduler === 'object' ? nameOf(scheduler) : undefined,
    scheduledById: idOf(input.user?.value) as number | string | undefined,
  }
}

/**
 * Every scheduled publish and unpublish not yet done, soonest first (failed ones included, with
 * `hasError`). There are few at any time: finished jobs are deleted or completed. Read as trusted
 * server code unless `overrideAccess` is false: then with the access of `req.user` (only editors
 * and admins read jobs; anyone else is refused).
 */
export const findPendingSchedules = async ({
  req,
  collection,
  docId,
  overrideAccess = true,
}: {
  req: PayloadRequest
  collection?: string
  docId?: number | string
  overrideAccess?: boolean
}): Promise<PendingSchedule[]> => {
  const { docs } = await req.payload.find({
    collection: slugs.jobs,
    where: { and: [{ taskSlug: { equals: TASK } }, { completedAt: { exists: false } }] },
    sort: 'waitUntil',
    limit: 1000,
    depth: 0,
    overrideAccess,
    req,
  })
  return (docs as JobDoc[])
    .map(toPending)
    .filter((item): item is PendingSchedule => item !== null)
    .filter(
      (item) =>
        (collection === undefined || item.collection === collection) &&
        (docId === undefined || item.docId === String(docId)),
    )
}

type ScheduleContext = { pendingSchedules?: Promise<PendingSchedule[]> }

/**
 * Fills the virtual `scheduledFor` / `scheduledAction` fields with the document's next scheduled
 * step, for staff (anonymous readers never see them). One query of the jobs per request, however
 * many documents it reads.
 */
export const readSchedule: CollectionAfterReadHook = async ({ collection, doc: read, req }) => {
  const doc = read as Record<string, unknown> | null
  if (!isStaffUser(req.user) || !doc || typeof doc !== 'object') return doc
  const context = req.context as ScheduleContext
  context.pendingSchedules ??= findPendingSchedules({ req })
  const next = (await context.pendingSchedules).find(
    (item) =>
      !item.hasError && item.collection === collection.slug && item.docId === String(doc.id),
  )
  return { ...doc, scheduledFor: next?.at ?? null, scheduledAction: next?.type ?? null }
}

type ScheduleInput = {
  type?: 'publish' | 'unpublish' | null
  doc?: { relationTo: string; value: unknown } | null
  user?: { relationTo: string; value: unknown } | null
}

/**
 * Writes a schedule or its cancelling to the audit trail, at the document's current stage (a
 * schedule changes no stage until it runs).
 */
const writeScheduleEvent = async ({
  req,
  collection,
  id,
  action,
  type,
  at,
  note,
  user,
}: {
  req: PayloadRequest
  collection: string
  id: number | string
  action: 'schedule' | 'unschedule'
  type: ScheduleType
  at: string
  note?: string
  user: { id: number | string; name?: string | null; email?: string } | null | undefined
}): Promise<void> => {
  const target = await req.payload.findByID({
    collection: collection as typeof slugs.posts,
    id,
    draft: true,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    req,
  })
  const stage = isStage(target?.stage) ? target.stage : 'draft'
  await writeWorkflowEvent({
    req,
    event: {
      collection,
      id,
      action,
      from: stage,
      to: stage,
      title: target?.title,
      note,
      scheduleType: type,
      scheduledAt: at,
      userId: user?.id,
      userName: nameOf(user),
    },
  })
}

/** A scheduled time this far back is a mistake, not "now" typed a moment ago. */
const PAST_TOLERANCE_MS = 60_000

type QueueArgs = { task?: string; input?: unknown; waitUntil?: Date | string; req?: PayloadRequest }

/**
 * Queues a job with `queue` (Payload's own), holding scheduled publishes to the workflow's
 * rules first. Scheduling is publishing later, so only editors and admins may do it, whichever
 * way the job is queued (the workflow endpoint, the admin's Schedule drawer, server code), and
 * not for a time long past; once queued it is written to the audit trail. The publish still runs
 * as the scheduling user, so rights lost in the meantime make the job fail, visibly. Payload's
 * admin queues the job without checking, so the workaround register
 * ("schedule-publish-unchecked") sends every queue through here.
 */
export const queueWithScheduleRules = async <Queued>({
  payload,
  args,
  queue,
}: {
  payload: Payload
  args: QueueArgs
  queue: () => Promise<Queued>
}): Promise<Queued> => {
  if (args.task !== 'schedulePublish') return queue()
  const input = (args.input ?? {}) as ScheduleInput
  const scheduler = input.user
    ? await payload.findByID({
        collection: slugs.users,
        id: input.user.value as number,
        depth: 0,
        overrideAccess: true,
        disableErrors: true,
        req: args.req,
      })
    : null
  if (!input.doc && !(input as { global?: unknown }).global) {
    // @payloadcms/ui 3.90.2's schedulePublishHandler queues an empty job after deleting one.
    throw new BadRequestError('a scheduled publish needs the document to publish')
  }
  if (input.user && !canPublish(scheduler)) {
    throw new WorkflowError('Contributors cannot schedule publishing: ask an editor.')
  }
  const at = args.waitUntil ? new Date(args.waitUntil) : undefined
  if (at && at.getTime() < Date.now() - PAST_TOLERANCE_MS) {
    throw new BadRequestError(
      `the time to publish (${at.toISOString()}) is in the past: give a later time, or publish now`,
    )
  }
  const job = await queue()
  if (!input.doc) return job
  await writeScheduleEvent({
    req: (args.req ?? { payload }) as PayloadRequest,
    collection: input.doc.relationTo,
    id: input.doc.value as number,
    action: 'schedule',
    type: input.type === 'unpublish' ? 'unpublish' : 'publish',
    at: new Date(String(args.waitUntil ?? Date.now())).toISOString(),
    // The scheduler's note, for the audit trail (the workflow endpoint's `note`).
    note: (args.req?.context as { scheduleNote?: string } | undefined)?.scheduleNote,
    user: scheduler,
  })
  return job
}

/** Only editors and admins cancel a schedule, whichever way the job is deleted. */
export const onlyPublishersCancel: CollectionBeforeDeleteHook = async ({ req, id }) => {
  if (!req.user || canPublish(req.user)) return
  const job = await req.payload.findByID({
    collection: slugs.jobs,
    id,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    req,
  })
  if ((job as { taskSlug?: string } | null)?.taskSlug === TASK) throw new Forbidden(req.t)
}

/** A person cancelling a scheduled publish or unpublish is written to the audit trail. */
export const recordCancelledSchedule: CollectionAfterDeleteHook = async ({ doc: deleted, req }) => {
  const doc = deleted as unknown
  const job = doc as JobDoc & { taskSlug?: string; completedAt?: string | null }
  if (!req.user || job.taskSlug !== TASK || job.completedAt) return doc
  const pending = toPending(job)
  if (!pending) return doc
  await writeScheduleEvent({
    req,
    collection: pending.collection,
    id: pending.docId,
    action: 'unschedule',
    type: pending.type,
    at: pending.at,
    user: req.user,
  })
  return doc
}

/**
 * Payload's jobs collection, shown to editors: failed and overdue scheduled publishes must be
 * visible in the admin, not only in logs.
 */
export const jobsCollectionOverrides = ({
  defaultJobsCollection,
}: {
  defaultJobsCollection: CollectionConfig
}): CollectionConfig => ({
  ...defaultJobsCollection,
  labels: { singular: 'Background job', plural: 'Background jobs' },
  admin: {
    ...defaultJobsCollection.admin,
    hidden: false,
    group: 'Admin',
    defaultColumns: [
      'taskSlug',
      'waitUntil',
      'completedAt',
      'hasError',
      'totalTried',
      'processing',
    ],
    description: 'Scheduled publishing and other background work. Failed jobs show an error here.',
  },
  access: { ...defaultJobsCollection.access, read: isEditor },
  // No task runs on a cron schedule here, and Payload's handle-schedules route answers 500 when
  // none is defined: without it, the path is an unknown job id (404).
  endpoints: Array.isArray(defaultJobsCollection.endpoints)
    ? defaultJobsCollection.endpoints.filter((endpoint) => endpoint.path !== '/handle-schedules')
    : defaultJobsCollection.endpoints,
})
