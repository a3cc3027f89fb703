/** Errors that mean the database cannot take writes (or answer) right now, not a bug. */
const UNAVAILABLE =
  /could not commit|SQLITE_BUSY|database is locked|stayed busy|SQLITE_READONLY|readonly database|SQLITE_FULL|disk is full|SQLITE_CANTOPEN|unable to open database|SQLITE_IOERR|disk I\/O error|MongoServerSelectionError|MongoNetworkError|ECONNREFUSED/i

/** Why writes fail while another process holds SQLite's write lock. */
export const LOCKED_REASON = 'the database is locked by another process (an import or a backup?)'

/** The reason for an unavailable database, in words an operator or editor can act on. */
export const unavailableReason = (error: unknown): string | undefined => {
  const chain: string[] = []
  let current: unknown = error
  for (let depth = 0; current && depth < 5; depth++) {
    const { message, name, cause, originalError } = current as {
      message?: unknown
      name?: unknown
      cause?: unknown
      originalError?: unknown
    }
    chain.push(
      `${typeof name === 'string' ? name : ''} ${typeof message === 'string' ? message : ''}`,
    )
    current = cause ?? originalError
  }
  const text = chain.join(' ')
  if (!UNAVAILABLE.test(text)) return undefined
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
