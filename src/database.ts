import fs from 'node:fs'
import path from 'node:path'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { postgresAdapter } from '@payloadcms/db-postgres'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { Config, Migration, Payload, Plugin } from 'payload'

import type { DatabaseChoice } from '../lib/database.ts'
import { migrations as postgresMigrations } from './migrations/postgres/index.ts'
import { migrations as sqliteMigrations } from './migrations/sqlite/index.ts'
import { chainOnInit } from './plugins/onInit.ts'
import { pgWithNewsroomPool } from './workarounds/postgres.ts'

/** MongoDB gives up after this long instead of hanging for 30 s when no server answers. */
const MONGO_TIMEOUT_MS = 10_000

/** Where each SQL dialect keeps its committed migrations (they are dialect specific). */
export const migrationDirOf = (projectRoot: string, dialect: 'sqlite' | 'postgres'): string =>
  path.join(projectRoot, 'src', 'migrations', dialect)

/** The adapter for the database `DATABASE_URI` chose (lib/database.ts). */
export const databaseAdapter = ({
  database,
  projectRoot,
}: {
  database: DatabaseChoice
  projectRoot: string
}) => {
  if (database.kind === 'mongodb') {
    return mongooseAdapter({
      url: database.url,
      connectOptions: {
        serverSelectionTimeoutMS: MONGO_TIMEOUT_MS,
        connectTimeoutMS: MONGO_TIMEOUT_MS,
      },
    })
  }
  if (database.kind === 'postgres') {
    return postgresAdapter({
      pool: {
        connectionString: database.url,
        max: database.poolMax,
        // A request waits this long for a pooled connection (or a new one) before a 503.
        connectionTimeoutMillis: database.connectTimeoutMs,
        // The server cancels a statement that runs longer (waiting for a lock included).
        statement_timeout: database.statementTimeoutMs,
        // A transaction left open by a crashed request cannot hold its locks for ever.
        idle_in_transaction_session_timeout: Math.max(60_000, database.statementTimeoutMs * 2),
        application_name: 'newsroom-cms',
      },
      ...(database.readReplicas.length > 0 ? { readReplicas: database.readReplicas } : {}),
      // node-postgres with the pool fixes of the defect register ("postgres-pool-errors").
      pg: pgWithNewsroomPool,
      // Schema changes only through committed migrations: never an interactive push prompt.
      push: false,
      migrationDir: migrationDirOf(projectRoot, 'postgres'),
      prodMigrations: postgresMigrations,
    })
  }
  fs.mkdirSync(path.dirname(database.filePath), { recursive: true })
  return sqliteAdapter({
    client: { url: database.url },
    // Schema changes only through committed migrations: never an interactive push prompt.
    push: false,
    wal: true,
    busyTimeout: 5000,
    // Off by default in db-sqlite: without it a document's row, its version and its
    // relationships are separate writes, and a crash between them leaves half a document.
    transactionOptions: { behavior: 'immediate' },
    migrationDir: migrationDirOf(projectRoot, 'sqlite'),
    prodMigrations: sqliteMigrations,
  })
}

/** The committed migrations of this Payload's adapter, or none (MongoDB needs none). */
const migrationsOf = (payload: Payload): Migration[] | undefined => {
  // The generated lists are typed for their adapter; the base adapter type is looser.
  if (payload.db.name === 'sqlite') return sqliteMigrations as unknown as Migration[]
  if (payload.db.name === 'postgres') return postgresMigrations as unknown as Migration[]
  return undefined
}

/** Applies committed migrations outside production too (production does it on connect). */
const migrateOutsideProduction = async (payload: Payload): Promise<void> => {
  const migrations = migrationsOf(payload)
  if (migrations && process.env.NODE_ENV !== 'production') {
    await payload.db.migrate({ migrations })
  }
}

/**
 * Brings the schema up to date when Payload starts, before anything reads or writes: before the
 * start-up work of the plugins listed earlier (the response cache starts watching the journal
 * of content changes, a table migrations make).
 */
export const migrateOnStart =
  (): Plugin =>
  (config: Config): Config => ({
    ...config,
    onInit: chainOnInit({ config, task: migrateOutsideProduction, when: 'before' }),
  })
