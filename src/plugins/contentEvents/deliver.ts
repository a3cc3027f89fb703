import type { PayloadRequest, TaskConfig } from 'payload'

import { slugs } from '../../../collections/slugs.ts'
import { isOpenDelivery } from '../../../lib/contentEvents.ts'
import { nextAttemptDelayMs } from '../../../lib/webhooks.ts'
import { sendWebhook, type AttemptResult } from '../../webhooks/send.ts'
import { DELIVER_TASK, WEBHOOK_QUEUE } from './outbox.ts'

/** How deliveries are made: whether private addresses are allowed, and the retry schedule. */
export type DeliverySettings = {
  allowPrivate: boolean
  /** Seconds between attempts (the n-th entry after the n-th failure), jittered. */
  retrySchedule: readonly number[]
  timeoutMs?: number
}

type DeliveryRow = {
  id: number | string
  webhook: number | string | { id: number | string }
  event: number | string | { id: number | string }
  status: string
  attempts?: number | null
  nextAttemptAt?: string | null
  createdAt: string
  log?:
    | {
        at: string
        responseStatus?: number | null
        durationMs?: number | null
        error?: string | null
      }[]
    | null
}

type WebhookRow = {
  id: number | string
  name: string
  url: string
  active?: boolean | null
  secret?: string | null
  consecutiveFailures?: number | null
}

type EventRow = {
  id: number | string
  eventId: string
  body?: string | null
  documentKeys?: unknown
}

const idOfRelation = (value: DeliveryRow['webhook']): number | string =>
  typeof value === 'object' ? value.id : value

/** Keeps the log short: the newest attempts are the ones an admin reads. */
const LOG_KEEP = 20

const update = ({
  req,
  collection,
  id,
  data,
}: {
  req: PayloadRequest
  collection: typeof slugs.webhookDeliveries | typeof slugs.webhooks
  id: number | string
  data: Record<string, unknown>
}) => req.payload.update({ collection, id, data, depth: 0, overrideAccess: true, req })

const closeDelivery = async ({
  req,
  delivery,
  reason,
}: {
  req: PayloadRequest
  delivery: DeliveryRow
  reason: string
}) =>
  update({
    req,
    collection: slugs.webhookDeliveries,
    id: delivery.id,
    data: { status: 'failed', error: reason, nextAttemptAt: null },
  })

/**
 * An earlier delivery to the same webhook, still open, about one of the same documents: this one
 * waits for it, so a receiver gets the events of one document in the order they happened.
 */
const earlierOpenDelivery = async ({
  req,
  delivery,
  webhookId,
  keys,
}: {
  req: PayloadRequest
  delivery: DeliveryRow
  webhookId: number | string
  keys: string[]
}): Promise<DeliveryRow | undefined> => {
  if (keys.length === 0) return undefined
  const { docs } = await req.payload.find({
    collection: slugs.webhookDeliveries,
    where: {
      and: [
        { webhook: { equals: webhookId } },
        { status: { in: ['pending', 'retrying'] } },
        { createdAt: { less_than: delivery.createdAt } },
        { id: { not_equals: delivery.id } },
      ],
    },
    sort: 'createdAt',
    limit: 50,
    depth: 1,
    overrideAccess: true,
    req,
  })
  return (docs as DeliveryRow[]).find((earlier) => {
    const event = earlier.event as EventRow | number | string
    const theirs =
      typeof event === 'object' && Array.isArray(event.documentKeys) ? event.documentKeys : []
    return theirs.some((key) => keys.includes(String(key)))
  })
}

const queueAttempt = async ({
  req,
  deliveryId,
  at,
}: {
  req: PayloadRequest
  deliveryId: number | string
  at: Date
}) =>
  req.payload.jobs.queue({
    task: DELIVER_TASK,
    input: { delivery: String(deliveryId) },
    queue: WEBHOOK_QUEUE,
    waitUntil: at,
    req,
  })

const describeFailure = (result: AttemptResult): string =>
  result.error ?? (result.statusCode ? `answered ${result.statusCode}` : 'no answer')

/**
 * One attempt of one delivery (the `deliverWebhook` task). Runs outside any transaction: the
 * request to the receiver holds no database lock. A delivery already done, or of a webhook
 * switched off or deleted, is closed without sending; one behind an earlier open delivery about
 * the same document waits for it. Otherwise the event is sent, signed; a 2xx delivers it, anything
 * else schedules the next attempt, and once the schedule is spent the delivery fails and the
 * webhook is switched off.
 */
