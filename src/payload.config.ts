import fs from 'node:fs'
import path from 'node:path'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter, type SQLiteAdapter } from '@payloadcms/db-sqlite'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig, type Migration, type Payload } from 'payload'
import sharp from 'sharp'

import { collections } from '../collections/index.ts'
import { isAdminUser } from '../collections/access/index.ts'
import { validateQueriesEverywhere } from '../collections/hooks/validateQuery.ts'
import {
  staffOnlyDocAccessQueries,
  staffOnlyDocAccessRoutes,
} from '../collections/hooks/staffOnlyDocAccess.ts'
import { guardScheduling, jobsCollectionOverrides } from '../collections/workflow/scheduling.ts'
import { seedEmptyDatabase } from '../seed/onStart.ts'
import { MAX_UPLOAD_BYTES } from '../collections/Media.ts'
import { slugs } from '../collections/slugs.ts'
import { equalizeFailedLogins, FAILED_LOGIN_MESSAGE } from '../collections/hooks/loginTiming.ts'
import { openApiEndpoint } from './endpoints/openapi.ts'
import { previewEndpoint } from './endpoints/preview.ts'
import { searchEndpoint, searchGraphQLQuery } from './endpoints/search.ts'
import { type DatabaseChoice } from './lib/database.ts'
import {
  brokenJsonIsBadRequest,
  databaseUnavailable,
  fileRetrievalIsBadRequest,
} from './lib/clientErrors.ts'
import { emailAdapter } from './lib/email.ts'
import { graphqlClientErrorsAtInfo } from './lib/logging.ts'
import { loadEnv } from './lib/env.ts'
import { onShutdown } from './lib/lifecycle.ts'
import { invalidateResponses, invalidateResponsesOnCommit } from './lib/responseCacheHooks.ts'
import {
  endFailedJobTransactions,
  retireConnectionsAfterBusyStatements,
  serializeWriteTransactions,
  surfaceCommitErrors,
} from './lib/sqliteWriteLock.ts'
import { migrations } from './migrations/index.ts'

// The server and every CLI run from the project root (src/server.ts makes sure of it).
const projectRoot = process.cwd()
const env = loadEnv({ env: process.env, projectRoot })
const allowedOrigins = [env.serverUrl, ...env.extraOrigins]

/** MongoDB gives up after this long instead of hanging for 30 s when no server answers. */
const MONGO_TIMEOUT_MS = 10_000

const databaseAdapter = (database: DatabaseChoice) => {
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

export default buildConfig({
  secret: env.secret,
  serverURL: env.serverUrl,
  cors: allowedOrigins,
  csrf: allowedOrigins,
  telemetry: false,
  debug: false,
  logger: {
    options: {
      level: process.env.LOG_LEVEL?.trim() || 'info',
      hooks: { logMethod: graphqlClientErrorsAtInfo },
    },
    // Command-line tools keep stdout for their own output (e.g. `npm run seed -- --json`).
    ...(process.env.LOG_TO_STDERR === 'true'
      ? { destination: { write: (line: string) => process.stderr.write(line) } }
      : {}),
  },
  // Client mistakes are not server errors: keep them out of the error log.
  loggingLevels: {
    AuthenticationError: 'info',
    LockedAuth: 'warn',
    QueryError: 'info',
    // Our own error names are not in Payload's list of names, hence the spread.
    ...({ TooManyAttemptsError: 'warn' } as Record<string, 'warn'>),
    UnverifiedEmail: 'info',
  },
  // A failed login never tells whether the account exists or is locked (see loginTiming.ts).
  hooks: {
    afterError: [
      equalizeFailedLogins,
      brokenJsonIsBadRequest,
      fileRetrievalIsBadRequest,
      databaseUnavailable,
    ],
  },
  i18n: {
    translations: {
      en: {
        error: { emailOrPasswordIncorrect: FAILED_LOGIN_MESSAGE, userLocked: FAILED_LOGIN_MESSAGE },
      },
    },
  },
  defaultDepth: 1,
  maxDepth: 5,
  admin: {
    user: slugs.users,
    // The default Gravatar needs the internet.
    avatar: 'default',
    meta: { titleSuffix: ' · Newsroom CMS' },
    components: { beforeDashboard: ['/components/ReviewQueue.tsx#ReviewQueue'] },
    importMap: { baseDir: path.join(projectRoot, 'src') },
  },
  // Every write marks the anonymous response cache out of date (see src/lib/responseCache.ts).
  collections: collections.map((collection) => ({
    ...collection,
    hooks: {
      ...collection.hooks,
      afterChange: [...(collection.hooks?.afterChange ?? []), invalidateResponses],
      afterDelete: [...(collection.hooks?.afterDelete ?? []), invalidateResponses],
    },
  })),
  endpoints: [searchEndpoint, openApiEndpoint, previewEndpoint],
  editor: lexicalEditor(),
  db: databaseAdapter(env.database),
  sharp,
  email: emailAdapter({ ...env.email, isProduction: env.isProduction }),
  upload: { limits: { fileSize: MAX_UPLOAD_BYTES } },
  graphQL: {
    disablePlaygroundInProduction: true,
    maxComplexity: 1000,
    queries: searchGraphQLQuery,
    validationRules: staffOnlyDocAccessQueries,
  },
  jobs: {
    // Scheduled publishing runs inside the long-running server: no external cron needed.
    // Every 10 s, so a scheduled post goes out well within a minute of its time.
    autoRun: [{ cron: '*/10 * * * * *', queue: 'default', limit: 20 }],
    jobsCollectionOverrides,
    // The server runs the queue itself (autoRun, with full access); over HTTP only admins may
    // make it run now (Payload's default lets any signed-in user).
    access: { run: ({ req }) => isAdminUser(req.user) },
  },
  typescript: { outputFile: path.join(projectRoot, 'src', 'payload-types.ts') },
  onInit: async (payload) => {
    onShutdown(() => payload.destroy())
    guardScheduling(payload)
    validateQueriesEverywhere(payload)
    staffOnlyDocAccessRoutes(payload)
    if (payload.db.name === 'sqlite') {
      surfaceCommitErrors(payload.db)
      retireConnectionsAfterBusyStatements((payload.db as unknown as SQLiteAdapter).client)
      serializeWriteTransactions(payload.db, {
        waitMs: env.databaseBusySeconds * 1000,
        onLongTransaction: ({ seconds, begunAt }) =>
          payload.logger.error(
            `a database transaction has held the write lock for ${seconds} s: writes are ` +
              `refused until it ends. It began at:\n${begunAt}`,
          ),
      })
      endFailedJobTransactions(payload.db)
    }
    invalidateResponsesOnCommit(payload.db)
    await migrateOutsideProduction(payload)
    if (env.seedOnStart) {
      // A failed first-start import must not stop the CMS from serving: log it and go on.
      await seedEmptyDatabase({ payload }).catch((err: unknown) =>
        payload.logger.error({ err, msg: 'seed on start failed' }),
      )
    }
  },
})
