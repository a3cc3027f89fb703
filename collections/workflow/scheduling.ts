import type { CollectionConfig, Payload, PayloadRequest } from 'payload'

import { BadRequestError, WorkflowError } from '../errors.ts'
import { isEditor } from '../access/index.ts'
import { canPublish } from '../../lib/roles.ts'
import { slugs } from '../slugs.ts'
import { nameOf, writeWorkflowEvent } from './hooks.ts'
import { isStage } from '../../lib/workflow.ts'

type ScheduleInput = {
  type?: 'publish' | 'unpublish' | null
  doc?: { relationTo: string; value: unknown } | null
  user?: { relationTo: string; value: unknown } | null
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
  const target = await payload.findByID({
    collection: input.doc.relationTo as typeof slugs.posts,
    id: input.doc.value as number,
    draft: true,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    req: args.req,
  })
  const stage = isStage(target?.stage) ? target.stage : 'draft'
  const req = args.req ?? { payload }
  await writeWorkflowEvent({
    req: req as Parameters<typeof writeWorkflowEvent>[0]['req'],
    event: {
      collection: input.doc.relationTo,
      id: input.doc.value as number,
      action: 'schedule',
      from: stage,
      to: stage,
      title: target?.title,
      note: `${input.type === 'unpublish' ? 'Unpublish' : 'Publish'} at ${new Date(String(args.waitUntil ?? Date.now())).toISOString()}`,
      userId: scheduler?.id,
      userName: nameOf(scheduler),
    },
  })
  return job
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
