import { addDataAndFileToRequest, APIError, type Endpoint, type PayloadRequest } from 'payload'

import { BadRequestError } from '../errors.ts'
import { roleOf } from '../../lib/roles.ts'
import { slugs } from '../slugs.ts'
import { WorkflowError } from '../errors.ts'
import { ACTIONS, decideTransition, isStage, type Action, type Stage } from '../../lib/workflow.ts'
import { idOf } from '../../lib/values.ts'

type WorkflowRequest = { action?: unknown; note?: unknown; at?: unknown }

/** Where an action leads, for the stage moves that are saved as a draft version. */
const STAGE_OF: Partial<Record<Action, Stage>> = {
  submit: 'in_review',
  request_changes: 'changes_requested',
  approve: 'approved',
}

const parseBody = async (
  req: PayloadRequest,
): Promise<{ action: Action; note?: string; at?: string }> => {
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
  return {
    action: body.action as Action,
    note: body.note,
    at: body.at as string | undefined,
  }
}

/**
 * `POST /api/<collection>/:id/workflow` with `{ action, note?, at? }`: takes one workflow step
 * as the logged-in user. Stage moves are saved on the latest version, so a published document
 * goes back to review without going offline; publish and unpublish change what is live;
 * schedule queues a publish for `at`. Every rule is enforced by the collection's hooks, this
 * endpoint only turns an action into the write it stands for.
 */
export const workflowEndpoint = (
  collection: typeof slugs.posts | typeof slugs.digests,
): Endpoint => ({
  path: '/:id/workflow',
  method: 'post',
  handler: async (req) => {
    if (!req.user) throw new APIError('Log in to take a workflow action.', 401, undefined, true)
    const id = req.routeParams?.id as string
    const { action, note, at } = await parseBody(req)
    const common = { collection, id, depth: 0, user: req.user, overrideAccess: false, req } as const

    const current = await req.payload.findByID({ ...common, draft: true })
    const isLive =
      (await req.payload.findByID({ ...common, draft: false, overrideAccess: true }))._status ===
      'published'

    if (action === 'schedule') {
      const from = isStage(current.stage) ? current.stage : 'draft'
      const decision = decideTransition({
        role: roleOf(req.user),
        isOwner: idOf(current.owner) === req.user.id,
        from,
        action,
      })
      if (!decision.isAllowed) throw new WorkflowError(decision.reason)
      await req.payload.jobs.queue({
        task: 'schedulePublish',
        input: {
          type: 'publish',
          doc: { relationTo: collection, value: current.id },
          user: { relationTo: slugs.users, value: req.user.id },
        },
        waitUntil: new Date(at as string),
        req,
      })
      return Response.json({
        message: `Publishing scheduled for ${new Date(at as string).toISOString()}.`,
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
