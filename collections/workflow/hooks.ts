import {
  type CollectionAfterChangeHook,
  type CollectionBeforeChangeHook,
  type CollectionBeforeOperationHook,
  type PayloadRequest,
  type RequestContext,
} from 'payload'

import { WorkflowError } from '../errors.ts'
import { roleOf } from '../../lib/roles.ts'
import { slugs } from '../slugs.ts'
import {
  actionForStageChange,
  allowedActions,
  decideTransition,
  stageChangeRefusal,
  isStage,
  type Action,
  type ScheduleType,
  type Stage,
} from '../../lib/workflow.ts'
import { idOf } from '../../lib/values.ts'

type PendingEvent = {
  collection: string
  id?: number | string
  action: Action
  from: Stage
  to: Stage
  note?: string
  userId?: number | string
  userName?: string
  title?: string
  /** For schedule and unschedule: what was (or is no longer) to happen, and when. */
  scheduleType?: ScheduleType
  scheduledAt?: string
}

type WorkflowContext = RequestContext & {
  workflowDraftSave?: Record<string, boolean>
  workflowEvents?: PendingEvent[]
}

type WorkflowDoc = {
  id?: number | string
  title?: string
  stage?: unknown
  owner?: unknown
  _status?: 'draft' | 'published'
  workflowNote?: string | null
}

/** How an actor appears in the trail: name, else email. */
export const nameOf = (user: unknown): string | undefined => {
  const person = user as { name?: string | null; email?: string } | null | undefined
  return person?.name || person?.email || undefined
}

/** True when the write in progress on `collection` only saves a draft version. */
export const isDraftSaveOf = ({
  context,
  collection,
}: {
  context?: RequestContext
  collection: string
}): boolean => {
  const draftSaves = context?.workflowDraftSave as WorkflowContext['workflowDraftSave']
  return draftSaves?.[collection] === true
}

/**
 * Remembers whether this write only saves a draft version (`draft: true`), which the
 * per-document hooks cannot otherwise tell from an unpublish.
 */
export const rememberDraftSave: CollectionBeforeOperationHook = ({
  args,
  collection,
  operation,
  req,
}) => {
  if (operation === 'create' || operation === 'update' || operation === 'restoreVersion') {
    const context = req.context as WorkflowContext
    context.workflowDraftSave = {
      ...context.workflowDraftSave,
      [collection.slug]: Boolean((args as { draft?: boolean }).draft),
    }
  }
  return args
}

const isPublishedNow = async ({
  collection,
  id,
  req,
}: {
  collection: string
  id: number | string
  req: PayloadRequest
}): Promise<boolean> => {
  const main = await req.payload.findByID({
    collection: collection as typeof slugs.posts,
    id,
    draft: false,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    trash: true,
    req,
  })
  return main?._status === 'published'
}

/**
 * The one place the editorial workflow is enforced. Every write to a post or digest — save,
 * bulk edit, publish from the list, restore a version, duplicate, a scheduled job, REST,
 * GraphQL or the Local API — is read as the workflow action it amounts to (publish,
 * unpublish, or a stage change), checked against the rules for the user's role, and given the
 * stage it leads to. Server code acting without a user (imports, jobs queued by the system)
 * is not restricted but is still recorded.
 */
export const enforceWorkflow: CollectionBeforeChangeHook = async ({
  collection,
  data,
  operation,
  originalDoc,
  req,
}) => {
  const context = req.context as WorkflowContext
  const incoming = data as WorkflowDoc
  const original = originalDoc as WorkflowDoc | undefined
  const { user } = req
  const role = roleOf(user)
  const isDraftSave = isDraftSaveOf({ context, collection: collection.slug })
  const latestStage: Stage = isStage(original?.stage) ? original.stage : 'draft'
  const wasPublished =
    operation === 'update' && original?.id !== undefined
      ? await isPublishedNow({ collection: collection.slug, id: original.id, req })
      : false
  const resultingStatus = isDraftSave ? 'draft' : (incoming._status ?? original?._status ?? 'draft')

  if (operation === 'create' && user && (role === 'contributor' || !incoming.owner)) {
    incoming.owner = user.id
  }

  let action: Action | null = null
  let from: Stage = latestStage
  if (!isDraftSave && resultingStatus === 'published') {
    action = 'publish'
    from = wasPublished && latestStage === 'published' ? 'published' : latestStage
  } else if (!isDraftSave && wasPublished) {
    action = 'unpublish'
    from = 'published'
  } else if (incoming.stage !== undefined && incoming.stage !== latestStage) {
    const requested = incoming.stage
    action = isStage(requested) ? actionForStageChange({ from: latestStage, to: requested }) : null
    if (!action) {
      throw new WorkflowError(
        stageChangeRefusal({
          from: latestStage,
          requested,
          mayTake: user
            ? allowedActions({
                role,
                isOwner: idOf(incoming.owner ?? original?.owner) === user.id,
                stage: latestStage,
              })
            : [],
        }),
      )
    }
  }

  if (!action) {
    incoming.stage = operation === 'create' ? 'draft' : latestStage
    return incoming
  }

  const note = incoming.workflowNote?.trim() || undefined
  let to: Stage
  if (user) {
    const ownerId = idOf(incoming.owner ?? original?.owner)
    const decision = decideTransition({ role, isOwner: ownerId === user.id, from, action, note })
    if (!decision.isAllowed) throw new WorkflowError(decision.reason)
    to = decision.to
  } else {
    to =
      action === 'publish'
        ? 'published'
        : action === 'unpublish'
          ? 'draft'
          : (incoming.stage as Stage)
  }
  incoming.stage = to
  // Read req.context afresh: every Local API call made with `req` replaces the object.
  const current = req.context as WorkflowContext
  current.workflowEvents = [
    ...(current.workflowEvents ?? []),
    {
      collection: collection.slug,
      id: original?.id,
      action,
      from,
      to,
      note,
      userId: user?.id,
      userName: nameOf(user),
      title: incoming.title ?? original?.title,
    },
  ]
  return incoming
}

/** Writes the audit trail entries the change earned, in the same transaction. */
export const recordWorkflowEvents: CollectionAfterChangeHook = async ({ collection, doc, req }) => {
  const context = req.context as WorkflowContext
  const mine = (context.workflowEvents ?? []).filter(
    (event) => event.collection === collection.slug,
  )
  if (mine.length === 0) return doc as unknown
  // Taken off the list before writing: each write below replaces req.context.
  context.workflowEvents = (context.workflowEvents ?? []).filter((event) => !mine.includes(event))
  for (const event of mine) {
    await writeWorkflowEvent({
      req,
      event: { ...event, id: event.id ?? (doc as { id: number | string }).id },
    })
  }
  return doc as unknown
}

/** Appends one entry to the audit trail. */
export const writeWorkflowEvent = async ({
  req,
  event,
}: {
  req: PayloadRequest
  event: Omit<PendingEvent, 'id'> & { id: number | string }
}): Promise<void> => {
  await req.payload.create({
    collection: slugs.workflowEvents,
    data: {
      documentKey: `${event.collection}:${event.id}`,
      title: event.title,
      action: event.action,
      from: event.from,
      to: event.to,
      note: event.note,
      user: (event.userId as number | undefined) ?? null,
      userName: event.userName ?? 'system',
      scheduleType: event.scheduleType,
      scheduledAt: event.scheduledAt,
    },
    overrideAccess: true,
    req,
  })
}
