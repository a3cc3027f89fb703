import crypto from 'node:crypto'

import {
  addDataAndFileToRequest,
  APIError,
  commitTransaction,
  initTransaction,
  killTransaction,
  ValidationError,
  type CollectionAfterOperationHook,
  type CollectionBeforeChangeHook,
  type Endpoint,
  type PayloadRequest,
} from 'payload'

import { BadRequestError, ForbiddenError } from '../../../collections/errors.ts'
import { slugs } from '../../../collections/slugs.ts'
import { isAdminUser } from '../../../lib/roles.ts'
import { webhookWants, type EventType, type WebhookFilter } from '../../../lib/contentEvents.ts'
import { formatSecret, webhookUrlProblem } from '../../../lib/webhooks.ts'
import { addToOutbox, queueDelivery } from './outbox.ts'
import { kickDeliveries } from './runner.ts'

/** A new signing secret: `whsec_` and 32 random bytes in base64 (Standard Webhooks). */
const newSecret = (): string => formatSecret({ bytes: crypto.randomBytes(32) })

/** What an admin sees of a secret after it was shown: its start and end. */
const hintOf = (secret: string): string => `${secret.slice(0, 10)}…${secret.slice(-4)}`

/** Secrets made during a request, to be put into its answer once (never stored readable). */
const madeSecrets = new WeakMap<PayloadRequest, string>()

/**
 * Before a webhook is saved: its URL is checked (https, no private address unless allowed); a new
 * webhook gets its secret; a secret sent by a client is ignored; ticking `active` again clears
 * the reason it was switched off.
 */
export const prepareWebhook =
  ({ allowPrivate }: { allowPrivate: boolean }): CollectionBeforeChangeHook =>
  ({ data, operation, originalDoc, req }) => {
    const incoming = data as Record<string, unknown>
    if (typeof incoming.url === 'string') {
      const url = incoming.url.trim()
      incoming.url = url
      const problem = webhookUrlProblem({ url, allowPrivate })
      if (problem) {
        throw new ValidationError({
          collection: slugs.webhooks,
          errors: [{ path: 'url', message: problem }],
        })
      }
    }
    // Only the CMS sets a secret: at creation, and when rotating (`context.isSecretRotation`).
    if (!(req.context as { isSecretRotation?: boolean }).isSecretRotation) delete incoming.secret
    if (operation === 'create') {
      const secret = newSecret()
      incoming.secret = secret
      incoming.secretHint = hintOf(secret)
      incoming.consecutiveFailures = 0
      madeSecrets.set(req, secret)
    }
    const original = originalDoc as { active?: boolean } | undefined
    if (operation === 'update' && incoming.active === true && original?.active === false) {
      incoming.disabledAt = null
      incoming.disabledReason = null
      incoming.consecutiveFailures = 0
    }
    return incoming
  }

/** The answer that creates a webhook carries its secret: the one time it is readable. */
export const revealNewSecret: CollectionAfterOperationHook = async ({ operation, req, result }) => {
  if (operation !== 'create') return result
  const secret = madeSecrets.get(req)
  if (!secret || !result || typeof result !== 'object') return result
  madeSecrets.delete(req)
  const id = (result as { id?: number | string }).id
  if (id !== undefined) {
    await req.payload.update({
      collection: slugs.webhooks,
      id,
      data: { secretShownAt: new Date().toISOString() },
      depth: 0,
      overrideAccess: true,
      req,
    })
  }
  return { ...result, secret }
}

const requireAdmin = (req: PayloadRequest): void => {
  if (!req.user) throw new APIError('Log in as an admin.', 401, undefined, true)
  if (!isAdminUser(req.user)) throw new ForbiddenError('Only admins manage webhooks.')
}

type WebhookRow = WebhookFilter & { id: number | string; active?: boolean | null; name: string }

const findWebhook = async (req: PayloadRequest): Promise<WebhookRow> => {
  const id = req.routeParams?.id as string
  const webhook = (await req.payload.findByID({
    collection: slugs.webhooks,
    id,
    depth: 0,
    disableErrors: true,
    overrideAccess: true,
    req,
  })) as WebhookRow | null
  if (!webhook) throw new APIError(`No webhook with id ${id}.`, 404, undefined, true)
  return webhook
}

const requireActive = (webhook: WebhookRow): void => {
  if (!webhook.active) {
    throw new BadRequestError(
      `Webhook "${webhook.name}" is switched off: tick "active" first, then replay.`,
    )
  }
}

/** Most events one replay may queue. */
const REPLAY_LIMIT = 1000

/**
 * The webhook endpoints, admins only: `POST /api/webhooks/:id/rotate-secret` (a new secret,
 * shown once in the answer), `POST /api/webhooks/:id/replay` with `{ "since": ISO date }`
 * (every event since then it subscribes to, delivered again), `POST /api/webhooks/:id/test`
 * (a `webhook.test` event to this webhook only).
 */
