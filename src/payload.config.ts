import path from 'node:path'

// First: loaded after the editor, the adapters can leave the config unsettled (defect register,
// "config-import-order").
import { databaseAdapter, migrateOnStart } from './database.ts'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { collections } from '../collections/index.ts'
import { MAX_UPLOAD_BYTES } from '../collections/Media.ts'
import { slugs } from '../collections/slugs.ts'
import { DATE_TIME_FORMAT } from '../lib/dates.ts'
import { isAdminUser } from '../lib/roles.ts'
import { graphqlClientErrorsAtInfo } from '../lib/logging.ts'
import { emailAdapter } from './email.ts'
import { loadEnv, type AppEnv } from './env.ts'
import { onShutdown } from './lifecycle.ts'
import { accounts } from './plugins/accounts.ts'
import { apiValidation } from './plugins/apiValidation.ts'
import { contentApi } from './plugins/contentApi.ts'
import { contentEvents } from './plugins/contentEvents/index.ts'
import { digestBuilder } from './plugins/digestBuilder.ts'
import { expressApi } from './plugins/expressApi/index.ts'
import { editorialWorkflow } from './plugins/editorialWorkflow.ts'
import { graphqlSelectByDefault } from './plugins/graphqlSelect/index.ts'
import { notifications } from './plugins/notifications.ts'
import { objectStorage } from './plugins/objectStorage.ts'
import { previewLinks } from './plugins/previewLinks.ts'
import { readableRelations } from './plugins/readableRelations.ts'
import { redirects } from './plugins/redirects.ts'
import { responseCache } from './plugins/responseCache/index.ts'
import { search } from './plugins/search/index.ts'
import { seedOnStart } from './plugins/seedOnStart.ts'
import { versionHistory } from './plugins/versionHistory.ts'
import { skipPayloadVersionCheck } from './workarounds/dependencyCheck.ts'
import { defectWorkarounds } from './workarounds/index.ts'

const reviewed = [slugs.posts, slugs.digests]

/**
 * The CMS's config for an environment. The app has one (the default export, from the process's
 * environment); `npm run db:transfer` makes one per database it opens.
 */
export const newsroomConfig = ({ env, projectRoot }: { env: AppEnv; projectRoot: string }) => {
  skipPayloadVersionCheck()
  const allowedOrigins = [env.serverUrl, ...env.extraOrigins]
  return buildConfig({
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
    defaultDepth: 1,
    maxDepth: 5,
    admin: {
      user: slugs.users,
      // The default Gravatar needs the internet.
      avatar: 'default',
      meta: { titleSuffix: ' · Newsroom CMS' },
      // One date format everywhere in the admin (lib/dates.ts).
      dateFormat: DATE_TIME_FORMAT,
      importMap: { baseDir: path.join(projectRoot, 'src') },
      // The browser side of the defect register (src/workarounds/index.ts).
      components: { providers: ['/components/AdminBrowserFixes.tsx#AdminBrowserFixes'] },
    },
    collections,
    editor: lexicalEditor(),
    db: databaseAdapter({ database: env.database, projectRoot }),
    sharp,
    email: emailAdapter({ ...env.email, isProduction: env.isProduction }),
    upload: { limits: { fileSize: MAX_UPLOAD_BYTES } },
    graphQL: { disablePlaygroundInProduction: true, maxComplexity: 1000 },
    jobs: {
      // Scheduled publishing runs inside the long-running server, every 10 s: no external cron.
      // Every instance runs the queue (each job is claimed by one, see the defect register's
      // "job-claims-not-atomic"), unless started with JOBS_ENABLED=false.
      autoRun: env.jobsEnabled ? [{ cron: '*/10 * * * * *', queue: 'default', limit: 20 }] : [],
      // The server runs the queue itself; over HTTP only admins may make it run now (Payload's
      // default lets any signed-in user).
      access: { run: ({ req }) => isAdminUser(req.user) },
    },
    typescript: { outputFile: path.join(projectRoot, 'src', 'payload-types.ts') },
    onInit: (payload) => onShutdown(() => payload.destroy()),
    // Each cross-cutting concern, in the order it wraps the collections (see README: Architecture).
    plugins: [
      accounts(),
      editorialWorkflow({ collections: reviewed }),
      notifications(),
      versionHistory({ collections: reviewed }),
      previewLinks({ collections: reviewed, linkTemplate: env.previewUrl }),
      digestBuilder({ siteUrl: env.siteUrl }),
      redirects({
        collections: [slugs.posts, slugs.digests, slugs.authors, slugs.sources, slugs.topics],
      }),
      objectStorage({ storage: env.objectStorage, serverUrl: env.serverUrl }),
      contentEvents({
        site: { siteUrl: env.siteUrl, serverUrl: env.serverUrl },
        delivery: env.webhooks,
        runsJobs: env.jobsEnabled,
      }),
      search({ backfillOnStart: env.searchReindexOnStart }),
      contentApi(),
      apiValidation(),
      responseCache(),
      readableRelations(),
      graphqlSelectByDefault(),
      expressApi(),
      migrateOnStart(),
      seedOnStart({ isEnabled: env.seedOnStart }),
      // Last, so its onInit runs first: the register patches Payload before anything uses it.
      defectWorkarounds({
        busySeconds: env.databaseBusySeconds,
        jobsStaleSeconds: env.jobsStaleSeconds,
      }),
    ],
  })
}

// The server and every CLI run from the project root (src/server.ts makes sure of it).
const projectRoot = process.cwd()

export default newsroomConfig({ env: loadEnv({ env: process.env, projectRoot }), projectRoot })
