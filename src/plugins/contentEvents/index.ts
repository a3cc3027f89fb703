import type { CollectionConfig, Config, Plugin } from 'payload'

import { ContentEvents } from '../../../collections/ContentEvents.ts'
import { WebhookDeliveries } from '../../../collections/WebhookDeliveries.ts'
import { Webhooks } from '../../../collections/Webhooks.ts'
import { isEventCollection } from '../../../lib/contentEvents.ts'
import { deliverWebhookTask, type DeliverySettings } from './deliver.ts'
import { onScheduleFailed } from '../../../collections/workflow/scheduleFailures.ts'
import { chainOnInit } from '../onInit.ts'
import {
  announceChange,
  announceDelete,
  announceScheduleFailure,
  rememberPublicState,
  type EventSettings,
} from './hooks.ts'
import { WEBHOOK_QUEUE } from './outbox.ts'
import { pruneEventsHourly } from './prune.ts'
import { deliveryEndpoints, prepareWebhook, revealNewSecret, webhookEndpoints } from './webhooks.ts'

export { outboxTransactionEnded } from './outbox.ts'

/** How often each instance looks for due deliveries (retries, and commits of other instances). */
const QUEUE_CRON = '*/2 * * * * *'

const announced = (collection: CollectionConfig, settings: EventSettings): CollectionConfig => ({
  ...collection,
  hooks: {
    ...collection.hooks,
    beforeChange: [...(collection.hooks?.beforeChange ?? []), rememberPublicState],
    afterChange: [...(collection.hooks?.afterChange ?? []), announceChange(settings)],
    afterDelete: [...(collection.hooks?.afterDelete ?? []), announceDelete(settings)],
  },
})

/**
 * Content events and webhooks. Every change of what readers get (a publish, an unpublish, a
 * change to a published post, a slug change, a deletion…) is written to an outbox
 * (`content-events`) in the change's own transaction, with the URLs a front end must refresh;
 * admins register webhooks (`webhooks`), and each event is delivered to those that want it,
 * signed (Standard Webhooks), by the job queue (`webhooks` queue; each job claimed by one
 * instance), retried with backoff for about a day and logged (`webhook-deliveries`).
 */
export const contentEvents =
  ({
    site,
    delivery,
    runsJobs,
  }: {
    site: EventSettings
    delivery: DeliverySettings
    /** Whether this instance runs the queue (JOBS_ENABLED). */
    runsJobs: boolean
  }): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: [
      ...(config.collections ?? []).map((collection) =>
        isEventCollection(collection.slug) ? announced(collection, site) : collection,
      ),
      ContentEvents,
      {
        ...Webhooks,
        hooks: {
          ...Webhooks.hooks,
          beforeChange: [prepareWebhook({ allowPrivate: delivery.allowPrivate })],
          afterOperation: [revealNewSecret],
        },
        endpoints: webhookEndpoints(),
      },
      { ...WebhookDeliveries, endpoints: deliveryEndpoints() },
    ],
    jobs: {
      ...config.jobs,
      tasks: [...(config.jobs?.tasks ?? []), deliverWebhookTask(delivery)],
      autoRun: runsJobs
        ? [
            ...((Array.isArray(config.jobs?.autoRun) ? config.jobs.autoRun : []) ?? []),
            { cron: QUEUE_CRON, queue: WEBHOOK_QUEUE, limit: 50 },
          ]
        : config.jobs?.autoRun,
    },
    onInit: chainOnInit({
      config,
      task: (payload) => {
        onScheduleFailed({ payload, listener: announceScheduleFailure(site) })
        if (runsJobs) pruneEventsHourly(payload)
      },
    }),
  })
