import Database from 'libsql'

/** The methods of a libsql statement that run it (`all` for reads, `run` for writes). */
type LibsqlStatement = {
  all: (...args: unknown[]) => unknown
  run: (...args: unknown[]) => unknown
}

/** The methods of libsql's `Database` the cache wraps. */
export type LibsqlDatabaseClass = {
  prototype: {
    prepare: (this: object, sql: string) => LibsqlStatement
    close: (this: object) => void
  }
}

/** Statements kept per connection: every query shape the content API and the admin make. */
export const STATEMENTS_PER_CONNECTION = 256

const PATCHED = Symbol.for('newsroom.libsql.reusedStatements')

/**
 * The `Database` class of the libsql the adapter runs on (@libsql/client's own dependency, pinned
 * to its version in package.json; the build keeps it outside its bundles, so this is the one
 * copy whatever loads it).
 */
export const libsqlDatabase = () => Database as unknown as LibsqlDatabaseClass

/**
 * Makes libsql prepare each SQL text once per connection instead of once per query. @libsql/client
 * prepares a new statement for every `execute`, so SQLite compiles the same few query shapes over
 * and over (7% of the CPU of a read by slug) and each compiled statement lives until a finalizer
 * frees it. Here a connection keeps its last `size` statements, most recently used first.
 *
 * Safe to share: the driver is synchronous, so a statement runs to its end (`all`, `run`) before
 * anything else can prepare the same SQL, and SQLite re-prepares a kept statement by itself when
 * the schema changes. A statement that fails is dropped rather than run again: the next prepare
 * of its SQL compiles a fresh one, as before, so an error leaves no state behind for a later
 * query. A connection's statements are dropped when it closes.
 */
export const reuseStatements = (
  Database: LibsqlDatabaseClass,
  { size = STATEMENTS_PER_CONNECTION }: { size?: number } = {},
) => {
  const proto = Database.prototype as LibsqlDatabaseClass['prototype'] & { [PATCHED]?: true }
  if (Object.hasOwn(proto, PATCHED)) return
  proto[PATCHED] = true
  const { prepare, close } = proto
  const kept = new WeakMap<object, Map<string, LibsqlStatement>>()

  /** Runs `statement`, forgetting it when it fails. */
  const forgettingOnError =
    (connection: object, sql: string, statement: LibsqlStatement, method: 'all' | 'run') =>
    (...args: unknown[]) => {
      try {
        return (Object.getPrototypeOf(statement) as LibsqlStatement)[method].apply(statement, args)
      } catch (err) {
        const statements = kept.get(connection)
        if (statements?.get(sql) === statement) statements.delete(sql)
        throw err
      }
    }

  proto.prepare = function (this: object, sql: string) {
    let statements = kept.get(this)
    if (!statements) {
      statements = new Map()
      kept.set(this, statements)
    }
    const found = statements.get(sql)
    if (found) {
      // Most recently used last: the first key is the one to drop.
      statements.delete(sql)
      statements.set(sql, found)
      return found
    }
    const statement = prepare.call(this, sql)
    statement.all = forgettingOnError(this, sql, statement, 'all')
    statement.run = forgettingOnError(this, sql, statement, 'run')
    statements.set(sql, statement)
    if (statements.size > size) statements.delete(statements.keys().next().value!)
    return statement
  }

  proto.close = function (this: object) {
    kept.delete(this)
    close.call(this)
  }
}
