/**
 * Each queued job runs once, however many workers poll the queue (the defect register's
 * "job-claims-not-atomic"): three workers at once on 40 scheduled publishes, the run-by-id
 * path, and jobs whose worker died (released once after JOBS_STALE_SECONDS, then failed).
 * On PostgreSQL the three workers are truly concurrent (one pooled connection each).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestCms, type TestCms } from '../helpers/payload.ts'

let cms: TestCms
let adminId: number | string

beforeAll(async () => {
  process.env.JOBS_STALE_SECONDS = '30'
  cms = await startTestCms()
  adminId = (await cms.userWithRole('admin')).id
})
afterAll(async () => {
  await cms?.close()
})

/** A draft post with a publish queued for a moment ago; the job's id and the post's. */
const scheduledPost = async (title: string) => {
  const post = await cms.payload.create({
    collection: 'posts',
    data: { title, _status: 'draft' },
    draft: true,
    overrideAccess: true,
  })
  const job = await cms.payload.jobs.queue({
    task: 'schedulePublish',
    input: {
      doc: { relationTo: 'posts', value: post.id },
      type: 'publish',
      user: { relationTo: 'users', value: adminId as number },
    },
    waitUntil: new Date(Date.now() - 1000),
  })
  return { postId: post.id, jobId: job.id }
}

/** How many times the post was published, by the audit trail. */
const publishCount = async (postId: number | string) =>
  (
    await cms.payload.find({
      collection: 'workflow-events',
      where: {
        and: [{ documentKey: { equals: `posts:${postId}` } }, { action: { equals: 'publish' } }],
      },
      limit: 0,
      overrideAccess: true,
    })
  ).totalDocs

/** Jobs not run to completion (a completed job is deleted, or about to be). */
const jobsLeft = async () =>
  (
    await cms.payload.find({
      collection: 'payload-jobs',
      where: {
        and: [
          { taskSlug: { equals: 'schedulePublish' } },
          { or: [{ completedAt: { exists: false } }, { hasError: { equals: true } }] },
        ],
      },
      limit: 0,
      overrideAccess: true,
    })
  ).docs

/** Marks a job as claimed by a worker `secondsAgo` ago that never came back. */
const abandon = async (jobId: number | string, extra: Record<string, unknown> = {}) => {
  await cms.payload.db.updateOne({
    collection: 'payload-jobs',
    id: jobId,
    data: {
      processing: true,
      updatedAt: new Date(Date.now() - 120_000).toISOString(),
      ...extra,
    },
    req: {},
  })
}

describe('claiming queued jobs', () => {
  it('should run each of 40 jobs exactly once with 3 workers polling at once', async () => {
    const scheduled = []
    for (let n = 0; n < 40; n += 1) scheduled.push(await scheduledPost(`Race ${n}`))
    const worker = async () => {
      for (let round = 0; round < 40; round += 1) {
        const result = await cms.payload.jobs.run({ limit: 5, queue: 'default' })
        if (result.noJobsRemaining) return
      }
    }
    await Promise.all([worker(), worker(), worker()])
    for (const { postId } of scheduled) expect(await publishCount(postId)).toBe(1)
    expect(await jobsLeft()).toEqual([])
    // And every completed job was deleted (Payload's default), while other workers were writing.
    const kept = await cms.payload.count({
      collection: 'payload-jobs',
      where: { taskSlug: { equals: 'schedulePublish' } },
      overrideAccess: true,
    })
    expect(kept.totalDocs).toBe(0)
  }, 120_000)

  it('should run a job asked for by id once, however many ask at once', async () => {
    const { postId, jobId } = await scheduledPost('By id')
    await Promise.all([1, 2, 3].map(() => cms.payload.jobs.runByID({ id: jobId })))
    expect(await publishCount(postId)).toBe(1)
  })
})

