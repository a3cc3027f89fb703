/**
 * @libsql/client with a real SQLite file: a statement that meets a busy database must not leave
 * its connection unable to commit the next transaction, and a connection opened while the file
 * was read-only must not refuse writes once it is writable again.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import v8 from 'node:v8'
import vm from 'node:vm'

import { createClient, type Client } from '@libsql/client'
import { afterEach, describe, expect, it } from 'vitest'

import { eventually } from '../helpers/eventually.ts'
import { retireSpentConnections, writeOnOneConnection } from '../../src/workarounds/sqlite.ts'

const dirs: string[] = []
const immutable: string[] = []
afterEach(() => {
  for (const file of immutable.splice(0)) spawnSync('chattr', ['-i', file])
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

/** What the server does to its client: the workarounds of the defect register, in its order. */
const patch = (cms: Client, url: string) => {
  retireSpentConnections(cms)
  writeOnOneConnection(cms, () => createClient({ url }))
}

/** `chattr ±i`: even root cannot write an immutable file (chmod would not stop root). */
const setImmutable = (files: string[], on: boolean) => {
  for (const file of files) {
    const result = spawnSync('chattr', [on ? '+i' : '-i', file], { encoding: 'utf8' })
    if (result.status !== 0) {
      throw new Error(`chattr ${on ? '+i' : '-i'} ${file} failed: ${result.stderr.trim()}`)
    }
    if (on) immutable.push(file)
  }
}

type Busy = 'a write outside a transaction' | 'the BEGIN of a transaction'

/** A client one of whose statements met another connection's write lock, since released. */
const clientAfterBusy = async ({ busy, retire }: { busy: Busy; retire: boolean }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-libsql-'))
  dirs.push(dir)
  const url = `file:${path.join(dir, 'test.db')}`
  const cms = createClient({ url })
  if (retire) patch(cms, url)
  await cms.execute('PRAGMA journal_mode = WAL')
  await cms.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE)')
  const other = createClient({ url })
  const held = await other.transaction('write')
  await held.execute("INSERT INTO t (k) VALUES ('other')")
  const attempt =
    busy === 'a write outside a transaction'
      ? cms.execute("INSERT INTO t (k) VALUES ('bare') RETURNING id")
      : cms.transaction('write')
  await expect(attempt).rejects.toThrow(/locked|BUSY/)
  await held.commit()
  other.close()
  return cms
}

const commitOne = async (cms: Client) => {
  const tx = await cms.transaction('write')
  await tx.execute("INSERT INTO t (k) VALUES ('after')")
  await tx.commit()
}

const BUSY: Busy[] = ['a write outside a transaction', 'the BEGIN of a transaction']

describe('a statement that met a busy database', () => {
  it.each(BUSY)('should leave the next transaction able to commit after %s', async (busy) => {
    const cms = await clientAfterBusy({ busy, retire: true })
    await commitOne(cms)
    const rows = await cms.execute('SELECT k FROM t ORDER BY id')
    expect(rows.rows.map((row) => row.k)).toEqual(['other', 'after'])
    cms.close()
  })

  it.each(BUSY)(
    'should otherwise break that commit after %s (what the retirement guards against)',
    async (busy) => {
      const cms = await clientAfterBusy({ busy, retire: false })
      await expect(commitOne(cms)).rejects.toThrow(/statements in progress/)
      cms.close()
    },
  )
})

/**
 * A client whose connection opened the database before it was made immutable but first read it
 * after, which opens the write-ahead log read-only for the connection's whole life; the file is
 * writable again. (In the server the gap is any moment between the client opening its next
 * connection and that connection's first read.) Another client keeps the file open throughout,
 * as the other instances of a site do.
 */
const clientAfterReadOnly = async ({ retire }: { retire: boolean }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-libsql-'))
  dirs.push(dir)
  const file = path.join(dir, 'test.db')
  const url = `file:${file}`
  const other = createClient({ url })
  await other.execute('PRAGMA journal_mode = WAL')
  await other.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE)')
  await other.execute("INSERT INTO t (k) VALUES ('before')")
  const cms = createClient({ url })
  if (retire) patch(cms, url)
  // Opens the client's connection without reading the database.
  await cms.execute('SELECT 1')
  // The database and its write-ahead log; not the -shm index SQLite maps into memory.
  const files = [file, `${file}-wal`].filter((one) => fs.existsSync(one))
  setImmutable(files, true)
  expect((await cms.execute('SELECT count(*) AS n FROM t')).rows[0]?.n).toBe(1)
  await expect(commitOne(cms)).rejects.toThrow(/READONLY|readonly/)
  await expect(cms.execute("INSERT INTO t (k) VALUES ('refused')")).rejects.toThrow(
    /READONLY|readonly/,
  )
  setImmutable(files, false)
  return { cms, other }
}

