import path from 'node:path'

import { defineConfig } from 'vitest/config'

const root = path.dirname(new URL(import.meta.url).pathname)
const alias = { '@payload-config': path.join(root, 'src/payload.config.ts') }
const hasMongo = Boolean(process.env.MONGODB_URI)

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          env: { TEST_DATABASE: 'sqlite', LOG_LEVEL: 'warn' },
          globalSetup: ['tests/helpers/announceDatabases.ts'],
        },
      },
      ...(hasMongo
        ? [
            {
              resolve: { alias },
              test: {
                name: 'integration-mongodb',
                include: ['tests/integration/**/*.test.ts'],
                environment: 'node',
                pool: 'forks' as const,
                fileParallelism: false,
                testTimeout: 60_000,
                hookTimeout: 120_000,
                env: { TEST_DATABASE: 'mongodb', LOG_LEVEL: 'warn' },
              },
            },
          ]
        : []),
      {
        resolve: { alias },
        test: {
          // Everything that runs against the production server: browser, attack and fault suites.
          name: 'e2e',
          include: [
            'tests/e2e/**/*.test.ts',
            'tests/security/**/*.test.ts',
            'tests/faults/**/*.test.ts',
          ],
          environment: 'node',
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 600_000,
          globalSetup: ['tests/e2e/globalSetup.ts'],
        },
      },
    ],
  },
})
