/**
 * @libsql/client with a real SQLite file: a statement that meets a busy database must not leave
 * its connection unable to commit the next transaction, and a connection opened while the file
 * was read-only must not refuse writes once it is writable again.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { createClient, type Client } from '@libsql/client'
import { afterEach, describe, expect, it } from 'vitest'

import { retireSpentConnections } from '../../src/workarounds/sqlite.ts'

const dirs: string[] = []
const immutable: string[] = []
afterEach(() => {
  for (const file of immutable.splice(0)) spawnSync('chattr', ['-i', file])
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

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
  if (retire) retireSpentConnections(cms)
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
  if (retire) retireSpentConnections(cms)
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