describe('a connection that met the database read-only', () => {
  it('should not keep the client from writing once the file is writable again', async () => {
    const { cms, other } = await clientAfterReadOnly({ retire: true })
    await commitOne(cms)
    await cms.execute("INSERT INTO t (k) VALUES ('bare')")
    const rows = await other.execute('SELECT k FROM t ORDER BY id')
    expect(rows.rows.map((row) => row.k)).toEqual(['before', 'after', 'bare'])
    cms.close()
    other.close()
  })

  it('should otherwise refuse every write for ever (what the retirement guards against)', async () => {
    const { cms, other } = await clientAfterReadOnly({ retire: false })
    for (let attempt = 0; attempt < 3; attempt++) {
      await expect(commitOne(cms)).rejects.toThrow(/READONLY|readonly/)
    }
    cms.close()
    other.close()
  })
})

/** This process's open descriptors of `file`: one per connection to it. */
const connectionsTo = (file: string) =>
  fs.readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`) === file
    } catch {
      return false // closed while listed (the listing's own descriptor)
    }
  }).length

/** V8's full collection, without `node --expose-gc`. */
const collectGarbage = () => {
  v8.setFlagsFromString('--expose-gc')
  ;(vm.runInNewContext('gc') as () => void)()
}

const writeInTransactions = async (cms: Client, count: number) => {
  for (let n = 0; n < count; n++) {
    const tx = await cms.transaction('write')
    await tx.execute({ sql: 'INSERT INTO t (k) VALUES (?)', args: [`k${n}`] })
    await tx.commit()
  }
}

const freshDatabase = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-libsql-'))
  dirs.push(dir)
  const file = path.join(dir, 'test.db')
  const url = `file:${file}`
  const cms = createClient({ url })
  await cms.execute('PRAGMA journal_mode = WAL')
  await cms.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE)')
  return { cms, file, url }
}

describe('the connections of transactions', () => {
  it('should still be left open by @libsql/client until a full collection (canary of libsql-transaction-connections)', async () => {
    const { cms, file } = await freshDatabase()
    await writeInTransactions(cms, 10)
    // One connection per transaction (the first was the client's own), none closed. (A
    // collection could come in between and close some, hence not exactly 10.)
    expect(connectionsTo(file)).toBeGreaterThanOrEqual(5)
    cms.close()
  })

  it('should be one connection, the writer, however many transactions run', async () => {
    const { cms, file, url } = await freshDatabase()
    patch(cms, url)
    await writeInTransactions(cms, 25)
    // The client's own connection, for reads, and the writer.
    expect(connectionsTo(file)).toBe(2)
    const rows = await cms.execute('SELECT count(*) AS n FROM t')
    expect(rows.rows[0]?.n).toBe(25)
    cms.close()
    // Closed: SQLite lets go of the file once the statements prepared on them are finalized.
    await eventually({
      read: () => {
        collectGarbage()
        return Promise.resolve(connectionsTo(file))
      },
      isDone: (open) => open === 0,
      what: 'the connections closed',
    })
  })

  it('should keep the writer usable after a failed statement and a rollback', async () => {
    const { cms, url } = await freshDatabase()
    patch(cms, url)
    await writeInTransactions(cms, 1)
    const tx = await cms.transaction('write')
    await tx.execute("INSERT INTO t (k) VALUES ('rolled back')")
    await expect(tx.execute("INSERT INTO t (k) VALUES ('k0')")).rejects.toThrow(/UNIQUE/)
    await tx.rollback()
    expect(tx.closed).toBe(true)
    await expect(tx.execute('SELECT 1')).rejects.toThrow(/closed/)
    const next = await cms.transaction('write')
    await next.execute("INSERT INTO t (k) VALUES ('after')")
    await next.commit()
    const rows = await cms.execute('SELECT k FROM t ORDER BY id')
    expect(rows.rows.map((row) => row.k)).toEqual(['k0', 'after'])
    cms.close()
  })

  it('should give a transaction begun while the writer is taken a connection of its own', async () => {
    const { cms, url } = await freshDatabase()
    patch(cms, url)
    const first = await cms.transaction('deferred')
    const second = await cms.transaction('deferred')
    await first.execute('SELECT count(*) FROM t')
    await second.execute('SELECT count(*) FROM t')
    await first.commit()
    await second.commit()
    await writeInTransactions(cms, 2)
    expect((await cms.execute('SELECT count(*) AS n FROM t')).rows[0]?.n).toBe(2)
    cms.close()
  })
})