export const webhookEndpoints = (): Endpoint[] => [
  {
    path: '/:id/rotate-secret',
    method: 'post',
    handler: async (req) => {
      requireAdmin(req)
      const webhook = await findWebhook(req)
      const secret = newSecret()
      await req.payload.update({
        collection: slugs.webhooks,
        id: webhook.id,
        data: {
          secret,
          secretHint: hintOf(secret),
          secretShownAt: new Date().toISOString(),
        },
        context: { isSecretRotation: true },
        depth: 0,
        overrideAccess: true,
        req,
      })
      return Response.json({
        message: 'New secret made: copy it now, it is not shown again.',
        secret,
        secretHint: hintOf(secret),
      })
    },
  },
  {
    path: '/:id/replay',
    method: 'post',
    handler: async (req) => {
      requireAdmin(req)
      await addDataAndFileToRequest(req)
      const since = (req.data as { since?: unknown } | undefined)?.since
      const sinceDate = typeof since === 'string' ? new Date(since) : null
      if (!sinceDate || Number.isNaN(sinceDate.getTime())) {
        throw new BadRequestError('since must be a date and time, e.g. 2026-12-01T09:00:00Z')
      }
      const webhook = await findWebhook(req)
      requireActive(webhook)
      const { docs } = await req.payload.find({
        collection: slugs.contentEvents,
        where: { occurredAt: { greater_than_equal: sinceDate.toISOString() } },
        sort: 'occurredAt',
        limit: REPLAY_LIMIT + 1,
        depth: 0,
        overrideAccess: true,
        req,
      })
      if (docs.length > REPLAY_LIMIT) {
        throw new BadRequestError(
          `since ${sinceDate.toISOString()} covers more than ${REPLAY_LIMIT} events: pick a later time`,
        )
      }
      const wanted = (
        docs as {
          id: number | string
          eventId: string
          type: EventType
          documents?: { collection: string }[]
        }[]
      ).filter((event) =>
        webhookWants({
          webhook,
          type: event.type,
          collections: [...new Set((event.documents ?? []).map((item) => item.collection))],
        }),
      )
      await inTransaction(req, async () => {
        for (const event of wanted) {
          await queueDelivery({ req, webhookId: webhook.id, event })
        }
      })
      kickSoon(req)
      return Response.json({
        message: `${wanted.length} event(s) since ${sinceDate.toISOString()} queued for "${webhook.name}".`,
        queued: wanted.length,
      })
    },
  },
  {
    path: '/:id/test',
    method: 'post',
    handler: async (req) => {
      requireAdmin(req)
      const webhook = await findWebhook(req)
      requireActive(webhook)
      // A test event of its own (no subscription wants one), delivered to this webhook only.
      const event = await inTransaction(req, async () => {
        const written = await addToOutbox({
          req,
          type: 'webhook.test',
          affected: { paths: [], urls: [] },
        })
        const delivery = await queueDelivery({
          req,
          webhookId: webhook.id,
          event: { ...written, type: 'webhook.test' },
        })
        return { ...written, delivery }
      })
      kickSoon(req)
      return Response.json({
        message: `Test event ${event.eventId} queued for "${webhook.name}".`,
        delivery: event.delivery,
        eventId: event.eventId,
      })
    },
  },
]
/** Runs `work` in one transaction of `req`'s: a delivery row never stays without its job. */
const inTransaction = async <T>(req: PayloadRequest, work: () => Promise<T>): Promise<T> => {
  const shouldCommit = await initTransaction(req)
  try {
    const result = await work()
    if (shouldCommit) await commitTransaction(req)
    return result
  } catch (err) {
    if (shouldCommit) await killTransaction(req)
    throw err
  }
}

/** After the request's writes commit: deliveries queued by an endpoint go out at once. */
const kickSoon = (req: PayloadRequest): void => {
  setTimeout(() => kickDeliveries(req.payload), 50).unref()
}

/** `POST /api/webhook-deliveries/:id/replay`: the same event to the same webhook, again. */
export const deliveryEndpoints = (): Endpoint[] => [
  {
    path: '/:id/replay',
    method: 'post',
    handler: async (req) => {
      requireAdmin(req)
      const id = req.routeParams?.id as string
      const delivery = (await req.payload.findByID({
        collection: slugs.webhookDeliveries,
        id,
        depth: 1,
        disableErrors: true,
        overrideAccess: true,
        req,
      })) as {
        id: number | string
        webhook: WebhookRow | null
        event: { id: number | string; eventId: string; type: string } | null
      } | null
      if (!delivery) throw new APIError(`No webhook delivery with id ${id}.`, 404, undefined, true)
      if (!delivery.webhook || !delivery.event) {
        throw new BadRequestError('Its webhook or its event no longer exists: nothing to replay.')
      }
      requireActive(delivery.webhook)
      const webhookId = delivery.webhook.id
      const event = delivery.event
      const replay = await inTransaction(req, () =>
        queueDelivery({ req, webhookId, event, replayOf: delivery.id }),
      )
      kickSoon(req)
      return Response.json({
        message: `Event ${delivery.event.eventId} queued again for "${delivery.webhook.name}".`,
        delivery: replay,
      })
    },
  },
]
