import path from 'node:path'

import { defineConfig } from 'vitest/config'

import { postgresProjectsEnabled } from './tests/helpers/postgresAvailability.ts'

const root = path.dirname(new URL(import.meta.url).pathname)
const alias = { '@payload-config': path.join(root, 'src/payload.config.ts') }
const hasPostgres = postgresProjectsEnabled()
/** Notices that are not the tests' business (README: Media in object storage, Node 20). */
const QUIET = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }
/**
 * Everything a test process prints goes through `console` (Payload's log too: LOG_TO_STDERR
 * makes it writable there), so `silent: 'passed-only'` below shows it for failing tests only.
 */
const setupFiles = ['tests/helpers/quietOutput.ts']

/** The integration suite, run once per database (tests/helpers/testDatabase.ts). */
const integration = (database: 'sqlite' | 'postgres' | 'mongodb') => ({
  resolve: { alias },
  test: {
    name: database === 'sqlite' ? 'integration' : `integration-${database}`,
    include: ['tests/integration/**/*.test.ts'],
    environment: 'node' as const,
    pool: 'forks' as const,
    // One MongoDB server for everything: its files take turns.
    fileParallelism: database !== 'mongodb',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TEST_DATABASE: database, LOG_LEVEL: 'warn', LOG_TO_STDERR: 'true', ...QUIET },
    setupFiles,
    globalSetup:
      database === 'sqlite'
        ? ['tests/helpers/announceDatabases.ts']
        : ['tests/helpers/postgresSetup.ts'],
  },
})

/**
 * Everything that runs against the production server (browser, attack, fault and several-instance
 * suites), on SQLite; the attack, fault and several-instance suites again on PostgreSQL. Each database has fault tests of
 * its own (tests/faults/<database>.test.ts).
 */
const productionServer = (database: 'sqlite' | 'postgres') => ({
  resolve: { alias },
  test: {
    name: database === 'sqlite' ? 'e2e' : `e2e-${database}`,
    include:
      database === 'sqlite'
        ? [
            'tests/e2e/**/*.test.ts',
            'tests/security/**/*.test.ts',
            'tests/faults/**/*.test.ts',
            'tests/instances/**/*.test.ts',
          ]
        : [
            'tests/security/**/*.test.ts',
            'tests/faults/**/*.test.ts',
            'tests/instances/**/*.test.ts',
          ],
    exclude: [`tests/faults/${database === 'sqlite' ? 'postgres' : 'sqlite'}.test.ts`],
    environment: 'node' as const,
    pool: 'forks' as const,
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 600_000,
    env: { TEST_DATABASE: database, LOG_TO_STDERR: 'true', ...QUIET },
    setupFiles,
    // The SQLite run also starts the shared server the browser tests use.
    globalSetup:
      database === 'sqlite'
        ? ['tests/e2e/globalSetup.ts']
        : ['tests/helpers/buildSetup.ts', 'tests/helpers/postgresSetup.ts'],
  },
})

export default defineConfig({
  resolve: { alias },
  test: {
    // What tests print (expected errors included) only for tests that fail; `--silent=false`
    // shows it all.
    silent: 'passed-only',
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles,
        },
      },
      integration('sqlite'),
      ...(hasPostgres ? [integration('postgres')] : []),
      ...(process.env.MONGODB_URI ? [integration('mongodb')] : []),
      productionServer('sqlite'),
      ...(hasPostgres ? [productionServer('postgres')] : []),
    ],
  },
})
