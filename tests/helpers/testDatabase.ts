/**
 * The database a test runs on, chosen by the project (`TEST_DATABASE`): a fresh SQLite file, a
 * fresh database on the project's throwaway PostgreSQL, or one on the MongoDB of MONGODB_URI.
 */
import crypto from 'node:crypto'
import path from 'node:path'

import pg from 'pg'
import { inject } from 'vitest'

export type TestDatabaseKind = 'sqlite' | 'postgres' | 'mongodb'

export const testDatabaseKind = (): TestDatabaseKind => {
  const kind = process.env.TEST_DATABASE ?? 'sqlite'
  if (kind === 'sqlite' || kind === 'postgres' || kind === 'mongodb') return kind
  throw new Error(`TEST_DATABASE "${kind}" is not sqlite, postgres or mongodb`)
}

export type TestDatabase = {
  kind: TestDatabaseKind
  uri: string
  /** Removes what the test stored (the file is removed with its folder by the caller). */
  drop: () => Promise<void>
}

const maintenance = async (adminUri: string, sql: string) => {
  const client = new pg.Client({ connectionString: adminUri })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** A fresh, empty database of the project's kind; SQLite files go in `dir`. */
export const freshTestDatabase = async (dir: string): Promise<TestDatabase> => {
  const kind = testDatabaseKind()
  const name = `newsroom_test_${crypto.randomBytes(5).toString('hex')}`
  if (kind === 'postgres') {
    const adminUri = inject('postgresUri')
    await maintenance(adminUri, `CREATE DATABASE "${name}"`)
    const url = new URL(adminUri)
    url.pathname = `/${name}`
    return {
      kind,
      uri: url.toString(),
      drop: () => maintenance(adminUri, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    }
  }
  if (kind === 'mongodb') {
    const url = new URL(process.env.MONGODB_URI as string)
    url.pathname = `/${name}`
    return { kind, uri: url.toString(), drop: () => Promise.resolve() }
  }
  return { kind, uri: `file:${path.join(dir, 'test.db')}`, drop: () => Promise.resolve() }
}
