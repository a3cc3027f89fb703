/**
 * The bench's fixed-rate latency run (bench/lib/load.ts) against a server on loopback: it
 * measures every request it sends, and stops sending once the server has fallen behind, so no
 * backlog of its requests is left for the next run to wait behind.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterEach, describe, expect, it } from 'vitest'

import { BEHIND_SECONDS, latencyAtRate } from '../../bench/lib/load.ts'

const inputs = { slugs: ['a', 'b'], words: ['w'] }

let close = async () => {}
afterEach(async () => {
  await close()
})

/** A server that answers at once, or never (`holds`); counts what it received. */
const serve = async ({ holds }: { holds: boolean }) => {
  const received = { count: 0 }
  const held: http.ServerResponse[] = []
  const server = http.createServer((_req, res) => {
    received.count += 1
    if (holds) held.push(res)
    else res.end('{}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  close = async () => {
    for (const res of held) res.destroy()
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received }
}

describe('latency at a fixed rate', () => {
  it('should send every request of the run to a server that keeps up, and time each', async () => {
    const { url, received } = await serve({ holds: false })
    const result = await latencyAtRate({ url, target: 'restList', inputs, seconds: 1, rate: 40 })
    expect(received.count).toBe(40)
    expect(result).toMatchObject({ requests: 40, errors: 0, unsent: 0 })
    expect(result.p99).toBeGreaterThanOrEqual(result.p50)
    expect(result.p50).toBeGreaterThan(0)
  })

  it('should stop sending once the server is a set number of seconds behind', async () => {
    const { url, received } = await serve({ holds: true })
    const rate = 10
    // No answer ever comes: each request fails only after its timeout, which is well past the
    // moment the run finds BEHIND_SECONDS of requests unanswered.
    const result = await latencyAtRate({
      url,
      target: 'restList',
      inputs,
      seconds: 4,
      rate,
      answerTimeoutMs: (BEHIND_SECONDS + 2) * 1000,
    })
    const sent = BEHIND_SECONDS * rate
    expect(received.count).toBe(sent)
    expect(result).toMatchObject({ requests: 4 * rate, unsent: 4 * rate - sent })
    // Unanswered and unsent requests are errors; no latency is made up for them.
    expect(result.errors).toBe(4 * rate)
    expect(result.p99).toBeNaN()
  }, 30_000)
})
