import http from 'node:http'
import type { AddressInfo } from 'node:net'
import zlib from 'node:zlib'

import express from 'express'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

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
const get = (path: string, headers: Record<string, string> = {}): Promise<Raw> =>
  new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`, { headers }, (res) => {
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
  })

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

/** The compression middleware's own encoders (kept encodings use zlib.gzip and brotliCompress). */
const gzipStreams = vi.spyOn(zlib, 'createGzip')
const brotliStreams = vi.spyOn(zlib, 'createBrotliCompress')
const middlewareEncodings = () => gzipStreams.mock.calls.length + brotliStreams.mock.calls.length

/**
 * Asks for `path` until a hit is answered from a kept encoding: encoded, with no encoding made
 * by the middleware for it. The encoding is made off the main thread after the first hit asks
 * for it; 50 tries are far more than that takes.
 */
const keptAnswer = async (path: string, headers: Record<string, string>) => {
  for (let tries = 0; tries < 50; tries++) {
    const before = middlewareEncodings()
    const answer = await get(path, headers)
    const isKept = answer.headers['content-encoding'] && middlewareEncodings() === before
    if (answer.headers['x-cache'] === 'HIT' && isKept) return answer
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`no kept encoding was ever replayed for ${path}`)
}

describe('cached answers, compressed once', () => {
  it.each([
    ['gzip', 'gzip, deflate'],
    ['br', 'gzip, deflate, br'],
  ])(
    'should replay a kept %s encoding of a large answer, the same bytes as plain',
    async (encoding, acceptEncoding) => {
      const path = `/api/posts?encoding=${encoding}`
      nextBody = largeBody(encoding)
      const plain = await get(path)
      expect(plain.headers['x-cache']).toBe('MISS')
      const kept = await keptAnswer(path, { 'accept-encoding': acceptEncoding })
      expect(kept.headers['content-encoding']).toBe(encoding)
      // Without a length, as the middleware sends an encoded body: the same headers either way.
      expect(kept.headers['content-length']).toBeUndefined()
      expect(kept.body.length).toBeLessThan(plain.body.length)
      expect(decode(kept)).toBe(plain.body.toString())
      expect(kept.headers.etag).toBe(plain.headers.etag)
      expect(kept.headers.vary).toMatch(/Accept-Encoding/)
      // A reader who accepts no encoding still gets the plain body.
      const again = await get(path)
      expect(again.headers['content-encoding']).toBeUndefined()
      expect(again.body.toString()).toBe(plain.body.toString())
    },
  )

  it('should answer 304 with no body and no encoding when the ETag matches', async () => {
    const path = '/api/posts?revalidated'
    nextBody = largeBody('revalidated')
    const plain = await get(path)
    await keptAnswer(path, { 'accept-encoding': 'gzip' })
    const revalidated = await get(path, {
      'accept-encoding': 'gzip',
      'if-none-match': String(plain.headers.etag),
    })
    expect(revalidated.status).toBe(304)
    expect(revalidated.body.length).toBe(0)
    expect(revalidated.headers['content-encoding']).toBeUndefined()
  })

  it('should never replay the encoding of an answer a write dropped', async () => {
    const path = '/api/posts?rewritten'
    nextBody = largeBody('before')
    await get(path)
    await keptAnswer(path, { 'accept-encoding': 'gzip' })
    bumpContentVersion()
    nextBody = largeBody('after')
    const fresh = await get(path, { 'accept-encoding': 'gzip' })
    expect(fresh.headers['x-cache']).toBe('MISS')
    expect(decode(fresh)).toBe(nextBody)
    const kept = await keptAnswer(path, { 'accept-encoding': 'gzip' })
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
    await get(path)
    // Several hits: had one started an encoding, a later one would be sent with it.
    for (let n = 0; n < 5; n++) {
      const hit = await get(path, headers)
      expect(hit.headers['x-cache']).toBe('HIT')
      expect(hit.headers['content-encoding']).toBeUndefined()
      expect(hit.body.toString()).toBe(body)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  })
})
