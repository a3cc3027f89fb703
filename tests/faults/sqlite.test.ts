/**
 * The SQLite file becomes unwritable under a running production server: locked by another
 * process, or made read-only. Writes must answer 503 with the reason and store nothing,
 * reads must go on, /readyz must say so, and all must recover once the fault clears.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { createClient, type Client, type Transaction } from '@libsql/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startNewsroom, type Newsroom } from '../helpers/newsroom.ts'

let room: Newsroom
let dbFile: string

beforeAll(async () => {
  room = await startNewsroom({ env: { DATABASE_BUSY_SECONDS: '2' } })
  dbFile = path.join(room.server.dataDir, 'cms.db')
})

afterAll(async () => {
  setImmutable(false)
  await room?.stop()
})

/**
 * The database and its write-ahead log. Not the -shm index: SQLite maps it into memory, and a
 * mapped file turned immutable underneath makes the kernel kill the process (SIGBUS), a
 * fault no program can answer (nor can a file system be remounted read-only while it is so
 * mapped).
 */
const dbFiles = () => [dbFile, `${dbFile}-wal`].filter((file) => fs.existsSync(file))

/** `chattr ±i`: even root cannot write an immutable file (chmod would not stop root). */
const setImmutable = (on: boolean) => {
  if (!dbFile) return
  for (const file of dbFiles()) {
    const result = spawnSync('chattr', [on ? '+i' : '-i', file], { encoding: 'utf8' })
    if (result.status !== 0 && on) {
      throw new Error(
        `chattr +i ${file} failed (${result.stderr.trim()}): cannot make it read-only`,
      )
    }
  }
}

const write = (title: string) =>
  room.http('/api/posts?draft=true', {
    method: 'POST',
    token: room.tokens.editor,
    json: { title },
  })

/** A signed-in read: never answered from the anonymous cache, so it reaches the database. */
const staffRead = () =>
  room.http('/api/posts?draft=true&limit=5&depth=1', { token: room.tokens.editor })

const countTitled = async (title: string) =>
  (
    await room.http(
      `/api/posts/count?draft=true&where[title][equals]=${encodeURIComponent(title)}`,
      {
        token: room.tokens.admin,
      },
    )
  ).body.totalDocs as number

/**
 * Once the fault is gone the server recovers by itself, without a restart: readiness reports it
 * as soon as SQLite lets a write through again (a connection that met the read-only file can
 * need a moment). Waits on that condition, bounded, then writes.
 */
const expectHealthyAgain = async (title: string) => {
  await expect
    .poll(
      async () => {
        const ready = await room.http('/readyz')
        return { status: ready.status, body: ready.text }
      },
      { timeout: 20_000, interval: 250 },
    )
    .toMatchObject({ status: 200 })
  const written = await write(title)
  expect(written.status, written.text).toBe(201)
  expect(await countTitled(title)).toBe(1)
}

/**
 * Takes SQLite's write lock from another process. The server writes by itself now and then (its
 * job queue runs every 10 s), so the lock is waited for, as any second writer would, rather
 * than asked for once: a busy timeout on the connection that then begins the transaction.
 */
const lockDatabase = async (): Promise<{ client: Client; lock: Transaction }> => {
  const client = createClient({ url: `file:${dbFile}` })
  await client.execute('PRAGMA busy_timeout = 20000')
  return { client, lock: await client.transaction('write') }
}

describe('a database locked by another process', () => {
  it('should refuse writes with 503 and the reason, and keep serving reads', async () => {
    const { client, lock } = await lockDatabase()
    try {
      const started = Date.now()
      const refused = await write('Written while locked')
      expect(refused.status, refused.text).toBe(503)
      expect(refused.body.errors[0].message).toMatch(/locked by another process.*Nothing was saved/)
      expect(Date.now() - started).toBeLessThan(10_000)

      const read = await staffRead()
      expect(read.status).toBe(200)
      expect(read.body.docs.length).toBeGreaterThan(0)
      const anonymous = await room.http('/api/posts?limit=3&depth=0&where[id][exists]=true')
      expect(anonymous.status).toBe(200)

      const ready = await room.http('/readyz')
      expect(ready.status).toBe(503)
      expect(ready.body).toMatchObject({ status: 'degraded', reads: 'ok' })
      expect(ready.body.writes).toMatch(/refused: the database is locked/)
    } finally {
      await lock.rollback()
      client.close()
    }
  })

  it('should take writes again once the lock is gone, with nothing stored from before', async () => {
    expect(await countTitled('Written while locked')).toBe(0)
    await expectHealthyAgain('Written after the lock')
  })

  it('should save the very first write after a lock, with no /readyz in between', async () => {
    // Waiting out the lock leaves SQLite statements open on a connection: the first save after
    // it used to fail at COMMIT ("SQL statements in progress").
    const { client: other, lock: held } = await lockDatabase()
    try {
      expect((await write('Refused during a second lock')).status).toBe(503)
    } finally {
      await held.rollback()
      other.close()
    }
    const first = await write('First after the second lock')
    expect(first.status, first.text).toBe(201)
    expect(await countTitled('First after the second lock')).toBe(1)
  })
})

describe('a read-only database', () => {
  const acknowledged: string[] = []
  const refusedTitles: string[] = []

  it('should refuse writes with 503 and the reason, and keep serving reads', async () => {
    setImmutable(true)
    try {
      // A connection SQLite opened before the freeze may still write through its open file;
      // what it acknowledges is stored and must stay. New connections are read-only.
      for (let attempt = 0; attempt < 4 && refusedTitles.length === 0; attempt++) {
        const title = `Written while read-only ${attempt}`
        const answer = await write(title)
        if (answer.status === 201) {
          acknowledged.push(title)
          continue
        }
        expect(answer.status, answer.text).toBe(503)
        // "read-only" when SQLite says so at once; "could not save" when it fails at COMMIT;
        // "cannot be written" on a connection opened before the freeze (a disk I/O error).
        expect(answer.body.errors[0].message).toMatch(
          /Service unavailable: the database (is read-only|could not save the change|file cannot be written).*Nothing was saved/,
        )
        refusedTitles.push(title)
      }
      expect(refusedTitles, `acknowledged: ${acknowledged.join(', ')}`).toHaveLength(1)

      const read = await staffRead()
      expect(read.status, read.text).toBe(200)
      expect(read.body.docs.length).toBeGreaterThan(0)

      const ready = await room.http('/readyz')
      expect(ready.status).toBe(503)
      expect(ready.body).toMatchObject({ status: 'degraded', reads: 'ok' })
      expect(ready.body.writes).toBe('refused: the database is read-only')
    } finally {
      setImmutable(false)
    }
  })

  it('should keep what it acknowledged, store nothing it refused, and recover', async () => {
    for (const title of acknowledged) expect(await countTitled(title), title).toBe(1)
    for (const title of refusedTitles) expect(await countTitled(title), title).toBe(0)
    await expectHealthyAgain('Written after read-only')
  })
})
