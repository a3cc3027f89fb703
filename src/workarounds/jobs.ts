import { and, eq, isNull, lt, ne, or } from '@payloadcms/db-sqlite/drizzle'
import type { BaseDatabaseAdapter, Payload } from 'payload'

/**
 * Payload 3.90.2 claims queued jobs without an atomic condition: `runJobs` asks
 * `db.updateJobs({ where: processing = false…, data: { processing: true } })`, and the Drizzle
 * adapters read the matching rows, then update each by id with no condition (the MongoDB adapter
 * rewrites the claim to `_id $in` and drops `processing: false`). Two instances polling the queue
 * at once both claim, and both run, the same jobs: a scheduled publish was published and audited
 * twice. Here a claim takes each candidate with a conditional update that only succeeds while
 * the job is still unclaimed, and hands Payload exactly the jobs this instance won.
 *
 * A job whose worker died stays `processing` for ever in Payload 3.90.2; before each claim, a
 * job claimed longer ago than `staleSeconds` without any progress is released to run again,
 * once. If it goes stale a second time it is marked failed instead (a job that kills its worker
 * must not do so for ever).
 */

const JOBS = 'payload-jobs'

type Id = number | string
type UpdateJobsArgs = Parameters<BaseDatabaseAdapter['updateJobs']>[0]
type JobRequest = { transactionID?: Id | Promise<Id> }

/** The error a released job carries: it says why it ran again, and that it was released once. */
export type StaleRelease = { message: string; releasedAfterWorkerStopped: true }

const isRelease = (error: unknown): error is StaleRelease =>
  typeof error === 'object' &&
  error !== null &&
  (error as Partial<StaleRelease>).releasedAfterWorkerStopped === true

/** The conditional writes, per kind of adapter. */
type Claims = {
  /**
   * Sets processing on `id` if it is still unclaimed and not completed (and, for a job found by
   * the queue's query, not failed meanwhile); true when this call did. Another instance may have
   * claimed, run and completed the job since it was found: a bare `processing = false` would
   * take it again.
   */
  claim: (id: Id, req: JobRequest, options: { isFailedAllowed: boolean }) => Promise<boolean>
  /** Writes `data` on `id` if it is still the stale claim it was (processing, not touched since). */
  release: (
    id: Id,
    claimedBefore: Date,
    data: Record<string, unknown>,
    req: JobRequest,
  ) => Promise<boolean>
}

type DrizzleTable = Record<string, unknown>
type DrizzleDb = {
  update: (table: DrizzleTable) => {
    set: (values: Record<string, unknown>) => {
      where: (condition: unknown) => { returning: (fields: object) => Promise<{ id: Id }[]> }
    }
  }
}
type DrizzleAdapter = {
  drizzle: DrizzleDb
  sessions?: Record<string, { db: DrizzleDb } | undefined>
  tables: Record<string, DrizzleTable>
}

const drizzleClaims = (db: DrizzleAdapter): Claims => {
  const table = () => db.tables.payload_jobs
  const column = (name: string) => table()[name] as never
  const handle = async (req?: JobRequest): Promise<DrizzleDb> => {
    const id = req?.transactionID === undefined ? undefined : await req.transactionID
    return (id === undefined ? undefined : db.sessions?.[String(id)]?.db) ?? db.drizzle
  }
  return {
    claim: async (id, req, { isFailedAllowed }) => {
      const rows = await (
        await handle(req)
      )
        .update(table())
        .set({ processing: true })
        .where(
          and(
            eq(column('id'), id),
            eq(column('processing'), false),
            isNull(column('completedAt')),
            isFailedAllowed
              ? undefined
              : or(isNull(column('hasError')), ne(column('hasError'), true)),
          ),
        )
        .returning({ id: column('id') })
      return rows.length === 1
    },
    release: async (id, claimedBefore, data, req) => {
      const rows = await (
        await handle(req)
      )
        .update(table())
        .set(data)
        .where(
          and(
            eq(column('id'), id),
            eq(column('processing'), true),
            lt(column('updatedAt'), claimedBefore.toISOString()),
          ),
        )
        .returning({ id: column('id') })
      return rows.length === 1
    },
  }
}

type MongoModel = {
  findOneAndUpdate: (
    filter: object,
    update: object,
    options: object,
  ) => Promise<{ _id?: unknown } | null>
}

