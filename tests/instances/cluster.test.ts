/**
 * `WEB_CONCURRENCY=2 npm start`: one primary and two workers sharing the port; a worker that
 * dies is replaced while the other serves; SIGTERM stops them all cleanly.
 */
import fs from 'node:fs'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startProductionServer, type RunningServer } from '../helpers/server.ts'

let server: RunningServer

/** The worker processes of the primary (Linux: its children, from /proc). */
const workers = (): number[] => {
  const pid = server.child.pid as number
  const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim()
  return children === '' ? [] : children.split(/\s+/).map(Number)
}

/** Waits until `check` holds, asking every 100 ms, for at most `limitMs`. */
const waitFor = async (what: string, check: () => boolean | Promise<boolean>, limitMs: number) => {
  const deadline = Date.now() + limitMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${what}: not within ${limitMs / 1000} s\n${server.output()}`)
}

const listening = () => server.output().match(/Newsroom CMS listening/g)?.length ?? 0

beforeAll(async () => {
  server = await startProductionServer({ env: { WEB_CONCURRENCY: '2' } })
})
afterAll(async () => {
  if (server?.child.exitCode === null) await server.stop()
})

describe('WEB_CONCURRENCY', () => {
  it('should serve from two workers, the second started once the first was ready', async () => {
    await waitFor('two workers listening', () => listening() === 2, 60_000)
    expect(workers()).toHaveLength(2)
    const output = server.output()
    expect(output.indexOf('ready: starting 1 more')).toBeGreaterThan(-1)
    expect(output.indexOf('ready: starting 1 more')).toBeLessThan(
      output.lastIndexOf('Newsroom CMS listening'),
    )
    for (let n = 0; n < 10; n += 1) {
      expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200)
    }
  }, 90_000)

  it('should replace a worker that died while the other keeps serving', async () => {
    const [victim, survivor] = workers()
    process.kill(victim, 'SIGKILL')
    await waitFor('the dead worker noticed', () => !workers().includes(victim), 10_000)
    // Meanwhile every request is answered by the survivor.
    for (let n = 0; n < 5; n += 1) {
      expect((await fetch(`${server.baseUrl}/api/posts?limit=1`)).status).toBe(200)
    }
    await waitFor('a new worker listening', () => listening() === 3, 60_000)
    const now = workers()
    expect(now).toHaveLength(2)
    expect(now).toContain(survivor)
    expect(server.output()).toMatch(new RegExp(`worker ${victim} exited \\(SIGKILL\\)`))
  }, 90_000)

  it('should stop every worker and exit 0 on SIGTERM', async () => {
    const running = workers()
    expect(await server.stop()).toBe(0)
    for (const pid of running) expect(fs.existsSync(`/proc/${pid}`)).toBe(false)
    expect(server.output()).toMatch(/all workers stopped/)
  }, 60_000)
})
