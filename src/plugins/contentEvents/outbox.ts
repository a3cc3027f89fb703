import crypto from 'node:crypto'

import type { Payload, PayloadRequest } from 'payload'

import { slugs } from '../../../collections/slugs.ts'
import {
  documentKeys,
  mergeAffected,
  webhookWants,
  withDocument,
  type EventAffected,
  type EventBody,
  type EventCollection,
  type EventDocument,
  type EventType,
  type WebhookFilter,
} from '../../../lib/contentEvents.ts'
import { sharedInProcess } from '../../../lib/processState.ts'
import { kickDeliveries } from './runner.ts'

/** The job queue deliveries run on (its own, so a slow receiver never delays a scheduled publish). */
export const WEBHOOK_QUEUE = 'webhooks'
export const DELIVER_TASK = 'deliverWebhook'

type TransactionId = number | string

/** An event written in a transaction that has not ended: a bulk write adds to it. */
type OpenEvent = {
  id: number | string
  eventId: string
  occurredAt: string
  documents: EventDocument[]
  affected: EventAffected
}

type OpenTransaction = {
  payload: Payload
  events: Map<EventType, OpenEvent>
  /** Writes of one transaction add to its events one after another (bulk writes run at once). */
  chain: Promise<void>
  hasDeliveries: boolean
}

const openTransactions = (): Map<TransactionId, OpenTransaction> =>
  sharedInProcess('contentEventsOpenTransactions', () => new Map<TransactionId, OpenTransaction>())

/** The event's body, exactly as signed and sent. */
export const eventBody = ({
  eventId,
  type,
  occurredAt,
  documents,
  affected,
  error,
}: {
  eventId: string
  type: EventType
  occurredAt: string
  documents: EventDocument[]
  affected: EventAffected
  error?: string
}): string =>
  JSON.stringify({
    id: eventId,
    type,
    timestamp: occurredAt,
    data: { documents, affected, ...(error ? { error } : {}) },
  } satisfies EventBody)

const summaryOf = (documents: EventDocument[]): string => {
  const titles = documents.map((item) => item.title || item.slug || String(item.id))
  const shown = titles.slice(0, 3).join(', ')
  return titles.length > 3 ? `${shown} and ${titles.length - 3} more` : shown
}

const eventData = (event: OpenEvent & { type: EventType; error?: string }) => ({
  documents: event.documents,
  documentKeys: documentKeys(event.documents),
  affected: event.affected,
  summary: summaryOf(event.documents),
  body: eventBody({ ...event }),
})

/** A new event id: sent as `webhook-id`, the same on every retry and replay. */
const newEventId = (): string => `evt_${crypto.randomUUID().replaceAll('-', '')}`

/**
 * Queues the delivery of an event to one webhook, in `req`'s transaction: the log row and the
 * job that sends it. `replayOf` names the delivery a replay repeats.
 */
export const queueDelivery = async ({
  req,
  webhookId,
  event,
  replayOf,
}: {
  req: PayloadRequest
  webhookId: number | string
  event: { id: number | string; eventId: string; type: string }
  replayOf?: number | string
}): Promise<number | string> => {
  const delivery = await req.payload.create({
    collection: slugs.webhookDeliveries,
    data: {
      webhook: webhookId as number,
      event: event.id as number,
      messageId: event.eventId,
      eventType: event.type,
      status: 'pending',
      attempts: 0,
      ...(replayOf !== undefined ? { replayOf: replayOf as number } : {}),
    },
    overrideAccess: true,
    req,
  })
  await req.payload.jobs.queue({
    task: DELIVER_TASK,
    input: { delivery: String(delivery.id) },
    queue: WEBHOOK_QUEUE,
    req,
  })
  return delivery.id
}

type WebhookRow = WebhookFilter & { id: number | string }

/** Writes a new event and queues its deliveries to the active webhooks that want it. */
const writeEvent = async ({
  req,
  type,
  collection,
  event,
  error,
}: {
  req: PayloadRequest
  type: EventType
  collection?: EventCollection
  event: Omit<OpenEvent, 'id'>
  error?: string
}): Promise<{ id: number | string; deliveries: number }> => {
  const row = await req.payload.create({
    collection: slugs.contentEvents,
    data: {
      eventId: event.eventId,
      type,
      occurredAt: event.occurredAt,
      ...eventData({ ...event, id: '', type, error }),
    },
    overrideAccess: true,
    req,
  })
  const { docs } = await req.payload.find({
    collection: slugs.webhooks,
    where: { active: { equals: true } },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const wanting = (docs as WebhookRow[]).filter((webhook) =>
    webhookWants({ webhook, type, collections: collection ? [collection] : [] }),
  )
  for (const webhook of wanting) {
    await queueDelivery({ req, webhookId: webhook.id, event: { ...event, id: row.id, type } })
  }
  return { id: row.id, deliveries: wanting.length }
}

/**
 * Adds an event to the outbox in `req`'s transaction. Within one transaction, events of one
 * type are one event listing every document (a bulk publish of twenty posts is one
 * `post.published`); a rolled-back transaction leaves none. Outside a transaction the event is
 * written at once.
 */
export const addToOutbox = async ({
  req,
  type,
  collection,
  document,
  affected,
  error,
}: {
  req: PayloadRequest
  type: EventType
  collection?: EventCollection
  document?: EventDocument
  affected: EventAffected
  error?: string
}): Promise<{ id: number | string; eventId: string }> => {
  const transactionId = (await req.transactionID) as TransactionId | undefined | null
  const fresh = (): Omit<OpenEvent, 'id'> => ({
    eventId: newEventId(),
    occurredAt: new Date().toISOString(),
    documents: document ? [document] : [],
    affected,
  })
  if (transactionId === undefined || transactionId === null) {
    const event = fresh()
    const { id, deliveries } = await writeEvent({ req, type, collection, event, error })
    if (deliveries > 0) setImmediate(() => kickDeliveries(req.payload))
    return { id, eventId: event.eventId }
  }
  const open = openTransactions()
  let state = open.get(transactionId)
  if (!state) {
    state = {
      payload: req.payload,
      events: new Map(),
      chain: Promise.resolve(),
      hasDeliveries: false,
    }
    open.set(transactionId, state)
  }
  const current = state
  const step = current.chain.then(async () => {
    const existing = error ? undefined : current.events.get(type)
    if (!existing) {
      const event = fresh()
      const { id, deliveries } = await writeEvent({ req, type, collection, event, error })
      current.events.set(type, { ...event, id })
      current.hasDeliveries ||= deliveries > 0
      return { id, eventId: event.eventId }
    }
    if (document) existing.documents = withDocument(existing.documents, document)
    existing.affected = mergeAffected(existing.affected, affected)
    await req.payload.update({
      collection: slugs.contentEvents,
      id: existing.id,
      data: eventData({ ...existing, type }),
      overrideAccess: true,
      req,
    })
    return { id: existing.id, eventId: existing.eventId }
  })
  current.chain = step.then(
    () => undefined,
    () => undefined,
  )
  return step
}

/**
 * Told by the database adapter when a transaction ends (the workaround register's
 * "no-commit-listener"): a committed transaction that queued deliveries has them sent at once.
 */
export const outboxTransactionEnded = ({
  id,
  isCommitted,
}: {
  id: TransactionId
  isCommitted: boolean
}): void => {
  const state = openTransactions().get(id)
  if (!state) return
  openTransactions().delete(id)
  if (isCommitted && state.hasDeliveries) kickDeliveries(state.payload)
}