export const deliverOnce = async ({
  req,
  deliveryId,
  settings,
}: {
  req: PayloadRequest
  deliveryId: string
  settings: DeliverySettings
}): Promise<string> => {
  const delivery = (await req.payload.findByID({
    collection: slugs.webhookDeliveries,
    id: deliveryId,
    depth: 0,
    disableErrors: true,
    overrideAccess: true,
    req,
  })) as DeliveryRow | null
  if (!delivery || !isOpenDelivery(delivery.status)) return 'nothing to do'
  const webhookId = idOfRelation(delivery.webhook)
  const webhook = (await req.payload.findByID({
    collection: slugs.webhooks,
    id: webhookId,
    depth: 0,
    disableErrors: true,
    showHiddenFields: true,
    overrideAccess: true,
    req,
  })) as WebhookRow | null
  if (!webhook) {
    await closeDelivery({ req, delivery, reason: 'the webhook was deleted' })
    return 'webhook deleted'
  }
  if (!webhook.active) {
    await closeDelivery({ req, delivery, reason: 'the webhook is switched off' })
    return 'webhook switched off'
  }
  const event = (await req.payload.findByID({
    collection: slugs.contentEvents,
    id: idOfRelation(delivery.event),
    depth: 0,
    disableErrors: true,
    overrideAccess: true,
    req,
  })) as EventRow | null
  if (!event?.body || !webhook.secret) {
    await closeDelivery({ req, delivery, reason: 'the event or the webhook secret is missing' })
    return 'event missing'
  }
  const keys = Array.isArray(event.documentKeys) ? event.documentKeys.map(String) : []
  const earlier = await earlierOpenDelivery({ req, delivery, webhookId, keys })
  if (earlier) {
    const after = Math.max(Date.now(), Date.parse(earlier.nextAttemptAt ?? '') || 0) + 1000
    await queueAttempt({ req, deliveryId: delivery.id, at: new Date(after) })
    return `waits for delivery ${String(earlier.id)}`
  }

  const result = await sendWebhook({
    url: webhook.url,
    secret: webhook.secret,
    messageId: event.eventId,
    timestamp: new Date(),
    body: event.body,
    allowPrivate: settings.allowPrivate,
    timeoutMs: settings.timeoutMs,
  })
  const attempts = (delivery.attempts ?? 0) + 1
  const now = new Date().toISOString()
  const log = [
    ...(delivery.log ?? []).map(({ at, responseStatus, durationMs, error }) => ({
      at,
      responseStatus,
      durationMs,
      error,
    })),
    {
      at: now,
      responseStatus: result.statusCode ?? null,
      durationMs: Math.round(result.durationMs),
      error: result.isDelivered ? null : describeFailure(result),
    },
  ].slice(-LOG_KEEP)
  const common = {
    attempts,
    log,
    responseStatus: result.statusCode ?? null,
    durationMs: Math.round(result.durationMs),
    response: result.responseSnippet ?? null,
  }
  if (result.isDelivered) {
    await update({
      req,
      collection: slugs.webhookDeliveries,
      id: delivery.id,
      data: { ...common, status: 'delivered', deliveredAt: now, nextAttemptAt: null, error: null },
    })
    await update({
      req,
      collection: slugs.webhooks,
      id: webhook.id,
      data: { consecutiveFailures: 0, lastDeliveredAt: now },
    })
    return 'delivered'
  }
  const delay = nextAttemptDelayMs({
    attempt: attempts,
    random: Math.random(),
    schedule: settings.retrySchedule,
  })
  const reason = describeFailure(result)
  if (delay === null) {
    await update({
      req,
      collection: slugs.webhookDeliveries,
      id: delivery.id,
      data: {
        ...common,
        status: 'failed',
        nextAttemptAt: null,
        error: `${reason} (after ${attempts} attempts)`,
      },
    })
    await update({
      req,
      collection: slugs.webhooks,
      id: webhook.id,
      data: {
        active: false,
        disabledAt: now,
        disabledReason: `A delivery failed ${attempts} times in a row: ${reason}`,
        consecutiveFailures: (webhook.consecutiveFailures ?? 0) + 1,
        lastFailedAt: now,
      },
    })
    req.payload.logger.warn(
      `webhook "${webhook.name}" switched off: a delivery failed ${attempts} times (${reason})`,
    )
    return 'failed; webhook switched off'
  }
  const next = new Date(Date.now() + delay)
  await update({
    req,
    collection: slugs.webhookDeliveries,
    id: delivery.id,
    data: { ...common, status: 'retrying', nextAttemptAt: next.toISOString(), error: reason },
  })
  await update({
    req,
    collection: slugs.webhooks,
    id: webhook.id,
    data: { consecutiveFailures: (webhook.consecutiveFailures ?? 0) + 1, lastFailedAt: now },
  })
  await queueAttempt({ req, deliveryId: delivery.id, at: next })
  return `retry at ${next.toISOString()}`
}

/** The `deliverWebhook` task: one attempt of one delivery (see `deliverOnce`). */
export const deliverWebhookTask = (settings: DeliverySettings): TaskConfig =>
  ({
    slug: DELIVER_TASK,
    label: 'Deliver a webhook',
    inputSchema: [{ name: 'delivery', type: 'text', required: true }],
    outputSchema: [{ name: 'outcome', type: 'text' }],
    // A database error before or after the request: tried again (receivers dedupe by webhook-id).
    retries: 3,
    handler: async ({ input, req }: { input: { delivery: string }; req: PayloadRequest }) => ({
      output: { outcome: await deliverOnce({ req, deliveryId: input.delivery, settings }) },
    }),
  }) as unknown as TaskConfig
