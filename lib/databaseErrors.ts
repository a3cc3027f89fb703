/** Errors that mean the database cannot take writes (or answer) right now, not a bug. */
const UNAVAILABLE =
  /could not commit|SQLITE_BUSY|database is locked|stayed busy|SQLITE_READONLY|readonly database|SQLITE_FULL|disk is full|SQLITE_CANTOPEN|unable to open database|SQLITE_IOERR|disk I\/O error|MongoServerSelectionError|MongoNetworkError|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (shutting down|starting up|in recovery mode|not yet accepting connections)|terminating connection due to|server closed the connection unexpectedly|cannot begin transaction: Failed query: begin|PG:(57014|55P03|57P0[1-4]|53300|53100|53200|08\d\d\d|25006|40001|40P01)/i

/** PostgreSQL error codes (SQLSTATE) and what they mean for an operator. */
const POSTGRES_REASONS: [RegExp, string][] = [
  [/PG:57014/, 'the database took too long to answer (statement timeout)'],
  [/PG:55P03/, 'the data is locked by another database session (lock timeout)'],
  // drizzle's "cannot begin transaction: …" keeps only the driver's message, not its code.
  [
    /PG:57P0[1-4]|the database system is (shutting down|starting up|in recovery mode|not yet accepting)|terminating connection due to/i,
    'the database server is restarting or shutting down',
  ],
  [/PG:53300/, 'the database server has no free connections'],
  [/PG:53100/, 'the disk holding the database is full'],
  [/PG:25006/, 'the database is read-only'],
  [/PG:(40001|40P01)/, 'the change collided with another one at the same time'],
  [/timeout exceeded when trying to connect/i, 'all database connections are busy'],
]

/** Why writes fail while another process holds SQLite's write lock. */
export const LOCKED_REASON = 'the database is locked by another process (an import or a backup?)'

/** The reason for an unavailable database, in words an operator or editor can act on. */
export const unavailableReason = (error: unknown): string | undefined => {
  const chain: string[] = []
  let current: unknown = error
  for (let depth = 0; current && depth < 5; depth++) {
    const { message, name, cause, originalError, code } = current as {
      message?: unknown
      name?: unknown
      cause?: unknown
      originalError?: unknown
      code?: unknown
    }
    // node-postgres errors carry their SQLSTATE in `code` (five characters, e.g. 57014).
    const sqlState = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? `PG:${code}` : ''
    chain.push(
      `${typeof name === 'string' ? name : ''} ${typeof message === 'string' ? message : ''} ${sqlState} ${typeof code === 'string' ? code : ''}`,
    )
    current = cause ?? originalError
  }
  const text = chain.join(' ')
  if (!UNAVAILABLE.test(text)) return undefined
  for (const [pattern, reason] of POSTGRES_REASONS) if (pattern.test(text)) return reason
  if (/READONLY|readonly database/i.test(text)) return 'the database is read-only'
  if (/FULL|disk is full/i.test(text)) return 'the disk holding the database is full'
  if (/BUSY|locked|stayed busy/i.test(text)) {
    return LOCKED_REASON
  }
  if (/CANTOPEN|unable to open|IOERR|I\/O error/i.test(text)) {
    return 'the database file cannot be written'
  }
  if (/could not commit/i.test(text)) {
    return 'the database could not save the change (is its disk read-only or full?)'
  }
  return 'the database is not reachable'
}

/**
 * The message of the innermost cause of an error: drizzle wraps the driver's error ("Failed
 * query: select …") and the driver's says what happened ("connect ECONNREFUSED …").
 */
export const innermostMessage = (error: unknown): string => {
  let message = error instanceof Error ? error.message : String(error)
  let current: unknown = error
  for (let depth = 0; current && depth < 5; depth++) {
    const { cause, originalError } = current as { cause?: unknown; originalError?: unknown }
    current = cause ?? originalError
    const inner = (current as { message?: unknown } | undefined)?.message
    if (typeof inner === 'string' && inner.trim() !== '') message = inner
  }
  return message
}
