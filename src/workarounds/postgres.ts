import pg from 'pg'

/**
 * Workarounds for @payloadcms/db-postgres 3.90.2 and node-postgres (see the register,
 * src/workarounds/index.ts). They reach the adapter through its own hook for this: the `pg`
 * module it is given (`postgresAdapter({ pg })`), whose Pool is this subclass.
 */

type Report = (message: string, err: unknown) => void

/** Where pool problems are told; Payload's logger once it exists (see `reportPoolErrorsTo`). */
let report: Report = (message, err) =>
  process.stderr.write(`${message}: ${(err as Error)?.message ?? String(err)}\n`)

export const reportPoolErrorsTo = (next: Report): void => {
  report = next
}

/** Every pool this process made, so that shutting Payload down can close them. */
const pools = new Set<NewsroomPool>()

/**
 * node-postgres's Pool with what db-postgres leaves out:
 * - an `error` listener: an idle pooled connection the server cuts (a restart, a failover, an
 *   idle timeout in a proxy) makes the pool emit `error`, and with no listener that ends the
 *   process. The connection is dropped from the pool and replaced on demand.
 * - the connection db-postgres takes to check the server (`connectWithReconnect` in
 *   connect.js) is never given back: one connection of the pool is held for ever (with
 *   DATABASE_POOL_MAX=1 every query would wait), and after a reset another one. Here that
 *   check's connection goes back to the pool once checked.
 */
export class NewsroomPool extends pg.Pool {
  constructor(options?: pg.PoolConfig) {
    super(options)
    pools.add(this)
    this.on('error', (err) =>
      report('an idle database connection was closed; it will be replaced', err),
    )
  }

  // pg.Pool#connect, with a callback or returning a promise, as node-postgres has it.
  connect(): Promise<pg.PoolClient>
  connect(
    callback: (
      err: Error | undefined,
      client: pg.PoolClient | undefined,
      done: (release?: unknown) => void,
    ) => void,
  ): void
  connect(
    callback?: (
      err: Error | undefined,
      client: pg.PoolClient | undefined,
      done: (release?: unknown) => void,
    ) => void,
  ): Promise<pg.PoolClient> | void {
    if (callback) return super.connect(callback)
    const isAdapterCheck = new Error().stack?.includes('connectWithReconnect') ?? false
    const connecting = super.connect()
    if (!isAdapterCheck) return connecting
    return connecting.then((client) => {
      // After the adapter has attached its listener to it (right after this resolves).
      setImmediate(() => client.release())
      return client
    })
  }
}

/** The `pg` module db-postgres is given: node-postgres with `NewsroomPool` as its Pool. */
export const pgWithNewsroomPool = { ...pg, Pool: NewsroomPool }

/**
 * db-postgres's `destroy` (Payload 3.90.2) forgets the schema but leaves its pools open: their
 * connections outlive Payload (a test that drops its database cuts them, a CLI cannot exit).
 * Closing them here; a pool still lending connections closes as they come back.
 */
export const closePoolsOnDestroy = (db: {
  destroy?: () => Promise<void>
  pool?: pg.Pool
  readReplicaOptions?: string[]
}): void => {
  const destroy = db.destroy?.bind(db)
  db.destroy = async () => {
    await destroy?.()
    const replicas = new Set(db.readReplicaOptions ?? [])
    const mine = [...pools].filter(
      (pool) =>
        pool === db.pool ||
        (typeof pool.options.connectionString === 'string' &&
          replicas.has(pool.options.connectionString)),
    )
    for (const pool of mine) pools.delete(pool)
    db.pool = undefined
    const ended = Promise.all(mine.map((pool) => pool.end().catch(() => undefined)))
    // A connection never given back would keep `end` waiting: do not wait for it for ever.
    await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 5000).unref())])
  }
}

type Operator = (column: unknown, value: unknown) => unknown
type Column = { columnType?: string }

/** Operators that compare a value with a column's content (not `exists`, `and`, `or`…). */
const COMPARING = [
  'contains',
  'equals',
  'greater_than',
  'greater_than_equal',
  'in',
  'less_than',
  'less_than_equal',
  'like',
  'not_equals',
  'not_in',
  'not_like',
]

/**
 * db-postgres (3.90.2) hands `like`, `equals`… on a whole rich-text or JSON field straight to
 * the jsonb column: PostgreSQL answers "operator does not exist: jsonb ~~* unknown" (or "invalid
 * input syntax for type json") and the API a 500, where SQLite, which stores JSON as text,
 * compares the text. Here those operators compare the column's text on PostgreSQL as well, so
 * search (which matches words in rich text) and such queries work alike on both.
 */
export const compareJsonAsText = (
  db: { operators: Record<string, Operator> },
  asText: (column: unknown) => unknown,
): void => {
  const operators = { ...db.operators }
  for (const name of COMPARING) {
    const operator = operators[name]
    if (!operator) continue
    operators[name] = (column, value) => {
      const type = (column as Column | undefined)?.columnType
      return type === 'PgJsonb' || type === 'PgJson'
        ? operator(asText(column), value)
        : operator(column, value)
    }
  }
  db.operators = operators
}
