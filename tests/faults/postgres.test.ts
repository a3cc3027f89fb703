/**
 * PostgreSQL misbehaving under a running production server: stopped and started again, its
 * connection pool exhausted, a statement running past its timeout, unreachable or refusing
 * the login at start. Every request gets an answer that says why (503, never a 500), nothing
 * acknowledged is lost or stored twice, and everything resumes once the fault clears. The
 * server here is the suite's own (tests/helpers/postgres.ts), so it can be stopped.
 */
import fs from 'node:fs'
import path from 'node:path'

import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { outputDir } from '../helpers/browser.ts'
import { startNewsroom, type HttpAnswer, type Newsroom } from '../helpers/newsroom.ts'
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.ts'
import { startProductionServer, type RunningServer } from '../helpers/server.ts'

const POOL_MAX = 3
const CONNECT_TIMEOUT_SECONDS = 1
const STATEMENT_TIMEOUT_SECONDS = 4

let server: TestPostgres
let room: Newsroom
let password: string

beforeAll(async () => {
  // Commits are acknowledged only once on disk, as in production.
  server = await startTestPostgres({ settings: { synchronous_commit: 'on' } })
  const uri = await server.createDatabase('newsroom_faults')
  password = new URL(uri).password
  room = await startNewsroom({
    env: {
      DATABASE_URI: uri,
      DATABASE_POOL_MAX: String(POOL_MAX),
      DATABASE_CONNECT_TIMEOUT_SECONDS: String(CONNECT_TIMEOUT_SECONDS),
      DATABASE_STATEMENT_TIMEOUT_SECONDS: String(STATEMENT_TIMEOUT_SECONDS),
    },
  })
})

