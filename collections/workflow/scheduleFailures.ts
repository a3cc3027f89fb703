import type { Payload, PayloadRequest, TaskConfig } from 'payload'

import { idOf } from '../../lib/values.ts'
import { isScheduleType, type ScheduleType } from '../../lib/workflow.ts'

const TASK = 'schedulePublish'

/** A scheduled publish or unpublish that failed for good: Payload will not run it again. */
export type ScheduleFailure = {
  /** The job in `payload-jobs` (it now has `hasError` and `error`). */
  jobId: number | string
  /** The document it was to publish or unpublish. */
  collection: string
  docId: number | string
  type: ScheduleType
  /** When it was due, ISO 8601. */
  at?: string
  /** The user who scheduled it (the job publishes with their rights). */
  scheduledById?: number | string
  /** Why it failed, e.g. "Contributors cannot publish: ask an editor." */
  error: string
}

/**
 * Told of each scheduled publish or unpublish that failed for good, with the job runner's
 * request (no open transaction: writes made with it commit on their own). A listener that
 * throws is logged and does not stop the others, nor Payload's own marking of the job.
 */
export type ScheduleFailedListener = (args: {
  failure: ScheduleFailure
  req: PayloadRequest
}) => Promise<void> | void

type Registry = { listeners: ScheduleFailedListener[] }

const registries = new WeakMap<Payload, Registry>()
/** The error each failing run threw, kept for its onFail (which Payload calls without it). */
const errors = new WeakMap<object, unknown>()

type ScheduleInput = {
  type?: unknown
  doc?: { relationTo: string; value: unknown } | null
  user?: { relationTo: string; value: unknown } | null
}

type Retries = TaskConfig['retries']

/** The retries Payload allows a task before its failure is final (handleTaskError's rule). */
const maxRetriesOf = (retries: Retries): number =>
  typeof retries === 'number'
    ? retries
    : typeof retries === 'object' && retries !== null && typeof retries.attempts === 'number'
      ? retries.attempts
      : 0

const messageOf = (err: unknown): string =>
  err instanceof Error ? err.message : typeof err === 'string' ? err : 'unknown error'

/**
 * Attaches the detection to Payload's own `schedulePublish` task (added by Payload after the
 * plugins run, so only the running config has it): the handler's error is kept, and the task's
 * `onFail`, which Payload calls before it sets `hasError` on the job, tells the listeners when
 * no retry is left. Every job runner path goes through it (the server's queue, `payload.jobs.run`,
 * the admin's "run now").
 */
const attach = ({ payload, registry }: { payload: Payload; registry: Registry }): void => {
  const task = payload.config.jobs?.tasks?.find((candidate) => candidate.slug === TASK)
  if (!task || typeof task.handler !== 'function') {
    payload.logger.warn({ msg: `no ${TASK} task to watch: scheduled publishing is off` })
    return
  }
  const handler = task.handler
  task.handler = (async (args: Parameters<typeof handler>[0]) => {
    try {
      return await handler(args)
    } catch (err) {
      errors.set(args.job, err)
      throw err
    }
  }) as typeof handler
  const onFail = task.onFail
  const maxRetries = maxRetriesOf(task.retries)
  task.onFail = async (args) => {
    await onFail?.(args)
    const { job, req, taskStatus } = args
    if ((taskStatus?.totalTried ?? 0) < maxRetries) return
    const input = (job.input ?? {}) as ScheduleInput
    if (!input.doc) return
    const failure: ScheduleFailure = {
      jobId: job.id,
      collection: input.doc.relationTo,
      docId: idOf(input.doc.value) as number | string,
      type: isScheduleType(input.type) ? input.type : 'publish',
      at: job.waitUntil ? new Date(job.waitUntil).toISOString() : undefined,
      scheduledById: idOf(input.user?.value) as number | string | undefined,
      error: messageOf(errors.get(job)),
    }
    errors.delete(job)
    for (const listener of [...registry.listeners]) {
      try {
        await listener({ failure, req })
      } catch (err) {
        req.payload.logger.error({
          err,
          msg: `a listener of failed schedules failed for job ${String(job.id)}: ${messageOf(err)}`,
        })
      }
    }
  }
}

/**
 * Calls `listener` whenever a scheduled publish or unpublish (Payload job `schedulePublish`)
 * fails for good, i.e. when Payload marks its job `hasError`. Call it once the Payload is
 * initialised (a plugin's `onInit`); the first call attaches the detection. Returns a function
 * that removes the listener.
 */
export const onScheduleFailed = ({
  payload,
  listener,
}: {
  payload: Payload
  listener: ScheduleFailedListener
}): (() => void) => {
  let registry = registries.get(payload)
  if (!registry) {
    registry = { listeners: [] }
    registries.set(payload, registry)
    attach({ payload, registry })
  }
  const current = registry
  current.listeners.push(listener)
  return () => {
    current.listeners = current.listeners.filter((other) => other !== listener)
  }
}