describe('a job that ended between being found and being claimed', () => {
  /** Claims as runJobs does after its query found `jobId` (the query's `where` no longer holds). */
  const claimFound = (jobId: number | string) =>
    cms.payload.db.updateJobs({
      where: { id: { equals: jobId } },
      data: { processing: true },
      req: {},
    })
  /** Removes the job, which the other tests' count of jobs left must not see. */
  const forget = (jobId: number | string) =>
    cms.payload.delete({ collection: 'payload-jobs', id: jobId, overrideAccess: true })
  const processing = async (jobId: number | string) =>
    (await cms.payload.findByID({ collection: 'payload-jobs', id: jobId, overrideAccess: true }))
      .processing

  it('should not be taken again once another worker completed it', async () => {
    const { postId, jobId } = await scheduledPost('Completed meanwhile')
    await cms.payload.db.updateOne({
      collection: 'payload-jobs',
      id: jobId,
      data: { completedAt: new Date().toISOString(), processing: false },
      req: {},
    })
    expect(await claimFound(jobId)).toEqual([])
    expect(await processing(jobId)).toBe(false)
    // Nor by id: a completed job is not run again.
    await cms.payload.jobs.runByID({ id: jobId })
    expect(await publishCount(postId)).toBe(0)
    await forget(jobId)
  })

  it('should not be taken by the queue once it failed, but still be run by id', async () => {
    const { jobId } = await scheduledPost('Failed meanwhile')
    await cms.payload.db.updateOne({
      collection: 'payload-jobs',
      id: jobId,
      data: { hasError: true, processing: false },
      req: {},
    })
    expect(await claimFound(jobId)).toEqual([])
    expect(await processing(jobId)).toBe(false)
    const byId = await cms.payload.db.updateJobs({
      id: jobId,
      data: { processing: true },
      req: {},
    })
    expect(byId?.map((job) => job.id)).toEqual([jobId])
    await forget(jobId)
  })
})

describe('a job whose worker died', () => {
  it('should be run again, once, after JOBS_STALE_SECONDS', async () => {
    const { postId, jobId } = await scheduledPost('Left running')
    await abandon(jobId)
    // Not before its time: a worker claimed it 120 s ago, the limit is 30 s.
    await cms.payload.jobs.run({ limit: 5, queue: 'default' })
    expect(await publishCount(postId)).toBe(1)
    expect(await jobsLeft()).toEqual([])
  })

  it('should not be run again while its claim is recent', async () => {
    const { postId, jobId } = await scheduledPost('Still running')
    await cms.payload.db.updateOne({
      collection: 'payload-jobs',
      id: jobId,
      data: { processing: true, updatedAt: new Date().toISOString() },
      req: {},
    })
    await cms.payload.jobs.run({ limit: 5, queue: 'default' })
    expect(await publishCount(postId)).toBe(0)
    // Tidy: let it run.
    await cms.payload.db.updateOne({
      collection: 'payload-jobs',
      id: jobId,
      data: { processing: false },
      req: {},
    })
    await cms.payload.jobs.run({ limit: 5, queue: 'default' })
    expect(await publishCount(postId)).toBe(1)
  })

  it('should be marked failed, not run, when its worker died a second time', async () => {
    const { postId, jobId } = await scheduledPost('Kills its worker')
    await abandon(jobId, {
      error: { message: 'released before', releasedAfterWorkerStopped: true },
    })
    await cms.payload.jobs.run({ limit: 5, queue: 'default' })
    expect(await publishCount(postId)).toBe(0)
    const job = await cms.payload.findByID({
      collection: 'payload-jobs',
      id: jobId,
      overrideAccess: true,
    })
    expect(job).toMatchObject({ processing: false, hasError: true })
    expect(JSON.stringify(job.error)).toMatch(/stopped twice/)
  })
})

describe('JOBS_ENABLED=false', () => {
  it('should leave the queue to the other instances', async () => {
    const { newsroomConfig } = await import('../../src/payload.config.ts')
    const { loadEnv } = await import('../../src/env.ts')
    const projectRoot = process.cwd()
    const env = (value: string) =>
      loadEnv({ env: { ...process.env, JOBS_ENABLED: value }, projectRoot })
    const off = await newsroomConfig({ env: env('false'), projectRoot })
    const on = await newsroomConfig({ env: env('true'), projectRoot })
    expect(off.jobs.autoRun).toEqual([])
    // The default queue (scheduled publishing, emails) and the webhook deliveries' own.
    expect((on.jobs.autoRun as { queue: string }[]).map((entry) => entry.queue)).toEqual([
      'default',
      'webhooks',
    ])
  })
})
