import { escapeHtml } from './values.ts'
import type { Action } from './workflow.ts'

/**
 * Who is told what, and how it reads: the notifications' rules, pure. The edges
 * (collections/notifications) find the people and write what these functions decide.
 */

export const NOTIFICATION_KINDS = [
  'submitted',
  'changes_requested',
  'approved',
  'published',
  'schedule_failed',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  submitted: 'Submitted for review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  published: 'Published',
  schedule_failed: 'Scheduled publish failed',
}

/** The pill tone of each kind in the admin (Payload's Pill styles). */
export const NOTIFICATION_KIND_TONES: Record<
  NotificationKind,
  'warning' | 'error' | 'success' | 'dark'
> = {
  submitted: 'warning',
  changes_requested: 'error',
  approved: 'success',
  published: 'dark',
  schedule_failed: 'error',
}

type Id = number | string

/** Workflow steps that tell the document's owner, and what they are told. */
const OWNER_KINDS: Partial<Record<Action, NotificationKind>> = {
  request_changes: 'changes_requested',
  approve: 'approved',
  publish: 'published',
}

export type Recipient = { recipientId: Id; kind: NotificationKind }

const same = (a: Id | null | undefined, b: Id | null | undefined): boolean =>
  a !== null && a !== undefined && b !== null && b !== undefined && String(a) === String(b)

/**
 * Who hears of a workflow step: a submission goes to every reviewer (editors and admins); a
 * request for changes, an approval or a publish goes to the document's owner. Nobody is told
 * of their own action, and nobody twice. Other steps (unpublish, schedules) tell nobody.
 */
export const recipientsOfStep = ({
  action,
  actorId,
  ownerId,
  reviewerIds,
}: {
  action: Action
  actorId?: Id | null
  ownerId?: Id | null
  reviewerIds: readonly Id[]
}): Recipient[] => {
  const candidates: Recipient[] =
    action === 'submit'
      ? reviewerIds.map((recipientId) => ({ recipientId, kind: 'submitted' as const }))
      : OWNER_KINDS[action] && ownerId !== null && ownerId !== undefined
        ? [{ recipientId: ownerId, kind: OWNER_KINDS[action] }]
        : []
  return candidates.filter(
    (candidate, index) =>
      !same(candidate.recipientId, actorId) &&
      candidates.findIndex((other) => same(other.recipientId, candidate.recipientId)) === index,
  )
}

/**
 * Who hears that a scheduled publish or unpublish failed: the person who scheduled it and the
 * document's owner (once if they are the same person). No one acted, so no one is left out.
 */
export const recipientsOfScheduleFailure = ({
  schedulerId,
  ownerId,
}: {
  schedulerId?: Id | null
  ownerId?: Id | null
}): Recipient[] =>
  [schedulerId, ownerId]
    .filter((id): id is Id => id !== null && id !== undefined)
    .filter((id, index, ids) => ids.findIndex((other) => same(other, id)) === index)
    .map((recipientId) => ({ recipientId, kind: 'schedule_failed' as const }))

export type NotificationText = { title: string; message: string }

/** How a document is named when it has no title. */
const named = (title: string | null | undefined): string => title?.trim() || 'Untitled'

/**
 * The in-app title and message of a notification. `note` is the editor's note (changes
 * requested) or the error of a failed schedule.
 */
export const notificationText = ({
  kind,
  documentTitle,
  actorName,
  note,
  scheduleType = 'publish',
}: {
  kind: NotificationKind
  documentTitle?: string | null
  actorName?: string | null
  note?: string | null
  scheduleType?: 'publish' | 'unpublish'
}): NotificationText => {
  const title = `“${named(documentTitle)}”`
  const by = actorName?.trim() || 'Someone'
  const detail = note?.trim() ?? ''
  switch (kind) {
    case 'submitted':
      return { title: `${title} was submitted for review`, message: `${by} asks for a review.` }
    case 'changes_requested':
      return {
        title: `Changes requested on ${title}`,
        message: detail ? `${by}: ${detail}` : `${by} sent it back to you.`,
      }
    case 'approved':
      return { title: `${title} was approved`, message: `${by} approved it.` }
    case 'published':
      return { title: `${title} was published`, message: `${by} published it.` }
    case 'schedule_failed':
      return {
        title: `The scheduled ${scheduleType} of ${title} failed`,
        message: detail
          ? `It did not run: ${detail}`
          : 'It did not run. Open the document to schedule it again or publish it now.',
      }
  }
}

export type NotificationEmail = { subject: string; text: string; html: string }

/** "https://cms.example.org/admin/collections/posts/12": where the email's link points. */
export const documentUrl = ({
  serverUrl,
  collection,
  id,
}: {
  serverUrl: string
  collection: string
  id: Id
}): string =>
  `${serverUrl.replace(/\/+$/, '')}/admin/collections/${encodeURIComponent(collection)}/${encodeURIComponent(String(id))}`

/** The admin path of a document, as the in-app notification links to it. */
export const documentPath = ({ collection, id }: { collection: string; id: Id }): string =>
  `/admin/collections/${encodeURIComponent(collection)}/${encodeURIComponent(String(id))}`

const SUBJECT_PREFIX: Record<NotificationKind, string> = {
  submitted: 'Submitted for review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  published: 'Published',
  schedule_failed: 'Scheduled publish failed',
}

/**
 * A notification as an email: the subject says what happened and to what; a text part and an
 * HTML part (inline styles, as mail clients drop style sheets) with the same words and an
 * absolute link to the document in the admin.
 */
export const notificationEmail = ({
  kind,
  title,
  message,
  documentTitle,
  url,
  recipientName,
}: {
  kind: NotificationKind
  title: string
  message?: string | null
  documentTitle?: string | null
  url: string
  recipientName?: string | null
}): NotificationEmail => {
  const greeting = recipientName?.trim() ? `Hello ${recipientName.trim()},` : 'Hello,'
  const body = message?.trim() ?? ''
  const text = [
    greeting,
    '',
    title,
    ...(body ? ['', body] : []),
    '',
    `Open the document: ${url}`,
    '',
    'You receive these emails because notifications by email are on in your account; turn them off under your account in the admin.',
    '',
  ].join('\n')
  const html = `<!doctype html>
<html><body style="margin:0;padding:24px;background:#f3f3f3;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#222;">
<div style="max-width:560px;margin:0 auto;background:#fff;border:1px solid #e0e0e0;border-radius:4px;padding:24px;">
<p style="margin:0 0 16px;font-size:15px;">${escapeHtml(greeting)}</p>
<h1 style="margin:0 0 12px;font-size:20px;line-height:1.3;font-weight:600;">${escapeHtml(title)}</h1>
${body ? `<p style="margin:0 0 20px;font-size:15px;line-height:1.5;white-space:pre-line;">${escapeHtml(body)}</p>` : ''}
<p style="margin:0 0 24px;"><a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 16px;background:#222;color:#fff;text-decoration:none;border-radius:4px;font-size:15px;">Open ${escapeHtml(named(documentTitle))}</a></p>
<p style="margin:0;font-size:12px;color:#666;line-height:1.5;">Or paste this address into your browser: ${escapeHtml(url)}<br>You receive these emails because notifications by email are on in your account; turn them off under your account in the admin.</p>
</div>
</body></html>
`
  return {
    subject: `${SUBJECT_PREFIX[kind]}: ${named(documentTitle)}`,
    text,
    html,
  }
}
