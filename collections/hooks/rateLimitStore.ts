import crypto from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { createClient, type Client } from '@libsql/client'
import type { Payload } from 'payload'
import {
  RateLimiterMemory,
  RateLimiterMongo,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
  type RateLimiterStoreAbstract,
} from 'rate-limiter-flexible'

/**
 * Where the login, password-reset and unlock limits are counted: in the database every instance
 * of the CMS shares, so the budget of an address is the same however many instances serve it
 * (`rate-limiter-flexible`'s stores, one table or collection, `newsroom_rate_limits`).
 *
 * - PostgreSQL: the adapter's pool, through `RateLimiterPostgres` (one upsert per attempt).
 * - SQLite: a file of its own beside the database (`cms.db` → `cms-rate-limits.db`). Not the
 *   database file: reset, unlock and forgot-password count their attempt inside the
 *   operation's transaction, which already holds SQLite's one writer slot, so a write to the
 *   same file would wait for itself; and counting inside that transaction would be rolled back
 *   with a failed attempt. Processes sharing the database share this file too.
 * - MongoDB: the adapter's connection, through `RateLimiterMongo` (not run by our CI).
 *
 * If the store cannot answer (the database is down), each process counts in memory meanwhile
 * (the limiter's `insuranceLimiter`), so attempts are never let through uncounted.
 */

export type LimiterOptions = { keyPrefix: string; points: number; duration: number }

export const RATE_LIMIT_TABLE = 'newsroom_rate_limits'

/** Keys longer than this (a very long email address) are stored as their SHA-256. */
const MAX_KEY_LENGTH = 200

/** A key that fits the store's column, the same for the same input on every instance. */
export const storedKey = (key: string): string =>
  key.length <= MAX_KEY_LENGTH
    ? key
    : `sha256:${crypto.createHash('sha256').update(key).digest('hex')}`

type StoreRow = { points: number; expire: number | null }

/**
 * `rate-limiter-flexible` store on a libsql (SQLite) client: the same single-statement upsert
 * as its own `RateLimiterSQLite`, which only speaks to the `sqlite3`/`better-sqlite3` drivers.
 */
// The base class of the library's database stores is in its types but not among the names it
// exports; every store extends it.
const StoreAbstract = Object.getPrototypeOf(RateLimiterPostgres) as typeof RateLimiterStoreAbstract

class RateLimiterLibsql extends StoreAbstract {
  private readonly libsql: Client

  constructor(
    options: LimiterOptions & { storeClient: Client; insuranceLimiter: RateLimiterMemory },
  ) {
    super(options)
    this.libsql = options.storeClient
  }

  async _upsert(key: string, points: number, msDuration: number, forceExpire = false) {
    const now = Date.now()
    const expire = msDuration > 0 ? now + msDuration : null
    const result = await this.libsql.execute({
      sql: forceExpire
        ? `INSERT OR REPLACE INTO ${RATE_LIMIT_TABLE} (key, points, expire) VALUES (?, ?, ?)
           RETURNING points, expire`
        : `INSERT INTO ${RATE_LIMIT_TABLE} (key, points, expire) VALUES (?, ?, ?)
           ON CONFLICT(key) DO UPDATE SET
             points = CASE WHEN expire IS NULL OR expire > ? THEN points + excluded.points ELSE excluded.points END,
             expire = CASE WHEN expire IS NULL OR expire > ? THEN expire ELSE excluded.expire END
           RETURNING points, expire`,
      args: forceExpire ? [key, points, expire] : [key, points, expire, now, now],
    })
    return rowOf(result.rows[0])
  }

  async _get(key: string) {
    const result = await this.libsql.execute({
      sql: `SELECT points, expire FROM ${RATE_LIMIT_TABLE} WHERE key = ? AND (expire > ? OR expire IS NULL)`,
      args: [key, Date.now()],
    })
    return result.rows[0] ? rowOf(result.rows[0]) : null
  }

  async _delete(key: string) {
    const result = await this.libsql.execute({
      sql: `DELETE FROM ${RATE_LIMIT_TABLE} WHERE key = ?`,
      args: [key],
    })
    return result.rowsAffected > 0
  }

  _getRateLimiterRes(_key: string, changedPoints: number, row: StoreRow) {
    const isFirstInDuration = changedPoints === row.points
    const consumedPoints = isFirstInDuration ? changedPoints : row.points
    return new RateLimiterRes(
      Math.max(this.points - consumedPoints, 0),
      row.expire ? Math.max(row.expire - Date.now(), 0) : -1,
      consumedPoints,
      isFirstInDuration,
    )
  }
}