afterAll(async () => {
  // The CMS's log, for a failure's post-mortem.
  if (room) {
    fs.mkdirSync(outputDir, { recursive: true })
    fs.writeFileSync(path.join(outputDir, 'postgres-faults-server.log'), room.server.output())
  }
  await room?.stop()
  await server?.stop()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `check` until it holds or `ms` pass; returns whether it held. */
const eventually = async (check: () => Promise<boolean>, ms: number): Promise<boolean> => {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (await check()) return true
    await sleep(200)
  }
  return false
}

const write = (title: string) =>
  room.http('/api/posts?draft=true', {
    method: 'POST',
    token: room.tokens.editor,
    json: { title },
  })

/** A signed-in read: never answered from the anonymous cache, so it reaches the database. */
const staffRead = () =>
  room.http('/api/posts?draft=true&limit=5&depth=0', { token: room.tokens.editor })

const countTitled = async (title: string) => {
  const answer = await room.http(
    `/api/posts/count?draft=true&where[title][equals]=${encodeURIComponent(title)}`,
    { token: room.tokens.admin },
  )
  expect(answer.status, answer.text).toBe(200)
  return answer.body.totalDocs as number
}

const messageOf = (answer: HttpAnswer) => String(answer.body?.errors?.[0]?.message ?? answer.text)

/** Holds exclusive locks on tables from another session until released. */
const lockTables = async (tables: string[]) => {
  const uri = room.server.databaseUri
  const client = new pg.Client({ connectionString: uri })
  await client.connect()
  await client.query('BEGIN')
  await client.query(
    `LOCK TABLE ${tables.map((t) => `"${t}"`).join(', ')} IN ACCESS EXCLUSIVE MODE`,
  )
  return {
    release: async () => {
      await client.query('ROLLBACK')
      await client.end()
    },
  }
}

describe('the server stopped and started again under the running CMS', () => {
  type Outcome = { title: string; status: number | 'no answer'; text?: string }
  const outcomes: Outcome[] = []
  const reads: (number | 'no answer')[] = []

  it('should answer 503 with the reason while it is down, and resume reads and writes', async () => {
    let phase: 'before' | 'down' | 'after' | 'done' = 'before'
    let counter = 0
    const writer = async (n: number) => {
      while (phase !== 'done') {
        const title = `Saved across a restart ${n}-${counter++}`
        const answer = await write(title).catch(() => undefined)
        outcomes.push({
          title,
          status: answer?.status ?? 'no answer',
          ...(answer?.status === 201 ? {} : { text: answer?.text }),
        })
        if (answer && answer.status !== 201) await sleep(100)
      }
    }
    const reader = async () => {
      while (phase !== 'done') {
        const answer = await staffRead().catch(() => undefined)
        reads.push(answer?.status ?? 'no answer')
        await sleep(50)
      }
    }
    const load = [writer(1), writer(2), writer(3), reader()]
    let isDown = false
    try {
      await eventually(
        () => Promise.resolve(outcomes.filter((o) => o.status === 201).length >= 10),
        20_000,
      )
      phase = 'down'
      await server.pause()
      isDown = true
      const downAt = outcomes.length
      // Wait until the CMS has noticed: a write refused while the server is away.
      expect(
        await eventually(
          () => Promise.resolve(outcomes.slice(downAt).some((o) => o.status !== 201)),
          20_000,
        ),
      ).toBe(true)
      const ready = await room.http('/readyz')
      expect(ready.status, ready.text).toBe(503)
      expect(ready.body.reason).toMatch(/^database not reachable: .*ECONNREFUSED/)

      await server.resume()
      isDown = false
      phase = 'after'
      const upAt = outcomes.length
      // Writes resume by themselves: no restart of the CMS.
      expect(
        await eventually(
          () => Promise.resolve(outcomes.slice(upAt).filter((o) => o.status === 201).length >= 10),
          30_000,
        ),
        `after the restart: ${JSON.stringify(outcomes.slice(upAt).slice(-5))}`,
      ).toBe(true)
    } finally {
      if (isDown) await server.resume()
      phase = 'done'
      await Promise.all(load)
    }

    const refused = outcomes.filter((o) => o.status !== 201)
    expect(refused.length).toBeGreaterThan(0)
    // Every answer says what happened: 201, or 503 with the reason; never a 500.
    const unexplained = outcomes.filter((o) => o.status !== 201 && o.status !== 503)
    expect(unexplained, JSON.stringify(unexplained.slice(0, 3))).toEqual([])
    expect(new Set(reads)).toEqual(new Set([200, 503]))
    expect((await room.http('/readyz')).status).toBe(200)
  })

  it('should keep every acknowledged write exactly once, and store no refused one twice', async () => {
    const acknowledged = outcomes.filter((o) => o.status === 201)
    // The API caps pages: read them all.
    const titles: string[] = []
    for (let page = 1; ; page += 1) {
      const list = await room.http(
        `/api/posts?draft=true&limit=100&page=${page}&depth=0&where[title][like]=${encodeURIComponent('Saved across a restart')}`,
        { token: room.tokens.admin },
      )
      expect(list.status, list.text).toBe(200)
      titles.push(...list.body.docs.map((doc: { title: string }) => doc.title))
      if (!list.body.hasNextPage) break
    }
    const stored = new Map<string, number>()
    for (const title of titles) stored.set(title, (stored.get(title) ?? 0) + 1)
    for (const { title } of acknowledged) expect(stored.get(title), title).toBe(1)
    for (const [title, times] of stored) expect(times, title).toBe(1)
  })
})

describe('a connection pool exhausted and a statement timeout', () => {
  it('should answer the requests that find no free connection 503 at once, then the held ones', async () => {
    const lock = await lockTables(['posts', '_posts_v'])
    let answers: HttpAnswer[] = []
    const started = Date.now()
    try {
      answers = await Promise.all(Array.from({ length: POOL_MAX + 5 }, () => staffRead()))
    } finally {
      await lock.release()
    }
    const elapsed = Date.now() - started
    const messages = answers.map(messageOf)
    expect(
      answers.map((a) => a.status),
      messages.join('\n'),
    ).toEqual(answers.map(() => 503))
    // Those that waited for a connection, after DATABASE_CONNECT_TIMEOUT_SECONDS…
    expect(messages.some((m) => /all database connections are busy/.test(m))).toBe(true)
    // …and those that held one, once the statement ran past DATABASE_STATEMENT_TIMEOUT_SECONDS.
    expect(messages.some((m) => /took too long to answer \(statement timeout\)/.test(m))).toBe(true)
    expect(messages.every((m) => /^Service unavailable: .*Try again later\.$/.test(m))).toBe(true)
    expect(elapsed).toBeLessThan((STATEMENT_TIMEOUT_SECONDS + 10) * 1000)

    const after = await Promise.all(Array.from({ length: POOL_MAX + 5 }, () => staffRead()))
    expect(after.map((a) => a.status)).toEqual(after.map(() => 200))
  })

  it('should refuse a write that outlives the statement timeout, store nothing, then take writes', async () => {
    const lock = await lockTables(['posts', '_posts_v'])
    let refused: HttpAnswer
    try {
      refused = await write('Written while the table was locked')
    } finally {
      await lock.release()
    }
    expect(refused.status, refused.text).toBe(503)
    expect(messageOf(refused)).toMatch(
      /the database took too long to answer \(statement timeout\)\. Nothing was saved/,
    )
    expect(await countTitled('Written while the table was locked')).toBe(0)
    const written = await write('Written after the lock')
    expect(written.status, written.text).toBe(201)
    expect(await countTitled('Written after the lock')).toBe(1)
  })

  it('should never print the database password', () => {
    expect(room.server.output()).not.toContain(password)
  })
})

describe('PostgreSQL unreachable or refusing at start', () => {
  const started: RunningServer[] = []
  afterAll(async () => {
    for (const cms of started) await cms.stop()
  })

  const readyzOf = async (cms: RunningServer) => {
    const answer = await fetch(`${cms.baseUrl}/readyz`).catch(() => undefined)
    return answer
      ? { status: answer.status, body: (await answer.json()) as { reason?: string } }
      : undefined
  }

  it.each([
    ['a closed port', () => 'postgres://cms:secret-pw@127.0.0.1:9/newsroom', /ECONNREFUSED/],
    [
      'a wrong password',
      () => server.uri('postgres').replace(/:[^:@/]+@/, ':not-the-password@'),
      /password authentication failed/,
    ],
  ])('should say why within 15 s (%s), without the password', async (_what, uri, reason) => {
    const began = Date.now()
    const cms = await startProductionServer({
      env: { DATABASE_URI: uri() },
      waitUntilReady: false,
    })
    started.push(cms)
    let last: Awaited<ReturnType<typeof readyzOf>>
    const said = await eventually(async () => {
      last = await readyzOf(cms)
      return last?.status === 503 && reason.test(last.body.reason ?? '')
    }, 15_000)
    expect(said, JSON.stringify(last!)).toBe(true)
    expect(Date.now() - began).toBeLessThan(20_000)
    expect(last!.body.reason).toMatch(/^database not reachable: /)
    const secret = new URL(uri()).password
    expect(cms.output()).not.toContain(secret)
  })

  it('should start once the server comes up, retrying by itself', async () => {
    const uri = await server.createDatabase('newsroom_late')
    await server.pause()
    let cms: RunningServer
    try {
      cms = await startProductionServer({ env: { DATABASE_URI: uri }, waitUntilReady: false })
      started.push(cms)
      expect(await eventually(async () => (await readyzOf(cms))?.status === 503, 15_000)).toBe(true)
    } finally {
      await server.resume()
    }
    expect(await eventually(async () => (await readyzOf(cms))?.status === 200, 30_000)).toBe(true)
    const first = await fetch(`${cms.baseUrl}/api/users/first-register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'late@example.test',
        password: 'a-long-enough-password',
        name: 'Late',
      }),
    })
    expect(first.status).toBe(200)
  })
})
