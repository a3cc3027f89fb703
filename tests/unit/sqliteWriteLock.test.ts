import { describe, expect, it } from 'vitest'

import { serializeWriteTransactions } from '../../src/lib/sqliteWriteLock.ts'

const fakeDb = ({ busyTimes = 0 } = {}) => {
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
  serializeWriteTransactions(db)
  return { db, events }
}

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
