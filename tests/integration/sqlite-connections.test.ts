/**
 * @libsql/client with a real SQLite file: a statement outside a transaction that meets a busy
 * database must not leave its connection unable to commit the next transaction.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { createClient, type Client } from '@libsql/client'
import { afterEach, describe, expect, it } from 'vitest'

import { retireConnectionsAfterBusyStatements } from '../../src/workarounds/sqlite.ts'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

type Busy = 'a write outside a transaction' | 'the BEGIN of a transaction'

/** A client one of whose statements met another connection's write lock, since released. */
const clientAfterBusy = async ({ busy, retire }: { busy: Busy; retire: boolean }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-libsql-'))
  dirs.push(dir)
  const url = `file:${path.join(dir, 'test.db')}`
  const cms = createClient({ url })
  if (retire) retireConnectionsAfterBusyStatements(cms)
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
