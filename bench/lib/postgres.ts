/**
 * The benchmark's own PostgreSQL: the suites' throwaway server (tests/helpers/postgres.ts), but
 * set up like a production one, on the servers' core. Stopped, and its data removed, by `stop`
 * or whenever the bench process ends first.
 */
import { startTestPostgres, type TestPostgres } from '../../tests/helpers/postgres.ts'
import { pinSelf } from './processes.ts'

/**
 * Durable commits, as a production server has them (the suites' server turns these off for
 * speed); SQLite runs with db-sqlite's `synchronous = FULL` for the same reason.
 */
const PRODUCTION_LIKE = { fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' }

export type BenchPostgres = TestPostgres & {
  /** The server's version, e.g. "18.4". */
  version: string
}

/**
 * Starts the server with its processes on `core` (and every backend it forks later, since they
 * inherit the postmaster's CPU affinity): this process moves there while it starts the server,
 * then back to `homeCore`. Without cores to pin to, nothing is pinned.
 */
export const startBenchPostgres = async ({
  core,
  homeCore,
}: {
  core?: number
  homeCore?: number
}): Promise<BenchPostgres> => {
  if (core !== undefined) pinSelf(core)
  let server: TestPostgres
  try {
    server = await startTestPostgres({ settings: PRODUCTION_LIKE })
  } finally {
    if (homeCore !== undefined) pinSelf(homeCore)
  }
  const { rows } = await server.query('SHOW server_version')
  const version = String((rows[0] as { server_version: string }).server_version).split(' ')[0]
  return { ...server, version }
}
