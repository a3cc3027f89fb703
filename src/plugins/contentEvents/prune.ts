import type { Payload } from 'payload'

import { slugs } from '../../../collections/slugs.ts'
import { onShutdown } from '../../lifecycle.ts'

/** How long events and the delivery log are kept: replays reach this far back. */
export const KEEP_EVENTS_DAYS = 30
const PRUNE_EVERY_MS = 60 * 60_000

/**
 * Deletes the delivery log and the events older than {@link KEEP_EVENTS_DAYS} days, once an hour,
 * in the processes that run the job queue (retries end after a day, so nothing older is still
 * being delivered). Without it the outbox would grow with every publish for ever.
 */
export const pruneOldEvents = async (payload: Payload, now = Date.now()): Promise<void> => {
  const before = new Date(now - KEEP_EVENTS_DAYS * 24 * 3600_000).toISOString()
  await payload.delete({
    collection: slugs.webhookDeliveries,
    where: {
      and: [{ createdAt: { less_than: before } }, { status: { in: ['delivered', 'failed'] } }],
    },
    overrideAccess: true,
  })
  await payload.delete({
    collection: slugs.contentEvents,
    where: { occurredAt: { less_than: before } },
    overrideAccess: true,
  })
}

/** Starts the hourly prune (first run a minute after start, off the start-up path). */
export const pruneEventsHourly = (payload: Payload): void => {
  const run = () =>
    void pruneOldEvents(payload).catch((err: unknown) =>
      payload.logger.warn({
        err,
        msg: `old content events not pruned (tried again in an hour): ${err instanceof Error ? err.message : String(err)}`,
      }),
    )
  const first = setTimeout(run, 60_000)
  const timer = setInterval(run, PRUNE_EVERY_MS)
  first.unref()
  timer.unref()
  onShutdown(() => {
    clearTimeout(first)
    clearInterval(timer)
  })
}
