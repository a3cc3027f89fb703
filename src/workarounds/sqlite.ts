import type { BaseDatabaseAdapter } from 'payload'

/** How long a write waits for the one SQLite writer slot before giving up, by default. */
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
 * the database stays busy for `waitMs` (DATABASE_BUSY_SECONDS).
 *
 * Before each BEGIN the event loop is let turn once. The driver is synchronous, so without it a
 * chain of writes (an import, a reindex) runs in promise callbacks alone: no request is answered
 * until it ends, and libsql's statements, freed only in finalizers Node runs when the loop turns,
 * pile up (about 0.5 MB per document written).
 */
export const serializeWriteTransactions = (
  db: Pick<BaseDatabaseAdapter, 'beginTransaction' | 'commitTransaction' | 'rollbackTransaction'>,
  {
    waitMs = WRITE_WAIT_MS,
    onLongTransaction,
  }: {
    waitMs?: number
    /**
     * Told once when a transaction has held the writer slot for `waitMs` (every other write
     * is failing meanwhile), with the stack that began it: a transaction nobody ended.
     */
    onLongTransaction?: (problem: { seconds: number; begunAt: string }) => void
  } = {},
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
    const deadline = Date.now() + waitMs
    // Where this transaction began, for the long-transaction report (only when asked for).
    const begunAt = onLongTransaction ? new Error().stack?.split('\n').slice(2).join('\n') : ''
    try {
      // Lets the event loop turn before each transaction (the libsql-finalizers-starved entry).
      await new Promise((resolve) => setImmediate(resolve))
      await Promise.race([
        previous,
        sleep(waitMs).then(() => {
          throw new Error(`the database stayed busy for ${waitMs / 1000} s`)
        }),
      ])
      for (;;) {
        try {
          const id = await begin(options)
          if (id === null) {
            release()
            return id
          }
          const watchdog = onLongTransaction
            ? setTimeout(
                () => onLongTransaction({ seconds: waitMs / 1000, begunAt: begunAt ?? '' }),
                waitMs,
              )
            : undefined
          watchdog?.unref()
          releases.set(id, () => {
            clearTimeout(watchdog)
            release()
          })
          return id
        } catch (err) {
          if (!isBusy(err)) throw err
          if (Date.now() > deadline) {
            throw new Error(
              `the database stayed busy for ${waitMs / 1000} s (another process is writing to it)`,
            )
          }
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

/** The adapter's writes, each of which Payload may call outside any transaction. */
const WRITES = [
  'create',
  'createGlobal',
  'createGlobalVersion',
  'createVersion',
  'deleteMany',
  'deleteOne',
  'deleteVersions',
  'updateGlobal',
  'updateGlobalVersion',
  'updateMany',
  'updateOne',
  'updateVersion',
  'upsert',
] as const

type Write = (args: { req?: { transactionID?: unknown } }) => Promise<unknown>

/**
 * Puts a write made outside any transaction in the write queue, in a transaction of its own.
 * Payload makes some (its job runner deletes completed jobs with `db.deleteMany` and no
 * transaction); on libsql's shared connection such a write fails at once with SQLITE_BUSY
 * while a queued transaction holds the writer: "Failed to delete jobs … on complete" whenever
 * an editor saved at that moment, and the job stayed behind.
 */
export const queueLoneWrites = (
  db: Pick<BaseDatabaseAdapter, 'beginTransaction' | 'commitTransaction' | 'rollbackTransaction'>,
): void => {
  const adapter = db as unknown as Record<(typeof WRITES)[number], Write>
  for (const name of WRITES) {
    const write = adapter[name]?.bind(db)
    if (!write) continue
    adapter[name] = async (args) => {
      if (args.req?.transactionID !== undefined && args.req.transactionID !== null) {
        return write(args)
      }
      const id = await db.beginTransaction()
      if (id === null) return write(args)
      try {
        const result = await write({ ...args, req: { ...args.req, transactionID: id } })
        await db.commitTransaction(id)
        return result
      } catch (err) {
        await Promise.resolve(db.rollbackTransaction(id)).catch(() => undefined)
        throw err
      }
    }
  }
}

/**
 * Ends the transactions Payload's job runner leaves open. Its `updateJobs` utility (Payload
 * 3.90.2, queues/utilities/updateJob.js) begins a transaction of its own, on a bare
 * `{ transactionID }` request, around one `db.updateJobs` call, and commits it only when the
 * call succeeds: a failed job update (a full or read-only disk) leaves it open, holding
 * SQLite's one writer slot, and every later write fails. Here such a transaction is rolled
 * back when the update throws. Requests from Payload's operations carry `payload` and own
 * their transactions: they are left alone.
 */
export const endFailedJobTransactions = (
  db: Pick<BaseDatabaseAdapter, 'rollbackTransaction' | 'updateJobs'>,
): void => {
  const updateJobs = db.updateJobs.bind(db)
  db.updateJobs = async (args) => {
    try {
      return await updateJobs(args)
    } catch (err) {
      const req = args.req
      if (req && !('payload' in req) && req.transactionID !== undefined) {
        await Promise.resolve(db.rollbackTransaction(req.transactionID)).catch(() => undefined)
        delete req.transactionID
      }
      throw err
    }
  }
}

/** The start of the message a failed commit throws (src/plugins/errorAnswers.ts answers it 503). */
export const COMMIT_FAILED = 'the database could not commit the change'

type DrizzleLike = { transaction: (...args: never[]) => Promise<unknown> }

type TransactionCapable = Pick<
  BaseDatabaseAdapter,
  'beginTransaction' | 'commitTransaction' | 'rollbackTransaction'
> & {
  drizzle: DrizzleLike
  /** The adapter's open transactions: `db` is drizzle's handle of each. */
  sessions: Record<string, { db: unknown } | undefined>
}

/** Marks a drizzle whose `transaction` already records the promise of each transaction. */
const RECORDING = Symbol('newsroom:recording-transactions')

/**
 * Makes a failed COMMIT fail the request. The Drizzle adapters' commitTransaction (Payload
 * 3.90.2, @payloadcms/drizzle, shared by db-sqlite and db-postgres) swallows the error of the
 * transaction it ends: when the database cannot commit (SQLite: a read-only or full disk, a
 * lock; PostgreSQL: the server went away, a serialization failure), the changes are rolled back
 * but the API still answers 201, an acknowledged write that was never stored. Here drizzle's
 * `transaction` records the promise of each transaction by its handle, and commitTransaction
 * awaits that promise after the commit: its error is thrown. Safe with concurrent transactions
 * (PostgreSQL runs many at once). On SQLite, must wrap the adapter before
 * `serializeWriteTransactions`, which keeps BEGINs one at a time.
 */
export const surfaceCommitErrors = (db: TransactionCapable): void => {
  const begin = db.beginTransaction.bind(db)
  const commit = db.commitTransaction.bind(db)
  const rollback = db.rollbackTransaction.bind(db)
  const byHandle = new WeakMap<object, Promise<unknown>>()
  const outcomes = new Map<TransactionId, Promise<unknown>>()

  /** Wraps drizzle's `transaction` once per drizzle instance (the adapter may make a new one). */
  const record = (drizzle: DrizzleLike & { [RECORDING]?: true }) => {
    if (!drizzle || drizzle[RECORDING]) return
    const original = drizzle.transaction
    drizzle.transaction = function (this: unknown, ...args: never[]) {
      const [callback, ...rest] = args as unknown as [(tx: object) => Promise<unknown>, ...never[]]
      // Drizzle calls back once BEGIN is done: usually later, but either order is covered.
      const seen: { handle?: object; transaction?: Promise<unknown> } = {}
      const transaction = original.apply(this, [
        (tx: object) => {
          seen.handle = tx
          if (seen.transaction) byHandle.set(tx, seen.transaction)
          return callback(tx)
        },
        ...rest,
      ] as never[])
      seen.transaction = transaction
      if (seen.handle) byHandle.set(seen.handle, transaction)
      return transaction
    }
    drizzle[RECORDING] = true
  }

  db.beginTransaction = async (options) => {
    record(db.drizzle)
    const id = await begin(options)
    const handle = id === null ? undefined : db.sessions[String(id)]?.db
    const transaction = handle && typeof handle === 'object' ? byHandle.get(handle) : undefined
    if (id !== null && transaction) {
      outcomes.set(
        id,
        transaction.then(
          () => undefined,
          (err: unknown) => err ?? new Error('the database rolled the transaction back'),
        ),
      )
    }
    return id
  }

  db.commitTransaction = async (incoming) => {
    const id = await incoming
    const outcome = outcomes.get(id)
    outcomes.delete(id)
    await commit(id)
    const err = await outcome
    if (err === undefined) return
    // What arrives is often drizzle's failed rollback ("TRANSACTION_CLOSED"), not the cause.
    const detail = err instanceof Error ? err.message : JSON.stringify(err)
    throw new Error(`${COMMIT_FAILED}: ${detail}`, { cause: err })
  }

  db.rollbackTransaction = async (incoming) => {
    const id = await incoming
    outcomes.delete(id)
    await rollback(id)
  }
}

/** The parts of @libsql/client's client this module touches. */
export type LibsqlClient = {
  execute: (...args: never[]) => Promise<unknown>
  transaction: (mode?: 'write' | 'read' | 'deferred') => Promise<{ rollback: () => Promise<void> }>
}

/** A write the disk refused (a file made read-only under an open connection gives this). */
const isIoError = (err: unknown) =>
  /SQLITE_IOERR|disk I\/O error/i.test(String((err as Error)?.message ?? err))

/** A write SQLite refused because the connection, or the file, is read-only. */
const isReadOnly = (err: unknown) =>
  /SQLITE_READONLY|readonly database/i.test(String((err as Error)?.message ?? err))

/**
 * Retires the connections @libsql/client would otherwise go on using after they are spent.
 *
 * - **Busy.** A statement that fails with SQLITE_BUSY stays open on its connection (SQLite
 *   keeps it, to be retried) until garbage collection finalizes it, and the client goes on using
 *   that connection: the next transaction on it fails at COMMIT, "cannot commit transaction -
 *   SQL statements in progress", a refused save nobody caused. Both kinds of statement do it: a
 *   write outside a transaction (`execute`), and the BEGIN IMMEDIATE of a transaction that found
 *   another process writing (`transaction`; the write queue retries those, so after any wait
 *   for an import or a backup the first save failed).
 * - **Read-only.** A connection that first reads the database while its files are read-only
 *   (a disk remounted read-only, an immutable file, a restore in progress) opens them read-only
 *   for its whole life, and the BEGIN of every transaction on it fails with SQLITE_READONLY.
 *   The client hands its connection to a transaction only once BEGIN succeeds, so it kept that
 *   one: writes stayed refused after the files were writable again, until a restart (1 fault
 *   run in 3 in CI). Such a failure leaves nothing written, so after retiring the connection
 *   the statement is tried once more, on a fresh one: the first write after the fault clears
 *   goes through.
 *
 * A connection is retired by `transaction()`, which takes the client's current connection and
 * leaves it a fresh one; that empty transaction is rolled back (the garbage collector closes
 * the connection).
 */
export const retireSpentConnections = (client: LibsqlClient): void => {
  const execute = client.execute.bind(client)
  const transaction = client.transaction.bind(client)
  const retire = () =>
    transaction('deferred')
      .then((retired) => retired.rollback())
      .catch(() => undefined)
  const guard = async <T>(attempt: () => Promise<T>): Promise<T> => {
    try {
      return await attempt()
    } catch (err) {
      if (isBusy(err)) await retire()
      if (!isReadOnly(err)) throw err
      await retire()
      try {
        return await attempt()
      } catch (again) {
        // Still read-only: that fresh connection was opened read-only too.
        if (isBusy(again) || isReadOnly(again)) await retire()
        throw again
      }
    }
  }
  client.execute = (...args: never[]) => guard(() => execute(...args))
  client.transaction = (mode) => guard(() => transaction(mode))
}

/** What drizzle and this module use of a @libsql/client transaction. */
type LibsqlTransaction = {
  execute: (statement: never) => Promise<unknown>
  batch: (statements: never[]) => Promise<unknown[]>
  commit: () => Promise<void>
  rollback: () => Promise<void>
  close: () => void
  readonly closed: boolean
}

/** A second client on the same database file, that holds the connection write transactions use. */
export type WriterClient = {
  execute: (statement: never) => Promise<unknown>
  close: () => void
}

const BEGIN = {
  write: 'BEGIN IMMEDIATE',
  read: 'BEGIN TRANSACTION READONLY',
  deferred: 'BEGIN DEFERRED',
} as const

/**
 * Runs transactions on one long-lived connection instead of a new one each.
 *
 * @libsql/client's `transaction()` hands its connection to the transaction and opens a new one
 * for the client, and nothing ever closes the connection it handed over: not the transaction
 * when it ends, not the garbage collector (its file stays open after a full collection). Each
 * transaction left one connection, with its file descriptors, page cache and parsed schema, for
 * the life of the process: a few megabytes per save in a server, per batch in an import.
 *
 * Here a transaction runs on the writer, a connection kept open for the life of the client; it is
 * closed and replaced (retired) when a statement leaves it unusable, as `retireSpentConnections`
 * does for the client's own connection: a BEGIN that met another process's write lock (it would
 * break the next COMMIT), a connection opened while the file was read-only (BEGIN is then tried
 * once more on a fresh one), a statement the file refused (read-only, or an I/O error: what a
 * connection opened before the file became read-only gets), a failed COMMIT or ROLLBACK. The write queue keeps this process's
 * transactions one at a time; one begun while the writer is taken (not through the queue) runs
 * on its own connection, as before.
 */
export const writeOnOneConnection = (
  client: LibsqlClient & { close: () => void },
  openWriter: () => WriterClient,
): void => {
  const ownConnection = client.transaction.bind(client)
  const closeClient = client.close.bind(client)
  let writer: WriterClient | undefined
  let taken = false

  const retire = (connection: WriterClient | undefined) => {
    if (connection === undefined) return
    if (writer === connection) writer = undefined
    try {
      connection.close()
    } catch {
      // Already closed.
    }
  }
  const begin = async (mode: keyof typeof BEGIN) => {
    const connection = (writer ??= openWriter())
    try {
      await connection.execute(BEGIN[mode] as never)
      return connection
    } catch (err) {
      retire(connection)
      throw err
    }
  }

  client.transaction = async (mode = 'write') => {
    if (taken) return ownConnection(mode)
    taken = true
    let connection: WriterClient
    try {
      try {
        connection = await begin(mode)
      } catch (err) {
        if (!isReadOnly(err)) throw err
        connection = await begin(mode)
      }
    } catch (err) {
      taken = false
      throw err
    }
    let open = true
    // A statement refused for the file's sake (read-only, an I/O error): the connection goes.
    let spent = false
    const ensureOpen = () => {
      if (!open) throw new Error('The transaction is closed (TRANSACTION_CLOSED)')
    }
    const run = async (statement: never) => {
      ensureOpen()
      try {
        return await connection.execute(statement)
      } catch (err) {
        if (isReadOnly(err) || isIoError(err)) spent = true
        throw err
      }
    }
    const end = async (statement: 'COMMIT' | 'ROLLBACK') => {
      open = false
      try {
        await connection.execute(statement as never)
        if (spent) retire(connection)
      } catch (err) {
        // A COMMIT that failed may leave the transaction open; closing the connection ends it.
        retire(connection)
        if (statement === 'COMMIT') throw err
      } finally {
        taken = false
      }
    }
    const transaction: LibsqlTransaction = {
      execute: run,
      batch: async (statements) => {
        const results: unknown[] = []
        for (const statement of statements) results.push(await run(statement))
        return results
      },
      commit: async () => {
        ensureOpen()
        await end('COMMIT')
      },
      rollback: async () => {
        if (open) await end('ROLLBACK')
      },
      close: () => {
        if (open) void end('ROLLBACK')
      },
      get closed() {
        return !open
      },
    }
    return transaction
  }

  client.close = () => {
    retire(writer)
    closeClient()
  }
}
