import { addDataAndFileToRequest, APIError, type Endpoint, type PayloadRequest } from 'payload'

import { BadRequestError } from '../errors.ts'
import { roleOf } from '../../lib/roles.ts'
import { slugs } from '../slugs.ts'
import { WorkflowError } from '../errors.ts'
import {
  ACTIONS,
  decideTransition,
  isScheduleType,
  isStage,
  SCHEDULE_TYPES,
  type Action,
  type ScheduleType,
  type Stage,
} from '../../lib/workflow.ts'
import { findPendingSchedules } from './scheduling.ts'
import { idOf } from '../../lib/values.ts'

type WorkflowRequest = {
  action?: unknown
  note?: unknown
  at?: unknown
  type?: unknown
  job?: unknown
}

type ParsedRequest = {
  action: Action
  note?: string
  at?: string
  type: ScheduleType
  job?: number | string
}

/** Where an action leads, for the stage moves that are saved as a draft version. */
const STAGE_OF: Partial<Record<Action, Stage>> = {
  submit: 'in_review',
  request_changes: 'changes_requested',
  approve: 'approved',
}

const parseBody = async (req: PayloadRequest): Promise<ParsedRequest> => {
  await addDataAndFileToRequest(req)
  const body = (req.data ?? {}) as WorkflowRequest
  if (typeof body.action !== 'string' || !ACTIONS.includes(body.action as Action)) {
    throw new BadRequestError(`action must be one of ${ACTIONS.join(', ')}`)
  }
  if (body.note !== undefined && typeof body.note !== 'string') {
    throw new BadRequestError('note must be text')
  }
  if (
    body.action === 'schedule' &&
    (typeof body.at !== 'string' || Number.isNaN(Date.parse(body.at)))
  ) {
    throw new BadRequestError('at must be a date and time, e.g. 2026-12-01T09:00:00Z')
  }
  if (body.type !== undefined && !isScheduleType(body.type)) {
    throw new BadRequestError(`type must be one of ${SCHEDULE_TYPES.join(', ')}`)
  }
  if (
    body.action === 'unschedule' &&
    !((typeof body.job === 'string' && body.job !== '') || typeof body.job === 'number')
  ) {
    throw new BadRequestError('job must be the id of the scheduled step to cancel')
  }
  return {
    action: body.action as Action,
    note: body.note,
    at: body.at as string | undefined,
    type: isScheduleType(body.type) ? body.type : 'publish',
    job: body.job as number | string | undefined,
  }
}

type ReviewedSlug = typeof slugs.posts | typeof slugs.digests

/**
 * `GET /api/<collection>/:id/workflow`: the document's stage and its scheduled steps not yet
 * run, for anyone who may read the document's draft.
 */
const workflowState = (collection: ReviewedSlug): Endpoint => ({
  path: '/:id/workflow',
  method: 'get',
  handler: async (req) => {
    if (!req.user) throw new APIError('Log in to see the workflow.', 401, undefined, true)
    const current = await req.payload.findByID({
      collection,
      id: req.routeParams?.id as string,
      draft: true,
      depth: 0,
      user: req.user,
      overrideAccess: false,
      req,
    })
    return Response.json({
      stage: isStage(current.stage) ? current.stage : 'draft',
      schedules: await findPendingSchedules({ req, collection, docId: current.id }),
    })
  },
})

/**
 * `POST /api/<collection>/:id/workflow` with `{ action, note?, at? }`: takes one workflow step
 * as the logged-in user. Stage moves are saved on the latest version, so a published document
 * goes back to review without going offline; publish and unpublish change what is live;
 * schedule queues a publish for `at`. Every rule is enforced by the collection's hooks, this
 * endpoint only turns an action into the write it stands for.
 */
const workflowStep = (collection: ReviewedSlug): Endpoint => ({
  path: '/:id/workflow',
  method: 'post',
  handler: async (req) => {
    if (!req.user) throw new APIError('Log in to take a workflow action.', 401, undefined, true)
    const id = req.routeParams?.id as string
    const { action, note, at, type, job } = await parseBody(req)
    const common = { collection, id, depth: 0, user: req.user, overrideAccess: false, req } as const

    const current = await req.payload.findByID({ ...common, draft: true })
    const isLive =
      (await req.payload.findByID({ ...common, draft: false, overrideAccess: true }))._status ===
      'published'

    if (action === 'schedule' || action === 'unschedule') {
      const from = isStage(current.stage) ? current.stage : 'draft'
      const decision = decideTransition({
        role: roleOf(req.user),
        isOwner: idOf(current.owner) === req.user.id,
        from,
        action,
      })
      if (!decision.isAllowed) throw new WorkflowError(decision.reason)
      if (action === 'unschedule') {
        const pending = await findPendingSchedules({ req, collection, docId: current.id })
        const step = pending.find((item) => String(item.id) === String(job))
        if (!step) {
          throw new APIError(
            `No scheduled step ${JSON.stringify(job)} is waiting for this document: it may have run or been cancelled already.`,
            404,
            undefined,
            true,
          )
        }
        // The jobs collection's hooks check the right to cancel and write the audit entry.
        await req.payload.delete({ collection: slugs.jobs, id: step.id, req, overrideAccess: true })
        return Response.json({
          message: `${step.type === 'publish' ? 'Publishing' : 'Unpublishing'} cancelled.`,
          schedules: await findPendingSchedules({ req, collection, docId: current.id }),
        })
      }
      if (type === 'unpublish' && !isLive) {
        const publishing = await findPendingSchedules({ req, collection, docId: current.id })
        if (!publishing.some((item) => item.type === 'publish' && item.at < (at as string))) {
          throw new WorkflowError(
            'This document is not published, and no publishing is scheduled before then: there is nothing to unpublish.',
          )
        }
      }
      req.context.scheduleNote = note?.trim() || undefined
      await req.payload.jobs.queue({
        task: 'schedulePublish',
        input: {
          type,
          doc: { relationTo: collection, value: current.id },
          user: { relationTo: slugs.users, value: req.user.id },
        },
        waitUntil: new Date(at as string),
        req,
      })
      return Response.json({
        message: `${type === 'publish' ? 'Publishing' : 'Unpublishing'} scheduled.`,
        at: new Date(at as string).toISOString(),
        schedules: await findPendingSchedules({ req, collection, docId: current.id }),
      })
    }

    const doc =
      action === 'publish' || action === 'unpublish'
        ? await req.payload.update({
            ...common,
            data: { _status: action === 'publish' ? 'published' : 'draft', workflowNote: note },
            draft: false,
          })
        : await req.payload.update({
            ...common,
            data: {
              stage: STAGE_OF[action],
              workflowNote: note,
              ...(isLive ? {} : { _status: 'draft' }),
            },
            // Live documents keep their published version; the stage moves on the draft.
            draft: isLive,
          })
    return Response.json({
      message: 'Done.',
      doc: { id: doc.id, stage: doc.stage, _status: doc._status },
    })
  },
})

/** The workflow's endpoints on a reviewed collection: its state (GET) and its steps (POST). */
export const workflowEndpoints = (collection: ReviewedSlug): Endpoint[] => [
  workflowState(collection),
  workflowStep(collection),
]
