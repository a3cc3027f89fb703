import type { Payload } from 'payload'
import { sql } from '@payloadcms/db-sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { MAX_NAME_LENGTH } from '../../collections/Users.ts'
import { migrations as postgresMigrations } from '../../src/migrations/postgres/index.ts'
import { migrations as sqliteMigrations } from '../../src/migrations/sqlite/index.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'

/** People appear by name in the admin: every account has one (collections/Users.ts). */

let cms: TestCms
let adminToken: string
let counter = 0

beforeAll(async () => {
  // No job runner: its transactions every 10 s would hold SQLite's writer while the migration
  // test below runs statements outside any transaction (SQLITE_BUSY).
  cms = await startTestCms({ env: { JOBS_ENABLED: 'false', SEARCH_REINDEX_ON_START: 'false' } })
  adminToken = (await cms.userWithRole('admin')).token
})
afterAll(async () => {
  await cms?.close()
})

const createUser = (data: Record<string, unknown>) =>
  cms.rest({
    method: 'POST',
    path: '/api/users',
    token: adminToken,
    body: { email: `person-${++counter}@example.test`, password: 'a-long-password-1', ...data },
  })

type FieldErrors = { errors: { data?: { errors?: { path: string; message: string }[] } }[] }
const fieldErrors = (body: unknown) => (body as FieldErrors).errors[0]?.data?.errors ?? []

describe('a user’s name', () => {
  it.each([[undefined], [''], ['   ']])(
    'should refuse a new user whose name is %j, naming the field',
    async (name) => {
      const { status, body } = await createUser({ name })
      expect(status).toBe(400)
      expect(fieldErrors(body)).toEqual([
        {
          label: 'Name',
          path: 'name',
          message:
            'Enter the person’s name: it is how they appear in the admin (owner, lists, history).',
        },
      ])
    },
  )

  it('should refuse a name longer than the limit, saying the limit', async () => {
    const { status, body } = await createUser({ name: 'x'.repeat(MAX_NAME_LENGTH + 1) })
    expect(status).toBe(400)
    expect(fieldErrors(body)[0]).toMatchObject({
      path: 'name',
      message: expect.stringContaining(`at most ${MAX_NAME_LENGTH} characters`) as unknown,
    })
  })

  it('should keep a name without the spaces around it', async () => {
    const { status, body } = await createUser({ name: '  Ada Lovelace ' })
    expect(status).toBe(201)
    expect((body as { doc: { name: string } }).doc.name).toBe('Ada Lovelace')
  })
})

/**
 * Runs the migration that made names required, as on a database made before it. On SQLite the
 * later migrations are undone first and redone after: it rebuilds the users table with the
 * columns it knew, so a column a later migration added to users would be lost otherwise.
 */
const migrateNamelessAccount = async (payload: Payload, email: string) => {
  const args = { db: (payload.db as unknown as { drizzle: never }).drizzle, payload, req: {} }
  const migrations = payload.db.name === 'postgres' ? postgresMigrations : sqliteMigrations
  const at = migrations.findIndex((migration) => migration.name.endsWith('_users_name_required'))
  // PostgreSQL alters the column in place: the later migrations can stay.
  const later = payload.db.name === 'postgres' ? [] : migrations.slice(at + 1)
  for (const migration of [...later].reverse()) await migration.down(args as never)
  await migrations[at].down(args as never)
  const run = (statement: ReturnType<typeof sql>) =>
    payload.db.name === 'postgres'
      ? (args.db as { execute: (q: unknown) => Promise<unknown> }).execute(statement)
      : (args.db as { run: (q: unknown) => Promise<unknown> }).run(statement)
  await run(sql`UPDATE users SET name = NULL WHERE email = ${email}`)
  await migrations[at].up(args as never)
  for (const migration of later) await migration.up(args as never)
}

describe.skipIf(process.env.TEST_DATABASE === 'mongodb')(
  'the migration making names required',
  () => {
    it('should name an account that had no name from its email', async () => {
      const email = 'grace.hopper@example.test'
      await createUser({ email, name: 'To be removed' })
      await migrateNamelessAccount(cms.payload, email)
      const { docs } = await cms.payload.find({
        collection: 'users',
        where: { email: { equals: email } },
        overrideAccess: true,
      })
      expect(docs.map((user) => user.name)).toEqual(['Grace Hopper'])
    })
  },
)
