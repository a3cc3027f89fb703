import type { BaseDatabaseAdapter } from 'payload'

/** How long a write waits for the one SQLite writer slot before giving up. */
export const WRITE_WAIT_MS = 30_000
/** Retries of BEGIN while another process (e.g. an import) holds the write lock. */
const BUSY_RETRY_MS = 50

type TransactionId = number | string

const isBusy = (err: unknown) =>
  /SQLITE_BUSY|database is locked/i.test(String((err as Error)?.message ?? err))

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Lets db-sqlite run every write in a transaction without tripping over itself. SQLite has one
 * writer at a time, and libsql opens each transaction on a fresh connection that fails at once
 * with SQLITE_BUSY instead of waiting; so transactions in this process queue here, and BEGIN is
 * retried while another process writes. Writes still fail, with a message saying why, if
 * the database stays busy for `WRITE_WAIT_MS`.
 */
export const serializeWriteTransactions = (
  db: Pick<BaseDatabaseAdapter, 'beginTransaction' | 'commitTransaction' | 'rollbackTransaction'>,
): void => {
  const begin = db.beginTransaction.bind(db)
  const commit = db.commitTransaction.bind(db)
  const rollback = db.rollbackTransaction.bind(db)
  const releases = new Map<TransactionId, () => void>()
  let queue: Promise<void> = Promise.resolve()

  db.beginTransaction = async (options) => {
    let release!: () => void
    const previous = queue
    queue = new Promise<void>((resolve) => (release = resolve))
    const deadline = Date.now() + WRITE_WAIT_MS
    try {
      await Promise.race([
        previous,
        sleep(WRITE_WAIT_MS).then(() => {
          throw new Error(`the database stayed busy for ${WRITE_WAIT_MS / 1000} s`)
        }),
      ])
      for (;;) {
        try {
          const id = await begin(options)
          if (id === null) release()
          else releases.set(id, release)
          return id
        } catch (err) {
          if (!isBusy(err) || Date.now() > deadline) throw err
          await sleep(BUSY_RETRY_MS)
        }
      }
    } catch (err) {
      release()
      throw err
    }
  }

  const finish = (end: typeof commit) => async (incoming: Parameters<typeof commit>[0]) => {
    const id = await incoming
    try {
      await end(id)
    } finally {
      releases.get(id)?.()
      releases.delete(id)
    }
  }
  db.commitTransaction = finish(commit)
  db.rollbackTransaction = finish(rollback)
}
