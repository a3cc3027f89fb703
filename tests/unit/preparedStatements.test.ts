import { describe, expect, it } from 'vitest'

import {
  libsqlDatabase,
  reusePreparedStatements,
  type PreparingDatabase,
} from '../../src/workarounds/statements.ts'

type Statement = {
  raw: (on?: boolean) => Statement
  all: (args: unknown[]) => unknown[][]
  run: (args: unknown[]) => { changes: number }
  columns: () => { name: string }[]
}
type Db = Omit<PreparingDatabase, 'prepare'> & { prepare: (sql: string) => Statement }

/** A connection of its own class, so the patch stays off libsql's own `Database`. */
const connectionClass = (limit?: number) => {
  const Database = libsqlDatabase() as unknown as new (path: string) => Db
  class Connection extends Database {}
  reusePreparedStatements(Connection, { limit })
  return (): Db => {
    const db = new Connection(':memory:')
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)')
    return db
  }
}

describe('reusePreparedStatements', () => {
  it('should hand back the statement compiled for the same text', () => {
    const db = connectionClass()()
    const sql = 'SELECT id, v FROM t WHERE id > ?'
    expect(db.prepare(sql)).toBe(db.prepare(sql))
    expect(db.prepare(sql)).not.toBe(db.prepare('SELECT id FROM t'))
  })

  it('should run a kept statement with each new value', () => {
    const db = connectionClass()()
    const insert = () => db.prepare('INSERT INTO t (v) VALUES (?) RETURNING id, v').raw(true)
    expect([insert().all(['a']), insert().all(['b'])]).toEqual([[[1, 'a']], [[2, 'b']]])
  })

  it('should leave a kept statement usable after it failed', () => {
    const db = connectionClass()()
    const insert = () => db.prepare('INSERT INTO t (v) VALUES (?)')
    insert().run(['a'])
    expect(() => insert().run(['a'])).toThrow(/UNIQUE/)
    expect(insert().run(['b']).changes).toBe(1)
  })

  it.each([
    ['exec', (db: Db) => db.exec('ALTER TABLE t ADD COLUMN w TEXT')],
    ['prepare', (db: Db) => db.prepare('ALTER TABLE t ADD COLUMN w TEXT').run([])],
  ])('should compile again after a schema change made through %s', (_how, change) => {
    const db = connectionClass()()
    const sql = 'SELECT * FROM t'
    const before = db.prepare(sql)
    change(db)
    const after = db.prepare(sql)
    expect(after).not.toBe(before)
    expect(after.columns().map((column) => column.name)).toEqual(['id', 'v', 'w'])
  })

  it('should drop every connection’s statements after a schema change on one', () => {
    const connect = connectionClass()
    const [one, other] = [connect(), connect()]
    const sql = 'SELECT id FROM t'
    const before = other.prepare(sql)
    one.exec('CREATE TABLE u (id INTEGER PRIMARY KEY)')
    expect(other.prepare(sql)).not.toBe(before)
  })

  it('should keep statements per connection', () => {
    const connect = connectionClass()
    const sql = 'SELECT id FROM t'
    expect(connect().prepare(sql)).not.toBe(connect().prepare(sql))
  })

  it('should answer a kept statement’s columns as the driver did', () => {
    const db = connectionClass()()
    const sql = 'SELECT id, v AS value FROM t'
    const names = () =>
      db
        .prepare(sql)
        .columns()
        .map((column) => column.name)
    expect([names(), names()]).toEqual([
      ['id', 'value'],
      ['id', 'value'],
    ])
  })

  it('should refuse raw mode for a kept statement that returns no rows, every time', () => {
    const db = connectionClass()()
    const raw = () => db.prepare('UPDATE t SET v = v WHERE id = ?').raw(true)
    expect(raw).toThrow()
    expect(raw).toThrow()
  })

  it('should give rows as arrays or objects as last asked', () => {
    const db = connectionClass()()
    db.prepare('INSERT INTO t (v) VALUES (?)').run(['a'])
    const select = () => db.prepare('SELECT v FROM t')
    expect(select().raw(true).all([])).toEqual([['a']])
    expect(select().raw(false).all([])).toEqual([{ v: 'a' }])
    expect(select().raw(true).all([])).toEqual([['a']])
  })

  it.each(['BEGIN IMMEDIATE', 'PRAGMA foreign_keys'])('should compile %s every time', (sql) => {
    const db = connectionClass()()
    expect(db.prepare(sql)).not.toBe(db.prepare(sql))
  })

  it('should keep the most recently used statements up to the limit', () => {
    const db = connectionClass(2)()
    const [a, b, c] = ['SELECT 1', 'SELECT 2', 'SELECT 3']
    const [firstA, firstB] = [db.prepare(a), db.prepare(b)]
    db.prepare(a)
    db.prepare(c)
    expect(db.prepare(a)).toBe(firstA)
    expect(db.prepare(b)).not.toBe(firstB)
  })
})
