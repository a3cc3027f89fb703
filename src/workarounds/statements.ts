import Database from 'libsql'

/** Prepared statements kept per connection, the least recently used dropped first. */
export const STATEMENTS_PER_CONNECTION = 200

/** Statements whose compiled form can be run again: reads and writes of rows. */
const REUSABLE = /^\s*(select|insert|update|delete|with)\b/i
/** A statement that changes the schema: statements compiled before it are not reused. */
const CHANGES_SCHEMA = /(^|;)\s*(create|alter|drop)\b/i

/** What this module uses of libsql's `Database` (the native driver under @libsql/client). */
export type PreparingDatabase = {
  prepare: (sql: string) => unknown
  exec: (sql: string) => unknown
}

const REUSING = Symbol.for('newsroom:reusing-statements')

/** What @libsql/client asks of a statement before each run, besides running it. */
type KeptStatement = {
  safeIntegers: (toggle?: boolean) => KeptStatement
  raw: (toggle?: boolean) => KeptStatement
  columns: () => unknown
}

/**
 * A kept statement answers what @libsql/client asks before each run (`safeIntegers(true)`,
 * `raw(true)`, which throws for a statement that returns no rows, and `columns()` twice) from
 * what it answered the first time, instead of asking the driver again each time (in an
 * import, half as long again as compiling). Its columns are those of its text when compiled;
 * it is dropped on a schema change.
 */
const rememberSettings = (statement: KeptStatement): KeptStatement => {
  const { safeIntegers, raw, columns } = statement
  const toggled = new Map<string, { error?: unknown }>()
  const once = (name: string, toggle: boolean | undefined, set: () => unknown) => {
    const key = `${name}:${toggle ?? true}`
    let outcome = toggled.get(key)
    if (outcome === undefined) {
      try {
        set()
        outcome = {}
      } catch (error) {
        outcome = { error }
      }
      // One mode at a time: setting it again the other way is asked of the driver again.
      toggled.delete(`${name}:${!(toggle ?? true)}`)
      toggled.set(key, outcome)
    }
    if ('error' in outcome) throw outcome.error
    return statement
  }
  let columnList: unknown
  statement.safeIntegers = (toggle) =>
    once('safeIntegers', toggle, () => safeIntegers.call(statement, toggle))
  statement.raw = (toggle) => once('raw', toggle, () => raw.call(statement, toggle))
  statement.columns = () => (columnList ??= columns.call(statement))
  return statement
}

/**
 * Register entry "libsql-prepares-every-statement" (src/workarounds/index.ts). @libsql/client
 * compiles every statement it runs anew (`executeStmt`: `db.prepare(sql)`, no cache), and Drizzle
 * sends the same few texts over and over with other values: an imported post's eight statements
 * spent about a tenth of its time being compiled again. Here each connection keeps the
 * statements it compiled, by text, and hands the same one back; @libsql/client binds the new
 * values and runs it to the end, as it would a fresh one.
 *
 * Only row reads and writes are kept. A statement that changes the schema (through any connection
 * of this process) drops what every connection kept: a statement compiled before it could
 * describe its columns as they were (`SELECT *` after `ALTER TABLE … ADD`). Drizzle names its
 * columns, so another process's schema change (a migration run beside a running server) cannot
 * give it columns it does not know.
 */
export const reusePreparedStatements = (
  Database: { prototype: PreparingDatabase },
  { limit = STATEMENTS_PER_CONNECTION }: { limit?: number } = {},
): void => {
  const proto = Database.prototype as PreparingDatabase & { [REUSING]?: true }
  if (proto[REUSING]) return
  const prepare = proto.prepare
  const exec = proto.exec
  const kept = new WeakMap<object, { schema: number; statements: Map<string, unknown> }>()
  let schema = 0

  proto.prepare = function (this: object, sql: string) {
    if (CHANGES_SCHEMA.test(sql)) schema += 1
    if (!REUSABLE.test(sql)) return prepare.call(this, sql)
    let cache = kept.get(this)
    if (cache?.schema !== schema) {
      cache = { schema, statements: new Map() }
      kept.set(this, cache)
    }
    const { statements } = cache
    const found = statements.get(sql)
    if (found !== undefined) {
      // Most recently used last: the first key is the one to drop.
      statements.delete(sql)
      statements.set(sql, found)
      return found
    }
    const statement = rememberSettings(prepare.call(this, sql) as KeptStatement)
    statements.set(sql, statement)
    if (statements.size > limit) statements.delete(statements.keys().next().value as string)
    return statement
  }
  proto.exec = function (this: object, sql: string) {
    if (CHANGES_SCHEMA.test(sql)) schema += 1
    return exec.call(this, sql)
  }
  proto[REUSING] = true
}

/**
 * libsql's `Database`, the one @libsql/client loads: its own dependency, pinned to its version in
 * package.json. Imported, not resolved from @libsql/client at run time: the build keeps `libsql`
 * outside its bundles, but it rewrites `require.resolve` (and `createRequire(…).resolve`) into
 * ids of its own, so Payload's start failed in the production server.
 */
export const libsqlDatabase = (): { prototype: PreparingDatabase } => Database
