import type { Payload } from 'payload'

import { sharedInProcess } from '../../../lib/processState.ts'

const QUEUE = 'webhooks'

type RunnerState = { isRunning: boolean; isWanted: boolean }

const state = (): RunnerState =>
  sharedInProcess('contentEventsRunner', (): RunnerState => ({ isRunning: false, isWanted: false }))

/**
 * True when this process runs the job queue (the server, unless JOBS_ENABLED=false): command-line
 * tools queue deliveries and leave the sending to the server.
 */
const runsJobs = (payload: Payload): boolean =>
  Array.isArray((payload as { crons?: unknown[] }).crons) &&
  ((payload as { crons?: unknown[] }).crons?.length ?? 0) > 0

/**
 * Runs the webhook queue now, after a commit that queued deliveries, instead of waiting for the
 * next tick of the queue's cron (every 2 s, the fallback and the retry path). One run at a time
 * per process; a kick during a run makes it go round once more. Each job is still claimed by one
 * instance only (the register's "job-claims-not-atomic").
 */
export const kickDeliveries = (payload: Payload): void => {
  if (!runsJobs(payload)) return
  const current = state()
  if (current.isRunning) {
    current.isWanted = true
    return
  }
  current.isRunning = true
  void (async () => {
    try {
      do {
        current.isWanted = false
        await payload.jobs.run({ queue: QUEUE, limit: 50, overrideAccess: true })
      } while (current.isWanted)
    } catch (err) {
      payload.logger.warn({
        err,
        msg: `webhook deliveries not run at once (the queue's next tick will): ${err instanceof Error ? err.message : String(err)}`,
      })
    } finally {
      current.isRunning = false
    }
  })()
}
