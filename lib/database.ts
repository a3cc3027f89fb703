import path from 'node:path'

import { ConfigError } from './errors.ts'

/** Settings of a PostgreSQL connection pool, read from `DATABASE_*` variables. */
export type PostgresSettings = {
  /** Most connections this process opens (DATABASE_POOL_MAX). */
  poolMax: number
  /** Read-only copies that serve reads (DATABASE_READ_REPLICAS). */
  readReplicas: string[]
  /** A statement running longer is cancelled by the server (DATABASE_STATEMENT_TIMEOUT_SECONDS). */
  statementTimeoutMs: number
  /** How long a request waits for a free pooled connection, or a new one, before a 503. */
  connectTimeoutMs: number
}

/** Which database the CMS uses, decided from `DATABASE_URI` (and its pool settings). */
export type DatabaseChoice =
  | { kind: 'sqlite'; url: string; filePath: string }
  | { kind: 'mongodb'; url: string }
  | ({ kind: 'postgres'; url: string } & PostgresSettings)

export type DatabaseKind = DatabaseChoice['kind']

export const ACCEPTED_DATABASE_URIS =
  'leave it unset (SQLite in data/cms.db), file:PATH (SQLite), postgres://… or postgresql://… (PostgreSQL), mongodb://… or mongodb+srv://… (MongoDB)'

/** Hides the password in a connection string (and in a list of them) so it can be printed. */
export const redactUri = (uri: string): string =>
  uri
    .replace(/\/\/([^:/@\s,]+):([^\s,/]*)@/g, '//$1:***@')
    .replace(/([?&]password=)[^&\s]*/gi, '$1***')

const POSTGRES_URI = /^postgres(ql)?:\/\/[^\s]+$/i

/** Whether a URI names a PostgreSQL server (a host, or a socket folder in `?host=`). */
const isPostgresUri = (value: string): boolean => {
  if (!POSTGRES_URI.test(value)) return false
  try {
    const url = new URL(value)
    return url.hostname !== '' || url.searchParams.has('host')
  } catch {
    return false
  }
}

const wholeNumber = ({
  name,
  value,
  fallback,
  min,
  max,
  unit,
}: {
  name: string
  value: string | undefined
  fallback: number
  min: number
  max: number
  unit: string
}): number => {
  if (value === undefined || value.trim() === '') return fallback
  const number = Number(value.trim())
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new ConfigError(
      `${name} "${value}" must be a whole number of ${unit} from ${min} to ${max}`,
    )
  }
  return number
}

/** The pool settings for PostgreSQL; each bad value is refused naming its variable. */
export const postgresSettings = (env: {
  DATABASE_POOL_MAX?: string
  DATABASE_READ_REPLICAS?: string
  DATABASE_STATEMENT_TIMEOUT_SECONDS?: string
  DATABASE_CONNECT_TIMEOUT_SECONDS?: string
}): PostgresSettings => {
  const readReplicas = (env.DATABASE_READ_REPLICAS ?? '')
    .split(',')
    .map((uri) => uri.trim())
    .filter(Boolean)
  for (const replica of readReplicas) {
    if (!isPostgresUri(replica)) {
      throw new ConfigError(
        `DATABASE_READ_REPLICAS: "${redactUri(replica)}" is not a postgres:// or postgresql:// URI (give a comma-separated list)`,
      )
    }
  }
  return {
    poolMax: wholeNumber({
      name: 'DATABASE_POOL_MAX',
      value: env.DATABASE_POOL_MAX,
      fallback: 10,
      min: 1,
      max: 1000,
      unit: 'connections',
    }),
    readReplicas,
    statementTimeoutMs:
      wholeNumber({
        name: 'DATABASE_STATEMENT_TIMEOUT_SECONDS',
        value: env.DATABASE_STATEMENT_TIMEOUT_SECONDS,
        fallback: 30,
        min: 1,
        max: 3600,
        unit: 'seconds',
      }) * 1000,
    connectTimeoutMs:
      wholeNumber({
        name: 'DATABASE_CONNECT_TIMEOUT_SECONDS',
        value: env.DATABASE_CONNECT_TIMEOUT_SECONDS,
        fallback: 10,
        min: 1,
        max: 300,
        unit: 'seconds',
      }) * 1000,
  }
}

/**
 * Decides the database adapter from `DATABASE_URI`.
 * Unset or blank → SQLite at `<projectRoot>/data/cms.db`; `file:` → SQLite at that path
 * (relative paths resolve from the project root); `postgres://` / `postgresql://` →
 * PostgreSQL, with the pool settings of `env`; `mongodb://` / `mongodb+srv://` → MongoDB.
 * Anything else throws a `ConfigError` naming the variable and the accepted forms.
 */
export const chooseDatabase = ({
  uri,
  projectRoot,
  env = {},
}: {
  uri: string | undefined
  projectRoot: string
  env?: Parameters<typeof postgresSettings>[0]
}): DatabaseChoice => {
  const value = uri?.trim() ?? ''
  if (value === '') {
    const filePath = path.join(projectRoot, 'data', 'cms.db')
    return { kind: 'sqlite', url: `file:${filePath}`, filePath }
  }
  if (/^mongodb(\+srv)?:\/\/[^/\s]+/i.test(value)) {
    return { kind: 'mongodb', url: value }
  }
  if (/^postgres(ql)?:/i.test(value)) {
    if (!isPostgresUri(value)) {
      throw new ConfigError(
        `DATABASE_URI "${redactUri(value)}" names no PostgreSQL server: use postgres://USER:PASSWORD@HOST:PORT/DATABASE`,
      )
    }
    return { kind: 'postgres', url: value, ...postgresSettings(env) }
  }
  if (/^file:/i.test(value)) {
    const rawPath = value.slice('file:'.length).replace(/^\/\/(?=\/)/, '')
    if (rawPath === '' || rawPath.includes('\0')) {
      throw new ConfigError(
        `DATABASE_URI "${value}" has no file path: use file:PATH, e.g. file:./data/cms.db`,
      )
    }
    const filePath = path.resolve(projectRoot, rawPath)
    return { kind: 'sqlite', url: `file:${filePath}`, filePath }
  }
  throw new ConfigError(
    `DATABASE_URI "${redactUri(value)}" is not supported: ${ACCEPTED_DATABASE_URIS}.`,
  )
}
