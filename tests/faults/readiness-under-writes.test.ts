/**
 * Load balancers poll /readyz while editors save. Its write probe must never get in the way of
 * those saves: a bare write that met the busy database used to leave its statement open on
 * SQLite's shared connection, and the next save on that connection then failed to commit
 * ("SQL statements in progress"), a 503 for an editor who did nothing wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startNewsroom, type Newsroom } from '../helpers/newsroom.ts'

const SECONDS = 4
const WRITERS = 4

let room: Newsroom

beforeAll(async () => {
  room = await startNewsroom()
})

afterAll(async () => {
  await room?.stop()
})

describe('/readyz polled during writes', () => {
  it('should refuse no save and stay ready', async () => {
    const until = Date.now() + SECONDS * 1000
    const saves: number[] = []
    const probes: number[] = []
    // At least SECONDS, and on until both sides have had enough turns (a busy machine is slow).
    const giveUpAt = Date.now() + 60_000
    const goingOn = () =>
      Date.now() < until || ((saves.length <= 20 || probes.length <= 20) && Date.now() < giveUpAt)
    const writer = async (n: number) => {
      for (let i = 0; goingOn(); i += 1) {
        const answer = await room.http('/api/posts?draft=true', {
          method: 'POST',
          token: room.tokens.editor,
          json: { title: `Saved while polled ${n}-${i}` },
        })
        saves.push(answer.status)
      }
    }
    const poller = async () => {
      while (goingOn()) probes.push((await room.http('/readyz')).status)
    }
    await Promise.all([...Array.from({ length: WRITERS }, (_, n) => writer(n)), poller(), poller()])

    const refused = saves.filter((status) => status !== 201)
    expect(saves.length).toBeGreaterThan(20)
    expect(probes.length).toBeGreaterThan(20)
    expect(refused, room.server.output().slice(-3000)).toEqual([])
    expect(probes.filter((status) => status !== 200)).toEqual([])
    expect(room.server.output()).not.toMatch(/statements in progress/)
  })
})
