import type { BaseDatabaseAdapter, CollectionBeforeOperationHook, Payload } from 'payload'

import { validateQuery } from '../../collections/hooks/validateQuery.ts'
import { staffOnlyDocAccess } from '../../collections/hooks/staffOnlyDocAccess.ts'
import { queueWithScheduleRules } from '../../collections/workflow/scheduling.ts'

type TransactionId = number | string

/**
 * "no-commit-listener": tells `onEnd` when a transaction ends, committed or rolled back.
 * Payload 3.90.2 has no after-commit hook, and a change made inside a transaction is not
 * visible to other requests until it commits.
 */
export const listenForTransactionEnds = ({
  db,
  onEnd,
}: {
  db: Pick<BaseDatabaseAdapter, 'commitTransaction' | 'rollbackTransaction'>
  onEnd: (event: { id: TransactionId; isCommitted: boolean }) => void
}): void => {
  const commit = db.commitTransaction.bind(db)
  const rollback = db.rollbackTransaction.bind(db)
  db.commitTransaction = async (incoming) => {
    const id = await incoming
    try {
      await commit(id)
    } finally {
      onEnd({ id, isCommitted: true })
    }
  }
  db.rollbackTransaction = async (incoming) => {
    const id = await incoming
    onEnd({ id, isCommitted: false })
    await rollback(id)
  }
}

/**
 * "schedule-publish-unchecked": every queued job goes through the workflow's scheduling rules
 * (`queueWithScheduleRules`). @payloadcms/ui 3.90.2's schedulePublishHandler
 * queues `schedulePublish` jobs for anyone who can open the admin; the jobs collection's hooks
 * cannot be used instead (with `jobs.runHooks` Payload 3.90 fails to record a failed task).
 */
export const guardJobQueue = (payload: Payload): void => {
  const queue = payload.jobs.queue.bind(payload.jobs)
  payload.jobs.queue = ((args: Parameters<typeof queue>[0]) =>
    queueWithScheduleRules({
      payload,
      args,
      queue: () => queue(args),
    })) as typeof payload.jobs.queue
}

/**
 * "internal-collections-unchecked": Payload adds its own collections (preferences, locked
 * documents, migrations, jobs, key-value) after plugins have run, so the checks our plugins give
 * every collection never reach them: they answered `/api/payload-preferences/abc` or
 * `where[createdAt][greater_than]=x` with a 500, and their per-document permission route told
 * drafts from missing ids. Their HTTP callers get the same query check and guard here; their
 * Local API calls, made by Payload itself, are left as they are.
 */
export const checkInternalCollections = (payload: Payload): void => {
  const forHttpCallers: CollectionBeforeOperationHook = (hookArgs) =>
    hookArgs.req.payloadAPI === 'local' ? hookArgs.args : validateQuery(hookArgs)
  for (const { config } of Object.values(payload.collections)) {
    const hooks = (config.hooks.beforeOperation ??= [])
    if (hooks.includes(validateQuery)) continue
    hooks.unshift(forHttpCallers)
    if (Array.isArray(config.endpoints)) {
      config.endpoints.unshift(staffOnlyDocAccess)
    }
  }
}

/**
 * "routes-off-501": payload 3.90.2 answers "501 Cannot GET …" for a collection whose routes
 * are off (`endpoints: false`, payload-migrations). To a client that is a path that does not
 * exist: with an empty list Payload answers its own 404 "Route not found".
 */
export const routesOffAreNotFound = (payload: Payload): void => {
  for (const { config } of Object.values(payload.collections)) {
    if (config.endpoints === false) config.endpoints = []
  }
}
