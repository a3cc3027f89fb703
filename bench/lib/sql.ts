/**
 * Hand-written SQL on either database the bench measures, through the driver Payload itself uses
 * there: @libsql/client for SQLite (`file:` URIs), node-postgres for PostgreSQL (`postgres://`).
 * Queries are written once with `?` placeholders; values come back as Payload hands them to its
 * readers (dates as ISO strings), so the baseline can answer byte for byte what the CMS answers.
 */
import { createClient } from '@libsql/client'
import pg from 'pg'

export type SqlDialect = 'sqlite' | 'postgres'
export type SqlValue = string | number | boolean | null
export type SqlRow = Record<string, unknown>

export type Sql = {
  dialect: SqlDialect
  /** Runs one statement with `?` placeholders (never write a `?` inside a literal). */
  query: (sql: string, args?: SqlValue[]) => Promise<SqlRow[]>
  close: () => Promise<void>
}

/** The dialect of a database URI: `file:` is SQLite, `postgres://` / `postgresql://` PostgreSQL. */
export const dialectOf = (uri: string): SqlDialect => {
  if (/^file:/i.test(uri)) return 'sqlite'
  if (/^postgres(ql)?:\/\//i.test(uri)) return 'postgres'
  throw new Error(`"${uri.replace(/:[^:@/]*@/, ':***@')}" is neither file:PATH nor postgres://…`)
}

/** `?` placeholders as PostgreSQL's `$1, $2, …`. */
export const numberPlaceholders = (sql: string): string => {
  let count = 0
  return sql.replace(/\?/g, () => `$${(count += 1)}`)
}

/** PostgreSQL's timestamp types: Payload turns them into ISO strings (`toISOString`). */
const TIMESTAMP_TYPES = [pg.types.builtins.TIMESTAMP, pg.types.builtins.TIMESTAMPTZ]

/**
 * Type parsers for the baseline: timestamps as ISO strings, as Payload's reader gives them
 * (`new Date(value).toISOString()` in @payloadcms/drizzle's transform), the rest as pg parses it
 * (jsonb as objects, integers as numbers, counts as strings).
 */
const payloadLikeTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (TIMESTAMP_TYPES.includes(oid)) {
      const parse = pg.types.getTypeParser(oid, 'text') as (value: string) => Date
      return (value: string) => parse(value).toISOString()
    }
    return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown
  }) as pg.CustomTypesConfig['getTypeParser'],
}

/**
 * A connection (SQLite) or a pool of `poolMax` connections (PostgreSQL) to `uri`.
 */
export const openSql = async ({
  uri,
  poolMax = 10,
}: {
  uri: string
  poolMax?: number
}): Promise<Sql> => {
  const dialect = dialectOf(uri)
  if (dialect === 'sqlite') {
    const client = createClient({ url: uri })
    await client.execute('PRAGMA busy_timeout = 5000')
    return {
      dialect,
      query: async (sql, args = []) => (await client.execute({ sql, args })).rows,
      close: () => Promise.resolve(client.close()),
    }
  }
  const pool = new pg.Pool({ connectionString: uri, max: poolMax, types: payloadLikeTypes })
  // An idle connection the server cuts is replaced on the next query; without a listener the
  // pool's `error` would end the process.
  pool.on('error', () => undefined)
  return {
    dialect,
    query: async (sql, args = []) => (await pool.query<SqlRow>(numberPlaceholders(sql), args)).rows,
    close: () => pool.end(),
  }
}

/**
 * A JSON column's value: SQLite stores JSON as text, PostgreSQL's jsonb arrives parsed (and with
 * the key order jsonb keeps, which is also what the CMS reads).
 */
export const jsonColumn = (value: unknown): unknown =>
  typeof value === 'string' ? (JSON.parse(value) as unknown) : (value ?? null)
