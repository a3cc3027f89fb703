import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'

import express from 'express'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { bumpContentVersion } from '../../src/plugins/responseCache/store.ts'
import { httpCache } from '../../src/server/middleware/httpCache.ts'

/**
 * Readers asking for the same uncached answer at once (src/server/middleware/httpCache.ts): the
 * stand-in for Payload holds every answer until the test lets it go, so the requests overlap.
 */
let server: Server
let base = ''
/** Requests that reached the server, and answers the stand-in has begun to make. */
let arrived = 0
let made = 0
let release: () => void = () => undefined
let gate = Promise.resolve()
/** What the stand-in answers: its status and headers, and what happens before it answers. */
let answer: { status: number; headers: Record<string, string>; before?: () => void } = {
  status: 200,
  headers: {},
}

beforeAll(async () => {
  const app = express()
  app.use((_req, _res, next) => {
    arrived += 1
    next()
  })
  app.use(httpCache)
  app.use(async (_req, res) => {
    made += 1
    const n = made
    await gate
    answer.before?.()
    res.status(answer.status)
    res.setHeader('content-type', 'application/json')
    res.setHeader('cache-control', 'public')
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value)
    res.end(JSON.stringify({ n }))
  })
  server = app.listen(0)
  await new Promise((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

afterEach(() => {
  bumpContentVersion()
  answer = { status: 200, headers: {} }
})

/** Resolves once `condition` holds, checked after each turn of the event loop. */
const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve))
}

/** `count` readers at once; the answers are let go once all have arrived and `ready` holds. */
const readTogether = async ({
  count,
  ready = () => made >= 1,
  path = '/api/posts?limit=2',
}: {
  count: number
  ready?: () => boolean
  path?: string
}) => {
  arrived = 0
  made = 0
  gate = new Promise((resolve) => (release = resolve))
  const controller = new AbortController()
  const responses = Array.from({ length: count }, () =>
    fetch(`${base}${path}`, { signal: controller.signal }).then(async (response) => ({
      status: response.status,
      cache: response.headers.get('x-cache'),
      body: (await response.json()) as { n: number },
    })),
  )
  await until(() => arrived === count && ready())
  // One more turn: every request has got as far as it can before the first answer.
  await new Promise((resolve) => setImmediate(resolve))
  return { responses, controller }
}

describe('readers asking for the same answer at once', () => {
  it('should make it once and give it to all of them', async () => {
    const { responses } = await readTogether({ count: 6 })
    expect(made).toBe(1)
    release()
    const answers = await Promise.all(responses)
    expect(answers.map((each) => each.cache).sort()).toEqual([
      'HIT',
      'HIT',
      'HIT',
      'HIT',
      'HIT',
      'MISS',
    ])
    expect(answers.every((each) => each.body.n === 1 && each.status === 200)).toBe(true)
    expect(made).toBe(1)
  })

  it('should let each make its own when a write came while the first was being made', async () => {
    answer.before = () => {
      answer.before = undefined
      bumpContentVersion()
    }
    const { responses } = await readTogether({ count: 4 })
    release()
    const answers = await Promise.all(responses)
    // The first answer predates the write: nobody gets it from the cache.
    expect(answers.filter((each) => each.cache === 'HIT')).toEqual([])
    expect(made).toBe(4)
    expect(new Set(answers.map((each) => each.body.n)).size).toBe(4)
  })

  it.each([
    ['an error', { status: 500, headers: {} }],
    ['a cookie', { status: 200, headers: { 'set-cookie': 'a=b' } }],
  ])('should let each make its own, once, when the first answer is %s', async (_, kind) => {
    answer = kind
    const { responses } = await readTogether({ count: 4 })
    release()
    const answers = await Promise.all(responses)
    expect(made).toBe(4)
    expect(answers.every((each) => each.cache !== 'HIT')).toBe(true)
  })

  it('should not keep the others waiting when the first reader goes away', async () => {
    const path = '/api/posts?limit=3'
    arrived = 0
    made = 0
    gate = new Promise((resolve) => (release = resolve))
    const leaving = new AbortController()
    const first = fetch(`${base}${path}`, { signal: leaving.signal }).catch(() => 'gone')
    await until(() => made === 1)
    const others = Array.from({ length: 3 }, () => fetch(`${base}${path}`))
    await until(() => arrived === 4)
    await new Promise((resolve) => setImmediate(resolve))
    leaving.abort()
    expect(await first).toBe('gone')
    // The others make their answers without waiting for the first, whose maker is still held.
    await until(() => made === 4)
    release()
    const answers = await Promise.all(others)
    expect(answers.every((each) => each.status === 200)).toBe(true)
  })
})
