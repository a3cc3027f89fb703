import type {
  CollectionAfterChangeHook,
  CollectionBeforeChangeHook,
  CollectionConfig,
} from 'payload'

import { canPublish } from './access/roles.ts'
import { isEditor } from './access/index.ts'
import { slugs } from './slugs.ts'
import { isStage } from './workflow/transitions.ts'
import { nameOf, WorkflowError, writeWorkflowEvent } from './workflow/hooks.ts'

type ScheduleInput = {
  type?: 'publish' | 'unpublish'
  doc?: { relationTo: string; value: number | string }
  user?: { relationTo: string; value: number | string }
}

const isSchedule = (data: Record<string, unknown> | undefined) =>
  data?.taskSlug === 'schedulePublish'

/**
 * Scheduling is publishing later: only editors and admins may do it. Payload's admin queues
 * the job without checking, so the check sits on the jobs collection itself.
 */
const guardSchedulePublish: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create' || !isSchedule(data)) return data
  const input = (data.input ?? {}) as ScheduleInput
  if (!input.user) return data
  const user = await req.payload.findByID({
    collection: slugs.users,
    id: input.user.value,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    req,
  })
  if (!canPublish(user)) {
    throw new WorkflowError('Contributors cannot schedule publishing: ask an editor.')
  }
  return data
}

/** Records each scheduled publish or unpublish in the audit trail. */
const recordSchedule: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  const job = doc as { taskSlug?: string; input?: ScheduleInput; waitUntil?: string }
  if (operation !== 'create' || job.taskSlug !== 'schedulePublish' || !job.input?.doc)
    return doc as unknown
  const { relationTo, value } = job.input.doc
  const target = await req.payload.findByID({
    collection: relationTo as typeof slugs.posts,
    id: value,
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
      collection: relationTo,
      id: value,
      action: 'schedule',
      from: stage,
      to: stage,
      title: target?.title,
      note: `${job.input.type === 'unpublish' ? 'Unpublish' : 'Publish'} at ${job.waitUntil ?? 'once queued'}`,
      userId: job.input.user?.value,
      userName: nameOf(
        job.input.user
          ? await req.payload.findByID({
              collection: slugs.users,
              id: job.input.user.value,
              depth: 0,
              overrideAccess: true,
              disableErrors: true,
              req,
            })
          : undefined,
      ),
    },
  })
  return doc as unknown
}

/**
 * Payload's jobs collection, shown to editors (failed and overdue scheduled publishes must be
 * visible in the admin, not only in logs) and guarded so only editors can schedule.
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
  hooks: {
    ...defaultJobsCollection.hooks,
    beforeChange: [...(defaultJobsCollection.hooks?.beforeChange ?? []), guardSchedulePublish],
    afterChange: [...(defaultJobsCollection.hooks?.afterChange ?? []), recordSchedule],
  },
})
