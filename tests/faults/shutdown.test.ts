/**
 * SIGTERM while editors are saving: every write is either acknowledged and readable after a
 * restart, or answered with an error. None is acknowledged and then lost, none is stored twice.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { httpClient, PASSWORD } from '../helpers/newsroom.ts'
import { startProductionServer, type RunningServer } from '../helpers/server.ts'
import { freshTestDatabase, type TestDatabase } from '../helpers/testDatabase.ts'

const WRITES = 60

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-sigterm-'))
// Both servers use one database of the project's kind: the second must find the first's writes.
let database: TestDatabase
const env = { DATABASE_URI: '', PAYLOAD_SECRET: crypto.randomBytes(24).toString('hex') }
const servers: RunningServer[] = []

beforeAll(async () => {
  database = await freshTestDatabase(dataDir)
  env.DATABASE_URI = database.uri
})

afterAll(async () => {
  for (const server of servers) if (server.child.exitCode === null) await server.stop()
  await database?.drop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

type Outcome = { title: string; status: number | 'no answer'; id?: number; at: number }

describe('SIGTERM during in-flight writes', () => {
  it('should lose no acknowledged write', async () => {
    const first = await startProductionServer({ env })
    servers.push(first)
    const http = httpClient(() => first.baseUrl)
    const admin = await http('/api/users/first-register', {
      method: 'POST',
      json: { email: 'admin@example.test', password: PASSWORD, name: 'Admin' },
    })
    const token = admin.body.token as string

    const write = async (i: number): Promise<Outcome> => {
      const title = `Saved under SIGTERM ${i}`
      // Spread over ~300 ms, so some writes are in flight when the signal lands.
      await new Promise((resolve) => setTimeout(resolve, i * 5))
      try {
        const answer = await http('/api/posts?draft=true', {
          method: 'POST',
          token,
          json: { title, excerpt: `excerpt ${i}` },
        })
        return { title, status: answer.status, id: answer.body?.doc?.id, at: Date.now() }
      } catch {
        return { title, status: 'no answer', at: Date.now() }
      }
    }
    const pending = Array.from({ length: WRITES }, (_, i) => write(i))
    await new Promise((resolve) => setTimeout(resolve, 120))
    const signalledAt = Date.now()
    first.child.kill('SIGTERM')
    const outcomes = await Promise.all(pending)
    const exitCode = await new Promise<number | null>((resolve) =>
      first.child.exitCode === null
        ? first.child.on('exit', (code) => resolve(code))
        : resolve(first.child.exitCode),
    )
    expect(exitCode, first.output().slice(-2000)).toBe(0)

    const acknowledged = outcomes.filter((o) => o.status === 201)
    const refused = outcomes.filter((o) => o.status !== 201)
    const unanswered = refused.filter((o) => o.status === 'no answer').length
    console.log(
      `[faults] SIGTERM among ${WRITES} writes: ${acknowledged.length} acknowledged, ${refused.length - unanswered} refused, ${unanswered} without an answer`,
    )
    // The test means something only if the signal really fell among the writes.
    expect(acknowledged.length).toBeGreaterThan(0)
    expect(refused.length).toBeGreaterThan(0)
    expect(outcomes.some((o) => o.status === 201 && o.at > signalledAt)).toBe(true)
    for (const outcome of refused) {
      if (outcome.status !== 'no answer') {
        expect(outcome.status, outcome.title).toBe(503)
      }
    }

    const second = await startProductionServer({ env })
    servers.push(second)
    const again = httpClient(() => second.baseUrl)
    const login = await again('/api/users/login', {
      method: 'POST',
      json: { email: 'admin@example.test', password: PASSWORD },
    })
    const stored = await again('/api/posts?draft=true&limit=0&pagination=false&depth=0', {
      token: login.body.token as string,
    })
    const titles = (stored.body.docs as { title: string }[]).map((doc) => doc.title)
    for (const { title } of acknowledged) {
      expect(
        titles.filter((t) => t === title),
        `acknowledged "${title}"`,
      ).toHaveLength(1)
    }
    for (const { title, status } of refused) {
      // Refused with an error: it may not be stored. No answer at all: at most once.
      const copies = titles.filter((t) => t === title).length
      if (status === 'no answer') expect(copies).toBeLessThanOrEqual(1)
      else expect(copies, `refused "${title}"`).toBe(0)
    }
    expect(second.output()).not.toMatch(/"level":50/)
  })
})
