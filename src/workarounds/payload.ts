import { AsyncLocalStorage } from 'node:async_hooks'

import type { BaseDatabaseAdapter, CollectionBeforeOperationHook, Payload } from 'payload'

import { validateQuery } from '../../collections/hooks/validateQuery.ts'
import { staffOnlyDocAccess } from '../../collections/hooks/staffOnlyDocAccess.ts'
import {
  onlyPublishersCancel,
  queueWithScheduleRules,
  recordCancelledSchedule,
} from '../../collections/workflow/scheduling.ts'
import { slugs } from '../../collections/slugs.ts'
import { unavailableReason } from '../../lib/databaseErrors.ts'

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
 * queues `schedulePublish` jobs for anyone who can open the admin, and deletes them (cancels a
 * schedule) the same way; the jobs collection's hooks cannot be used for queueing (with
 * `jobs.runHooks` Payload 3.90 fails to record a failed task). Deleting does run the collection's
 * hooks, so the cancel rule and its audit entry are added to the sanitized collection here:
 * given in `jobsCollectionOverrides`, Payload would warn at every start that they never run.
 */
export const guardJobQueue = (payload: Payload): void => {
  const jobs = payload.collections[slugs.jobs]?.config
  if (jobs) {
    const beforeDelete = (jobs.hooks.beforeDelete ??= [])
    if (!beforeDelete.includes(onlyPublishersCancel)) beforeDelete.push(onlyPublishersCancel)
    const afterDelete = (jobs.hooks.afterDelete ??= [])
    if (!afterDelete.includes(recordCancelledSchedule)) afterDelete.push(recordCancelledSchedule)
  }
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

/** Where a request keeps the database error that kept its sign-in from being checked. */
const SIGN_IN_UNCHECKED = Symbol.for('newsroom.signInUnchecked')
type Marked = { [SIGN_IN_UNCHECKED]?: Error }

/**
 * "auth-database-errors-swallowed": payload 3.90.2's JWT strategy catches every error, the
 * database's included, and the request goes on as anonymous. While the database is away (a
 * restart, a failover) a signed-in editor's save is answered 403 "not allowed" and a staff read
 * silently gets what the public sees. Here a sign-in the database could not check makes the
 * request fail with that database error, which the API answers 503 with its reason
 * (src/plugins/errorAnswers.ts): every operation of every collection and global refuses it.
 * Payload hands the adapter a bare `{ transactionID }` for `req`, so the lookup's failure is
 * carried to the strategy in async context.
 */
export const surfaceAuthDatabaseErrors = (payload: Payload): void => {
  const signIn = new AsyncLocalStorage<{ error?: Error }>()
  const findOne = payload.db.findOne.bind(payload.db)
  payload.db.findOne = async (args) => {
    try {
      return await findOne(args)
    } catch (error) {
      const check = signIn.getStore()
      if (check && error instanceof Error && unavailableReason(error)) check.error = error
      throw error
    }
  }
  for (const strategy of payload.authStrategies) {
    if (strategy.name !== 'local-jwt') continue
    const authenticate = strategy.authenticate
    strategy.authenticate = async (args) => {
      const check: { error?: Error } = {}
      const result = await signIn.run(check, () => authenticate(args))
      if (!result.user && check.error && args.req) {
        ;(args.req as Marked)[SIGN_IN_UNCHECKED] = check.error
      }
      return result
    }
  }
  const refuseUnchecked = ({ req }: { req: unknown }) => {
    const error = (req as Marked)[SIGN_IN_UNCHECKED]
    if (error) throw error
  }
  for (const { config } of Object.values(payload.collections)) {
    ;(config.hooks.beforeOperation ??= []).unshift(refuseUnchecked as CollectionBeforeOperationHook)
  }
  for (const config of payload.globals.config) {
    ;(config.hooks.beforeOperation ??= []).unshift(refuseUnchecked as never)
  }
}
