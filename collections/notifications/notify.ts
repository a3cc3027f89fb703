import type { CollectionAfterChangeHook, CollectionBeforeDeleteHook, PayloadRequest } from 'payload'

import {
  notificationText,
  recipientsOfScheduleFailure,
  recipientsOfStep,
  type Recipient,
} from '../../lib/notifications.ts'
import { ROLES } from '../../lib/roles.ts'
import { idOf } from '../../lib/values.ts'
import type { Action } from '../../lib/workflow.ts'
import { slugs } from '../slugs.ts'
import type { ScheduleFailedListener } from '../workflow/scheduleFailures.ts'

/** The background task that emails one notification (collections/notifications/email.ts). */
export const EMAIL_TASK = 'sendNotificationEmail'

type Id = number | string

/** Roles that review submissions. */
const REVIEWER_ROLES = ROLES.filter((role) => role !== 'contributor')

/** The owner of the document's latest version; null when it has none or is gone. */
const ownerOf = async ({
  req,
  collection,
  id,
}: {
  req: PayloadRequest
  collection: string
  id: Id
}): Promise<{ ownerId: Id | null; title?: string }> => {
  const doc = await req.payload.findByID({
    collection: collection as typeof slugs.posts,
    id,
    draft: true,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    trash: true,
    req,
  })
  return { ownerId: (idOf(doc?.owner) as Id | undefined) ?? null, title: doc?.title }
}

const reviewerIds = async ({ req }: { req: PayloadRequest }): Promise<Id[]> => {
  const { docs } = await req.payload.find({
    collection: slugs.users,
    where: { role: { in: REVIEWER_ROLES } },
    pagination: false,
    limit: 0,
    depth: 0,
    select: { role: true },
    overrideAccess: true,
    req,
  })
  return docs.map((user) => user.id)
}

/**
 * Writes one notification per recipient and, for those who take them by email, queues the
 * email job, all with `req`: inside a workflow step they commit or roll back with it, and the
 * email is sent later by the job runner, never in the request.
 */
export const createNotifications = async ({
  req,
  recipients,
  documentKey,
  documentTitle,
  actorName,
  note,
  scheduleType,
}: {
  req: PayloadRequest
  recipients: Recipient[]
  documentKey: string
  documentTitle?: string | null
  actorName?: string | null
  note?: string | null
  scheduleType?: 'publish' | 'unpublish'
}): Promise<void> => {
  if (recipients.length === 0) return
  const { docs: people } = await req.payload.find({
    collection: slugs.users,
    where: { id: { in: recipients.map((recipient) => recipient.recipientId) } },
    pagination: false,
    limit: 0,
    depth: 0,
    select: { notifyByEmail: true },
    overrideAccess: true,
    req,
  })
  for (const { recipientId, kind } of recipients) {
    const person = people.find((user) => String(user.id) === String(recipientId))
    if (!person) continue
    const text = notificationText({ kind, documentTitle, actorName, note, scheduleType })
    const notification = await req.payload.create({
      collection: slugs.notifications,
      data: {
        recipient: person.id,
        kind,
        title: text.title,
        message: text.message,
        documentKey,
        documentTitle: documentTitle ?? undefined,
        actorName: actorName ?? undefined,
      },
      depth: 0,
      overrideAccess: true,
      req,
    })
    if (person.notifyByEmail === false) continue
    await req.payload.jobs.queue({
      task: EMAIL_TASK,
      input: { notification: String(notification.id) },
      req,
    })
  }
}

type WorkflowEventDoc = {
  documentKey: string
  title?: string | null
  action: Action
  user?: unknown
  userName?: string | null
  note?: string | null
}

/** `collection:id` split at its first colon. */
const parseKey = (key: string): { collection: string; id: string } | null => {
  const at = key.indexOf(':')
  return at > 0 ? { collection: key.slice(0, at), id: key.slice(at + 1) } : null
}

/** Steps someone is told of (lib/notifications.ts says whom). */
const TOLD: readonly Action[] = ['submit', 'request_changes', 'approve', 'publish']

/**
 * `workflow-events` afterChange: each step written to the audit trail tells the people
 * concerned (lib/notifications.ts), in the step's own transaction. Skipped when
 * `context.skipNotifications` is set.
 */
export const notifyWorkflowStep: CollectionAfterChangeHook = async ({
  context,
  doc,
  operation,
  req,
}) => {
  const event = doc as WorkflowEventDoc
  if (operation !== 'create' || context.skipNotifications || !TOLD.includes(event.action)) {
    return doc as unknown
  }
  const target = parseKey(event.documentKey)
  if (!target) return doc as unknown
  const { ownerId, title } =
    event.action === 'submit'
      ? { ownerId: null, title: undefined }
      : await ownerOf({ req, ...target })
  const recipients = recipientsOfStep({
    action: event.action,
    actorId: idOf(event.user) as Id | undefined,
    ownerId,
    reviewerIds: event.action === 'submit' ? await reviewerIds({ req }) : [],
  })
  await createNotifications({
    req,
    recipients,
    documentKey: event.documentKey,
    documentTitle: event.title ?? title,
    actorName: event.userName,
    note: event.action === 'request_changes' ? event.note : undefined,
  })
  return doc as unknown
}

/** A failed scheduled publish or unpublish tells whoever scheduled it and the owner. */
export const notifyScheduleFailure: ScheduleFailedListener = async ({ failure, req }) => {
  const { ownerId, title } = await ownerOf({
    req,
    collection: failure.collection,
    id: failure.docId,
  })
  await createNotifications({
    req,
    recipients: recipientsOfScheduleFailure({ schedulerId: failure.scheduledById, ownerId }),
    documentKey: `${failure.collection}:${failure.docId}`,
    documentTitle: title,
    note: failure.error,
    scheduleType: failure.type,
  })
}

/**
 * `users` beforeDelete: a person's notifications go with their account (nobody else may read
 * them, and the recipient column cannot be emptied), in the deletion's transaction.
 */
export const deleteNotificationsOfUser: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await req.payload.delete({
    collection: slugs.notifications,
    where: { recipient: { equals: id } },
    depth: 0,
    overrideAccess: true,
    req,
  })
}
