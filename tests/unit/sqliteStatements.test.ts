import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { libsqlDatabase, reuseStatements } from '../../src/workarounds/statements.ts'

type Statement = {
  raw: (raw?: boolean) => Statement
  all: (...args: unknown[]) => unknown[][]
  run: (...args: unknown[]) => unknown
}
type Connection = {
  prepare: (sql: string) => Statement
  exec: (sql: string) => void
  close: () => void
}
type ConnectionClass = new (file: string) => Connection

/** A subclass of libsql's Database with the cache, so the real class stays as it is. */
const connectionClass = (size?: number) => {
  const Base = libsqlDatabase() as unknown as ConnectionClass
  const Patched = class extends Base {}
  reuseStatements(Patched, { size })
  return Patched
}

const dirs: string[] = []
const open = (Connection: ConnectionClass) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-statements-'))
  dirs.push(dir)
  const connection = new Connection(path.join(dir, 'test.db'))
  connection.exec('create table t (id integer primary key, v text unique)')
  return connection
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

describe('reuseStatements (register entry libsql-statements-per-query)', () => {
  it('should give the same statement for the same SQL, with the right answers for new arguments', () => {
    const connection = open(connectionClass())
    const insert = connection.prepare('insert into t (v) values (?)')
    expect(connection.prepare('insert into t (v) values (?)')).toBe(insert)
    for (const v of ['a', 'b', 'c']) connection.prepare('insert into t (v) values (?)').run([v])
    const select = () => connection.prepare('select id, v from t where v = ?').raw(true)
    expect(select().all(['b'])).toEqual([[2, 'b']])
    expect(select().all(['c'])).toEqual([[3, 'c']])
    expect(select().all(['z'])).toEqual([])
  })

  it('should keep statements apart per connection', () => {
    const Connection = connectionClass()
    const one = open(Connection)
    const other = open(Connection)
    expect(one.prepare('select 1')).not.toBe(other.prepare('select 1'))
  })

  it('should drop a statement that failed and prepare a fresh one next time', () => {
    const connection = open(connectionClass())
    const insert = connection.prepare('insert into t (v) values (?)')
    insert.run(['a'])
    expect(() => insert.run(['a'])).toThrow(/UNIQUE/)
    const next = connection.prepare('insert into t (v) values (?)')
    expect(next).not.toBe(insert)
    next.run(['b'])
    const reader = connection.prepare('select v from t where id = ?').raw(true)
    expect(() => reader.all([{}])).toThrow()
    expect(connection.prepare('select v from t where id = ?')).not.toBe(reader)
    expect(connection.prepare('select v from t order by v').raw(true).all()).toEqual([['a'], ['b']])
  })

  it('should keep the most recently used statements only', () => {
    const connection = open(connectionClass(2))
    const first = connection.prepare('select 1')
    const second = connection.prepare('select 2')
    expect(connection.prepare('select 1')).toBe(first)
    connection.prepare('select 3')
    expect(connection.prepare('select 1')).toBe(first)
    expect(connection.prepare('select 2')).not.toBe(second)
  })

  it('should commit after a kept statement read in the transaction, and see schema changes', () => {
    const connection = open(connectionClass())
    connection.prepare('insert into t (v) values (?)').run(['a'])
    const all = () => connection.prepare('select * from t').raw(true).all()
    connection.exec('begin')
    expect(all()).toEqual([[1, 'a']])
    connection.prepare('insert into t (v) values (?)').run(['b'])
    connection.exec('commit')
    connection.exec('alter table t add column w text')
    expect(all()).toEqual([
      [1, 'a', null],
      [2, 'b', null],
    ])
  })

  it('should leave the class it is given alone when applied twice, and libsql’s own class alone', () => {
    const Base = libsqlDatabase() as unknown as ConnectionClass
    const Patched = class extends Base {}
    reuseStatements(Patched)
    const { prepare } = Patched.prototype
    reuseStatements(Patched)
    expect(Patched.prototype.prepare).toBe(prepare)
    const plain = open(Base)
    expect(plain.prepare('select 1')).not.toBe(plain.prepare('select 1'))
  })
})
