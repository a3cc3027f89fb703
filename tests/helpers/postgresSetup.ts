/**
 * Global setup of the suites that run on PostgreSQL: starts one throwaway server for the
 * project (each test file then makes a database of its own on it) and stops it afterwards.
 * (vitest.config.ts leaves these projects out, saying why, where no PostgreSQL can start.)
 */
import type { TestProject } from 'vitest/node'

import { startTestPostgres, type TestPostgres } from './postgres.ts'

let server: TestPostgres | undefined

export async function setup(project: TestProject): Promise<void> {
  const started = Date.now()
  server = await startTestPostgres()
  console.log(
    `[${project.name}] throwaway PostgreSQL on port ${server.port}, started in ${Date.now() - started} ms`,
  )
  project.provide('postgresUri', server.uri())
}

export async function teardown(): Promise<void> {
  await server?.stop()
}

declare module 'vitest' {
  // Declaration merging needs an interface here.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    /** The maintenance database of the project's throwaway PostgreSQL. */
    postgresUri: string
  }
}
