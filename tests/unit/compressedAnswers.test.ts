import http from 'node:http'
import type { AddressInfo } from 'node:net'
import zlib from 'node:zlib'

import express from 'express'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { bumpContentVersion } from '../../src/plugins/responseCache/store.ts'
import { compressAnswers } from '../../src/server/middleware/compressedAnswers.ts'
import { httpCache } from '../../src/server/middleware/httpCache.ts'

/** What the stand-in for Payload answers next. */
let nextBody = ''
let nextHeaders: Record<string, string> = {}
let server: http.Server
let base = ''

beforeAll(async () => {
  const app = express()
  app.use(compressAnswers())
  app.use(httpCache)
  app.use((_req, res) => {
    res.setHeader('content-type', 'application/json')
    for (const [name, value] of Object.entries(nextHeaders)) res.setHeader(name, value)
    res.end(nextBody)
  })
  server = app.listen(0)
  await new Promise((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))
afterEach(() => {
  bumpContentVersion()
  nextHeaders = {}
})

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

/** node:http, not fetch, to see the encoding and bytes as sent. */
const request = (
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<Raw> =>
  new Promise((resolve, reject) => {
    http
      .request(`${base}${path}`, { method, headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        )
      })
      .on('error', reject)
      .end()
  })

const get = (path: string, headers: Record<string, string> = {}): Promise<Raw> =>
  request('GET', path, headers)

const decode = ({ headers, body }: Raw): string =>
  headers['content-encoding'] === 'gzip'
    ? zlib.gunzipSync(body).toString()
    : headers['content-encoding'] === 'br'
      ? zlib.brotliDecompressSync(body).toString()
      : body.toString()

/** A JSON body well over the 1 kB below which nothing is encoded. */
const largeBody = (label: string) =>
  JSON.stringify({
    label,
    docs: Array.from({ length: 200 }, (_, n) => ({ n, title: `Post ${n}` })),
  })

/** The headers an encoded answer is sent with: its encoding, and its length. */
const expectEncoded = (answer: Raw, encoding: string) => {
  expect(answer.headers['content-encoding']).toBe(encoding)
  expect(Number(answer.headers['content-length'])).toBe(answer.body.length)
  expect(answer.headers.vary).toMatch(/Accept-Encoding/)
}

describe('cached answers, compressed once', () => {
  it.each([
    ['gzip', 'gzip, deflate'],
    ['br', 'gzip, deflate, br'],
  ])(
    'should send and replay a %s encoding of a large answer with its length',
    async (encoding, acceptEncoding) => {
      const path = `/api/posts?encoding=${encoding}`
      nextBody = largeBody(encoding)
      const made = await get(path, { 'accept-encoding': acceptEncoding })
      expect(made.headers['x-cache']).toBe('MISS')
      expectEncoded(made, encoding)
      expect(decode(made)).toBe(nextBody)
      nextBody = largeBody('not asked for again')
      const replayed = await get(path, { 'accept-encoding': acceptEncoding })
      expect(replayed.headers['x-cache']).toBe('HIT')
      expectEncoded(replayed, encoding)
      expect(replayed.body.equals(made.body)).toBe(true)
      expect(replayed.headers.etag).toBe(made.headers.etag)
      // A reader who accepts no encoding gets the plain body, with the same ETag.
      const plain = await get(path)
      expect(plain.headers['content-encoding']).toBeUndefined()
      expect(plain.body.toString()).toBe(decode(made))
      expect(plain.headers.etag).toBe(made.headers.etag)
    },
  )

  it('should encode a kept answer for a reader who wants another encoding, and keep it', async () => {
    const path = '/api/posts?another'
    nextBody = largeBody('another')
    await get(path)
    const first = await get(path, { 'accept-encoding': 'gzip' })
    expect(first.headers['x-cache']).toBe('HIT')
    expectEncoded(first, 'gzip')
    expect(decode(first)).toBe(nextBody)
    const second = await get(path, { 'accept-encoding': 'br' })
    expectEncoded(second, 'br')
    expect(decode(second)).toBe(nextBody)
  })

  it('should answer HEAD with the headers of GET', async () => {
    const path = '/feeds/head.xml'
    nextBody = largeBody('head')
    const headers = { 'accept-encoding': 'gzip' }
    for (const round of ['miss', 'hit']) {
      const head = await request('HEAD', `${path}?${round}`, headers)
      const get = await request('GET', `${path}?${round}`, headers)
      for (const name of ['content-encoding', 'content-length', 'etag'])
        expect(head.headers[name], `${round}: ${name}`).toBe(get.headers[name])
      expect(head.body.length).toBe(0)
    }
  })

  it('should answer 304 with no body and no encoding when the ETag matches', async () => {
    const path = '/api/posts?revalidated'
    nextBody = largeBody('revalidated')
    const made = await get(path, { 'accept-encoding': 'gzip' })
    const revalidated = await get(path, {
      'accept-encoding': 'gzip',
      'if-none-match': String(made.headers.etag),
    })
    expect(revalidated.status).toBe(304)
    expect(revalidated.body.length).toBe(0)
    expect(revalidated.headers['content-encoding']).toBeUndefined()
  })

  it('should never replay the encoding of an answer a write dropped', async () => {
    const path = '/api/posts?rewritten'
    nextBody = largeBody('before')
    await get(path, { 'accept-encoding': 'gzip' })
    bumpContentVersion()
    nextBody = largeBody('after')
    const fresh = await get(path, { 'accept-encoding': 'gzip' })
    expect(fresh.headers['x-cache']).toBe('MISS')
    expect(decode(fresh)).toBe(nextBody)
    const kept = await get(path, { 'accept-encoding': 'gzip' })
    expect(kept.headers['x-cache']).toBe('HIT')
    expect(decode(kept)).toBe(nextBody)
  })

  it.each([
    ['the reader refuses it', { 'accept-encoding': 'gzip;q=0, identity' }, {}, largeBody('q0')],
    ['the answer is small', { 'accept-encoding': 'gzip' }, {}, JSON.stringify({ small: true })],
    [
      'the answer says no-transform',
      { 'accept-encoding': 'gzip' },
      { 'cache-control': 'public, no-transform' },
      largeBody('no-transform'),
    ],
  ])('should send the plain body when %s', async (label, headers, answerHeaders, body) => {
    const path = `/api/posts?plain=${encodeURIComponent(label)}`
    nextBody = body
    nextHeaders = answerHeaders
    for (const expected of ['MISS', 'HIT']) {
      const answer = await get(path, headers)
      expect(answer.headers['x-cache']).toBe(expected)
      expect(answer.headers['content-encoding']).toBeUndefined()
      expect(answer.body.toString()).toBe(body)
    }
  })
})