const rowOf = (row: Record<string, unknown> | undefined): StoreRow => ({
  points: Number(row?.points ?? 0),
  expire: row?.expire === null || row?.expire === undefined ? null : Number(row.expire),
})

/** The rate-limit file of a SQLite database: `data/cms.db` → `data/cms-rate-limits.db`. */
export const rateLimitFileOf = (databaseFile: string): string => {
  const { dir, name } = path.parse(databaseFile)
  return path.join(dir, `${name}-rate-limits.db`)
}

type SqliteDb = { clientConfig?: { url?: string } }
type PostgresDb = { pool?: { query: (text: string) => Promise<unknown> } }
type MongoDb = { connection?: unknown }

/** Counters the limiters of one database share: a table on its server, or a file beside it. */
export type LimitStore = {
  limiter: (options: LimiterOptions) => RateLimiterAbstract
  /** Forgets every counted attempt (tests and operator tooling). */
  clear: () => Promise<void>
}

const openSqliteStore = async (db: SqliteDb): Promise<LimitStore> => {
  const url = db.clientConfig?.url ?? ''
  if (!url.startsWith('file:')) throw new Error(`SQLite rate limits need a file database (${url})`)
  const databaseFile = url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length)
  const client = createClient({ url: `file:${rateLimitFileOf(databaseFile)}` })
  // Several processes may share the file: wait for one another's short writes.
  await client.execute('PRAGMA busy_timeout = 5000')
  await client.execute('PRAGMA journal_mode = WAL')
  await client.execute(
    `CREATE TABLE IF NOT EXISTS ${RATE_LIMIT_TABLE} (key TEXT PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire INTEGER)`,
  )
  const sweep = setInterval(
    () =>
      void client
        .execute({ sql: `DELETE FROM ${RATE_LIMIT_TABLE} WHERE expire < ?`, args: [Date.now()] })
        .catch(() => undefined),
    5 * 60_000,
  )
  sweep.unref()
  return {
    limiter: (options) =>
      new RateLimiterLibsql({
        ...options,
        storeClient: client,
        insuranceLimiter: new RateLimiterMemory(options),
      }),
    clear: async () => {
      await client.execute(`DELETE FROM ${RATE_LIMIT_TABLE}`)
    },
  }
}

const openPostgresStore = async (db: PostgresDb): Promise<LimitStore> => {
  const pool = db.pool
  if (!pool) throw new Error('the PostgreSQL adapter has no pool yet')
  try {
    await pool.query(
      `CREATE TABLE IF NOT EXISTS ${RATE_LIMIT_TABLE} (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`,
    )
  } catch (err) {
    // Two instances creating the table at once: one wins, the other sees its catalog entry.
    if (!['23505', '42P07'].includes((err as { code?: string }).code ?? '')) throw err
  }
  return {
    limiter: (options) =>
      new RateLimiterPostgres({
        ...options,
        storeClient: pool,
        storeType: 'pool',
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        insuranceLimiter: new RateLimiterMemory(options),
      }),
    clear: async () => {
      await pool.query(`DELETE FROM ${RATE_LIMIT_TABLE}`)
    },
  }
}

const openMongoStore = (db: MongoDb): Promise<LimitStore> => {
  const connection = db.connection as
    | { collection: (name: string) => { deleteMany: (filter: object) => Promise<unknown> } }
    | undefined
  if (!connection) return Promise.reject(new Error('the MongoDB adapter is not connected yet'))
  return Promise.resolve({
    limiter: (options) =>
      new RateLimiterMongo({
        ...options,
        storeClient: connection,
        tableName: RATE_LIMIT_TABLE,
        insuranceLimiter: new RateLimiterMemory(options),
      }),
    clear: async () => {
      await connection.collection(RATE_LIMIT_TABLE).deleteMany({})
    },
  })
}

/** Opens the shared counters of `payload`'s database (its adapter decides where). */
export const openLimitStore = (payload: Payload): Promise<LimitStore> => {
  const db = payload.db as unknown as SqliteDb & PostgresDb & MongoDb
  if (payload.db.name === 'sqlite') return openSqliteStore(db)
  if (payload.db.name === 'postgres') return openPostgresStore(db)
  return openMongoStore(db)
}