const mongoClaims = (db: { collections: Record<string, MongoModel> }): Claims => ({
  claim: async (id, _req, { isFailedAllowed }) =>
    (await db.collections[JOBS].findOneAndUpdate(
      {
        _id: id,
        processing: false,
        completedAt: null,
        ...(isFailedAllowed ? {} : { hasError: { $ne: true } }),
      },
      { $set: { processing: true } },
      { new: true },
    )) !== null,
  release: async (id, claimedBefore, data) =>
    (await db.collections[JOBS].findOneAndUpdate(
      { _id: id, processing: true, updatedAt: { $lt: claimedBefore } },
      { $set: data },
      { new: true },
    )) !== null,
})

const claimsFor = (db: BaseDatabaseAdapter): Claims =>
  db.name === 'mongoose'
    ? mongoClaims(db as unknown as { collections: Record<string, MongoModel> })
    : drizzleClaims(db as unknown as DrizzleAdapter)

/** Releases, once, the jobs whose worker stopped; fails those released before. */
export const releaseStaleJobs = async ({
  db,
  claims,
  staleSeconds,
  log,
  req,
}: {
  db: BaseDatabaseAdapter
  claims: Claims
  staleSeconds: number
  log: (message: string) => void
  /** The claim's own transaction (on SQLite it holds the one writer slot). */
  req: JobRequest
}): Promise<void> => {
  const claimedBefore = new Date(Date.now() - staleSeconds * 1000)
  const stale = await db.find({
    collection: JOBS,
    where: {
      and: [
        { processing: { equals: true } },
        { updatedAt: { less_than: claimedBefore.toISOString() } },
      ],
    },
    limit: 100,
    pagination: false,
    req: req,
  })
  for (const job of stale.docs as { id: Id; error?: unknown; taskSlug?: string }[]) {
    const now = new Date().toISOString()
    if (isRelease(job.error)) {
      const failed = await claims.release(
        job.id,
        claimedBefore,
        {
          processing: false,
          hasError: true,
          updatedAt: now,
          error: {
            message: `the worker running this job stopped twice (no progress for ${staleSeconds} s): not run again`,
          },
        },
        req,
      )
      if (failed) log(`job ${job.id} (${job.taskSlug}) stopped its worker twice: marked failed`)
      continue
    }
    const released = await claims.release(
      job.id,
      claimedBefore,
      {
        processing: false,
        updatedAt: now,
        error: {
          message: `the worker running this job stopped (no progress for ${staleSeconds} s): run again`,
          releasedAfterWorkerStopped: true,
        } satisfies StaleRelease,
      },
      req,
    )
    if (released)
      log(`job ${job.id} (${job.taskSlug}) was left running by a stopped worker: run again`)
  }
}

/**
 * Wraps `db.updateJobs` so a claim (`data.processing === true`) is atomic, and sweeps stale
 * claims before each claim of a batch. Every other job update goes through unchanged.
 */
export const claimJobsAtomically = (
  payload: Payload,
  { staleSeconds }: { staleSeconds: number },
): void => {
  const db = payload.db as unknown as BaseDatabaseAdapter
  const updateJobs = db.updateJobs.bind(db)
  const claims = claimsFor(db)
  const log = (message: string) => payload.logger.warn(message)

  db.updateJobs = async (args: UpdateJobsArgs) => {
    if ((args.data as { processing?: unknown } | undefined)?.processing !== true) {
      return updateJobs(args)
    }
    const req = (args.req ?? {}) as JobRequest
    let candidates: Id[]
    // A job run by id (an admin's "run now") may be one that failed; the queue's never is.
    const isById = args.id !== undefined && args.id !== null
    if (isById) {
      candidates = [args.id]
    } else {
      await releaseStaleJobs({ db, claims, staleSeconds, log, req })
      const found = await db.find({
        collection: JOBS,
        where: args.where,
        sort: args.sort,
        limit: args.limit,
        pagination: false,
        req: req,
      })
      candidates = (found.docs as { id: Id }[]).map((doc) => doc.id)
    }
    const won: Id[] = []
    for (const id of candidates) {
      if (await claims.claim(id, req, { isFailedAllowed: isById })) won.push(id)
    }
    if (won.length === 0) return []
    // Payload's own update of the jobs won (updatedAt, and the documents it returns).
    return updateJobs({
      data: args.data,
      req: args.req,
      returning: args.returning,
      sort: args.sort,
      where: { id: { in: won } },
    })
  }
}
