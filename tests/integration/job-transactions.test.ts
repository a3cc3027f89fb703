import { sql } from '@payloadcms/db-sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestCms, type TestCms } from '../helpers/payload.ts'

// SQLite's one writer slot, or PostgreSQL's pooled connection and row lock: MongoDB has
// nothing to leave held.
const onSql = process.env.TEST_DATABASE !== 'mongodb'
const onPostgres = process.env.TEST_DATABASE === 'postgres'

let cms: TestCms

type RawSql = {
  drizzle: {
    run: (query: ReturnType<typeof sql>) => Promise<unknown>
    execute: (query: ReturnType<typeof sql>) => Promise<unknown>
  }
}

/** Makes every update of a job fail, as a full or read-only disk would. */
const failJobUpdates = async (on: boolean) => {
  const { drizzle } = cms.payload.db as unknown as RawSql
  if (onPostgres) {
    await drizzle.execute(
      on
        ? sql.raw(`CREATE FUNCTION jobs_fail() RETURNS trigger LANGUAGE plpgsql AS
              $$ BEGIN RAISE EXCEPTION 'simulated disk failure'; END $$;
            CREATE TRIGGER jobs_fail BEFORE UPDATE ON payload_jobs
              FOR EACH ROW EXECUTE FUNCTION jobs_fail();`)
        : sql.raw('DROP TRIGGER jobs_fail ON payload_jobs; DROP FUNCTION jobs_fail();'),
    )
    return
  }
  await drizzle.run(
    on
      ? sql`CREATE TRIGGER jobs_fail BEFORE UPDATE ON payload_jobs
            BEGIN SELECT RAISE(ABORT, 'simulated disk failure'); END`
      : sql`DROP TRIGGER jobs_fail`,
  )
}

beforeAll(async () => {
  if (!onSql) return
  // A held writer slot (or row lock) shows within 2 s instead of the default 30.
  process.env.DATABASE_BUSY_SECONDS = '2'
  // On PostgreSQL a transaction left open holds a pooled connection: with a pool of one, the
  // next write waits 2 s for it and fails.
  process.env.DATABASE_POOL_MAX = '1'
  process.env.DATABASE_CONNECT_TIMEOUT_SECONDS = '2'
  cms = await startTestCms()
})
afterAll(async () => {
  await cms?.close()
})

describe.skipIf(!onSql)('a job update that fails', () => {
  it('should not leave the database refusing every later write', async () => {
    const admin = await cms.userWithRole('admin')
    const post = await cms.payload.create({
      collection: 'posts',
      data: { title: 'Scheduled while the disk fails', _status: 'draft' },
      overrideAccess: true,
    })
    await cms.payload.jobs.queue({
      task: 'schedulePublish',
      input: {
        type: 'publish',
        doc: { relationTo: 'posts', value: post.id },
        user: { relationTo: 'users', value: admin.id as number },
      },
      waitUntil: new Date(),
    })

    await failJobUpdates(true)
    // Payload's runner opens a transaction around the update that claims the job: it fails.
    const run = await cms.payload.jobs.run().then(
      () => 'ran',
      (err: unknown) => (err as Error).message,
    )
    expect(run).toMatch(/payload_jobs/)
    await failJobUpdates(false)

    // Had that transaction stayed open, this would wait 2 s for the writer slot and fail (on
    // PostgreSQL, the job's claim below would wait for the row lock it holds).
    const after = await cms.payload.create({
      collection: 'posts',
      data: { title: 'Written after the failure', _status: 'draft' },
      overrideAccess: true,
    })
    expect(after.title).toBe('Written after the failure')

    // And the job, never claimed, still runs once the disk is back.
    await cms.payload.jobs.run()
    const published = await cms.payload.findByID({
      collection: 'posts',
      id: post.id,
      overrideAccess: true,
    })
    expect(published._status).toBe('published')
  })
})
