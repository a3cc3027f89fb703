import fs from 'node:fs'
import path from 'node:path'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { Config, Migration, Payload, Plugin } from 'payload'

import type { DatabaseChoice } from '../lib/database.ts'
import { migrations } from './migrations/index.ts'
import { chainOnInit } from './plugins/onInit.ts'

/** MongoDB gives up after this long instead of hanging for 30 s when no server answers. */
const MONGO_TIMEOUT_MS = 10_000

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
    migrationDir: path.join(projectRoot, 'src', 'migrations'),
    prodMigrations: migrations,
  })
}

/** Applies committed migrations outside production too (production does it on connect). */
const migrateOutsideProduction = async (payload: Payload): Promise<void> => {
  if (payload.db.name === 'sqlite' && process.env.NODE_ENV !== 'production') {
    // The generated list is typed for the SQLite adapter; the base adapter type is looser.
    await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
  }
}

/** Brings the schema up to date when Payload starts, before anything reads or writes. */
export const migrateOnStart =
  (): Plugin =>
  (config: Config): Config => ({
    ...config,
    onInit: chainOnInit({ config, task: migrateOutsideProduction }),
  })
