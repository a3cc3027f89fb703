import { describe, expect, it } from 'vitest'

import { serializeWriteTransactions, surfaceCommitErrors } from '../../src/workarounds/sqlite.ts'

const fakeDb = ({
  busyTimes = 0,
  ...options
}: { busyTimes?: number } & Parameters<typeof serializeWriteTransactions>[1] = {}) => {
  const events: string[] = []
  let next = 0
  let busy = busyTimes
  const db = {
    beginTransaction: () => {
      if (busy > 0) {
        busy -= 1
        return Promise.reject(new Error('SQLITE_BUSY: database is locked'))
      }
      next += 1
      events.push(`begin ${next}`)
      return Promise.resolve(next)
    },
    commitTransaction: async (id: number | string | Promise<number | string>) => {
      events.push(`commit ${await id}`)
    },
    rollbackTransaction: async (id: number | string | Promise<number | string>) => {
      events.push(`rollback ${await id}`)
    },
  }
  serializeWriteTransactions(db, options)
  return { db, events }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('serializeWriteTransactions', () => {
  it('should run one transaction at a time, in order', async () => {
    const { db, events } = fakeDb()
    const work = async (ms: number, end: 'commit' | 'rollback') => {
      const id = await db.beginTransaction()
      await new Promise((resolve) => setTimeout(resolve, ms))
      await (end === 'commit' ? db.commitTransaction(id) : db.rollbackTransaction(id))
    }
    await Promise.all([work(30, 'commit'), work(1, 'rollback'), work(1, 'commit')])
    expect(events).toEqual(['begin 1', 'commit 1', 'begin 2', 'rollback 2', 'begin 3', 'commit 3'])
  })

  it('should retry BEGIN while another process holds the database', async () => {
    const { db, events } = fakeDb({ busyTimes: 3 })
    const id = await db.beginTransaction()
    await db.commitTransaction(id)
    expect(events).toEqual(['begin 1', 'commit 1'])
  })
})

describe('serializeWriteTransactions: the event loop', () => {
  it('should turn before each BEGIN, though every step of the chain settles at once', async () => {
    const { db, events } = fakeDb()
    const turns: number[] = []
    const countTurns = () => {
      turns.push(events.length)
      if (turns.length < 3) setImmediate(countTurns)
    }
    setImmediate(countTurns)
    // A chain of writes on a synchronous driver: nothing in it waits for I/O or a timer.
    for (let n = 0; n < 3; n++) await db.commitTransaction(await db.beginTransaction())
    // One turn of the loop came before each transaction began, not after the whole chain.
    expect(turns).toEqual([0, 2, 4])
  })
})

describe('serializeWriteTransactions: a transaction nobody ends', () => {
  it('should be reported once, with where it began, after the wait limit', async () => {
    const reports: { seconds: number; begunAt: string }[] = []
    const { db } = fakeDb({ waitMs: 40, onLongTransaction: (problem) => reports.push(problem) })
    const beginTheForgottenOne = () => db.beginTransaction()
    const id = await beginTheForgottenOne()
    await sleep(120)
    expect(reports).toHaveLength(1)
    expect(reports[0].seconds).toBe(0.04)
    expect(reports[0].begunAt).toContain('beginTheForgottenOne')
    await db.commitTransaction(id)
  })

  it('should not be reported when it ends in time', async () => {
    const reports: unknown[] = []
    const { db } = fakeDb({ waitMs: 40, onLongTransaction: (problem) => reports.push(problem) })
    const id = await db.beginTransaction()
    await db.rollbackTransaction(id)
    await sleep(80)
    expect(reports).toEqual([])
  })
})

describe('surfaceCommitErrors', () => {
  /**
   * Like @payloadcms/drizzle: drizzle's transaction calls back with its handle once BEGIN is
   * done, the adapter keeps the handle in `sessions`, and the transaction's own failure (at
   * COMMIT) is caught and dropped. `commitErrors` says how each transaction's COMMIT ends.
   */
  const drizzleLikeDb = (commitErrors: (Error | undefined)[] = []) => {
    const finishes = new Map<string, (ok: boolean) => void>()
    let begun = 0
    const db = {
      sessions: {} as Record<string, { db: unknown } | undefined>,
      drizzle: {
        transaction: (callback: (tx: object) => Promise<void>) =>
          Promise.resolve().then(() => callback({ handle: begun })),
      },
      async beginTransaction() {
        const n = begun++
        const id = `tx-${n}`
        const commitError = commitErrors[n]
        await new Promise<void>((ready) => {
          const done = db.drizzle
            .transaction(async (tx) => {
              db.sessions[id] = { db: tx }
              await new Promise<void>((resolve, reject) => {
                finishes.set(id, (ok) =>
                  ok && !commitError ? resolve() : reject(commitError ?? new Error('rollback')),
                )
                ready()
              })
            })
            .catch(() => undefined)
          void done
        })
        return id as number | string | null
      },
      commitTransaction: async (id: unknown) => {
        finishes.get(String(id))?.(true)
        delete db.sessions[String(id)]
        await sleep(1)
      },
      rollbackTransaction: async (id: unknown) => {
        finishes.get(String(id))?.(false)
        delete db.sessions[String(id)]
        await sleep(1)
      },
    }
    surfaceCommitErrors(db)
    return db
  }

  it('should throw when the commit failed, though the adapter swallowed it', async () => {
    const db = drizzleLikeDb([new Error('SQLITE_IOERR: disk I/O error')])
    const id = await db.beginTransaction()
    await expect(db.commitTransaction(id!)).rejects.toThrow(
      /could not commit the change: SQLITE_IOERR/,
    )
  })

  it('should stay quiet when the commit worked, and on rollback', async () => {
    const ok = drizzleLikeDb()
    await expect(ok.commitTransaction((await ok.beginTransaction())!)).resolves.toBeUndefined()
    const failing = drizzleLikeDb([new Error('never seen')])
    await expect(
      failing.rollbackTransaction((await failing.beginTransaction())!),
    ).resolves.toBeUndefined()
  })

  it('should tell concurrent transactions apart (PostgreSQL runs many at once)', async () => {
    const db = drizzleLikeDb([undefined, new Error('terminating connection'), undefined])
    const ids = await Promise.all([
      db.beginTransaction(),
      db.beginTransaction(),
      db.beginTransaction(),
    ])
    const results = await Promise.allSettled(ids.reverse().map((id) => db.commitTransaction(id)))
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/terminating connection/)
  })
})
