import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { Webhook } from 'standardwebhooks'
import { afterEach, describe, expect, it } from 'vitest'

import { formatSecret } from '../../lib/webhooks.ts'
import { type ResolveHost, sendWebhook } from '../../src/webhooks/send.ts'

/**
 * The sender against real receivers on loopback (node:http), so deliveries go with
 * `allowPrivate` unless a test is about refusing them. No Payload needed.
 */

const SECRET = formatSecret({ bytes: Uint8Array.from({ length: 32 }, (_, index) => index + 1) })
const BODY = JSON.stringify({ type: 'post.published', data: { id: 42, slug: 'hello' } })

type Received = { headers: http.IncomingHttpHeaders; body: string; path: string }
type Receiver = {
  url: string
  port: number
  received: Received[]
  /** TCP connections the receiver accepted, whether or not a request followed. */
  connections: () => number
}

const servers: http.Server[] = []
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections()
          server.close(() => resolve())
        }),
    ),
  )
})

/** A receiver on 127.0.0.1 that records each request, then lets `answer` reply (or not). */
const startReceiver = async ({
  answer,
}: {
  answer: (response: http.ServerResponse) => void
}): Promise<Receiver> => {
  const received: Received[] = []
  let connections = 0
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        path: request.url ?? '',
      })
      answer(response)
    })
  })
  server.on('connection', () => (connections += 1))
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks/newsroom`,
    port,
    received,
    connections: () => connections,
  }
}

const answerWith =
  (status: number, text = '', headers: http.OutgoingHttpHeaders = {}) =>
  (response: http.ServerResponse) => {
    response.writeHead(status, { 'content-type': 'text/plain', ...headers })
    response.end(text)
  }

const deliver = (options: Partial<Parameters<typeof sendWebhook>[0]> & { url: string }) =>
  sendWebhook({
    secret: SECRET,
    messageId: 'msg_2Kk9z8C1',
    timestamp: new Date(),
    body: BODY,
    allowPrivate: true,
    ...options,
  })

/** The three signature headers, as a receiver hands them to its Standard Webhooks library. */
const signatureHeaders = ({ headers }: Received) => ({
  'webhook-id': String(headers['webhook-id']),
  'webhook-timestamp': String(headers['webhook-timestamp']),
  'webhook-signature': String(headers['webhook-signature']),
})

/** Answers every name with the given addresses, as a DNS server under someone's control could. */
const resolveTo =
  (...addresses: string[]): ResolveHost =>
  () =>
    Promise.resolve(
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    )

describe('sendWebhook delivering', () => {
  it('should deliver a message the standardwebhooks library verifies', async () => {
    const receiver = await startReceiver({ answer: answerWith(204) })
    const timestamp = new Date()

    const result = await deliver({ url: receiver.url, timestamp })

    expect(result).toMatchObject({ isDelivered: true, statusCode: 204, responseSnippet: '' })
    expect(result.error).toBeUndefined()
    const [delivery] = receiver.received
    expect(delivery.path).toBe('/hooks/newsroom')
    expect(delivery.body).toBe(BODY)
    expect(delivery.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'NewsroomCMS-Webhooks/1',
      'webhook-id': 'msg_2Kk9z8C1',
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    })
    expect(delivery.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/)
    expect(new Webhook(SECRET).verify(delivery.body, signatureHeaders(delivery))).toEqual(
      JSON.parse(BODY),
    )
  })

  it('should fail verification with another secret', async () => {
    const receiver = await startReceiver({ answer: answerWith(200) })
    await deliver({ url: receiver.url })
    const other = formatSecret({ bytes: Uint8Array.from({ length: 32 }, () => 9) })
    const [delivery] = receiver.received
    expect(() => new Webhook(other).verify(delivery.body, signatureHeaders(delivery))).toThrow()
  })

  it('should keep the webhook-id of a message across attempts', async () => {
    const receiver = await startReceiver({ answer: answerWith(200, 'ok') })

    const first = await deliver({ url: receiver.url, timestamp: new Date(Date.now() - 60_000) })
    const second = await deliver({ url: receiver.url, timestamp: new Date() })

    expect([first.isDelivered, second.isDelivered]).toEqual([true, true])
    expect(receiver.received.map(({ headers }) => headers['webhook-id'])).toEqual([
      'msg_2Kk9z8C1',
      'msg_2Kk9z8C1',
    ])
    for (const delivery of receiver.received) {
      expect(new Webhook(SECRET).verify(delivery.body, signatureHeaders(delivery))).toBeTruthy()
    }
  })

  it('should connect to the address the name resolved to, sending the name as host', async () => {
    const receiver = await startReceiver({ answer: answerWith(202) })

    const result = await deliver({
      url: `http://hooks.example.test:${receiver.port}/in`,
      resolve: resolveTo('127.0.0.1'),
    })

    expect(result).toMatchObject({ isDelivered: true, statusCode: 202 })
    expect(receiver.received[0].headers.host).toBe(`hooks.example.test:${receiver.port}`)
  })
})

describe('sendWebhook failing', () => {
  it('should report a 500 with its status and the start of its answer', async () => {
    const receiver = await startReceiver({ answer: answerWith(500, 'database down\n') })

    const result = await deliver({ url: receiver.url })

    expect(result).toMatchObject({
      isDelivered: false,
      statusCode: 500,
      responseSnippet: 'database down\n',
      error: 'answered HTTP 500',
    })
    expect(result.durationMs).toBeGreaterThanOrEqual(0)
  })

  it('should not follow a redirect', async () => {
    const target = await startReceiver({ answer: answerWith(200) })
    const receiver = await startReceiver({
      answer: answerWith(302, '', { location: target.url }),
    })

    const result = await deliver({ url: receiver.url })

    expect(result).toMatchObject({
      isDelivered: false,
      statusCode: 302,
      error: `redirect to ${target.url} not followed`,
    })
    expect(receiver.received).toHaveLength(1)
    expect(target.connections()).toBe(0)
  })

  it('should give up on a receiver that never answers after timeoutMs', async () => {
    const receiver = await startReceiver({ answer: () => undefined })

    const result = await deliver({ url: receiver.url, timeoutMs: 500 })

    expect(result).toEqual({
      isDelivered: false,
      durationMs: expect.any(Number),
      error: 'timed out after 0.5 s',
    })
    expect(result.durationMs).toBeGreaterThanOrEqual(450)
    expect(result.durationMs).toBeLessThan(3_000)
    expect(receiver.received).toHaveLength(1)
  })

  it('should count a name that never resolves against timeoutMs', async () => {
    const result = await deliver({
      url: 'https://hooks.example.test/',
      timeoutMs: 300,
      resolve: () => new Promise(() => undefined),
    })

    expect(result).toEqual({
      isDelivered: false,
      durationMs: expect.any(Number),
      error: 'timed out after 0.3 s',
    })
  })

  it('should take a 2xx whose body never ends as delivered once timeoutMs is up', async () => {
    const receiver = await startReceiver({
      answer: (response) => {
        response.writeHead(200, { 'content-type': 'text/plain' })
        response.write('accepted, still thinking')
      },
    })

    const result = await deliver({ url: receiver.url, timeoutMs: 500 })

    expect(result).toMatchObject({
      isDelivered: true,
      statusCode: 200,
      responseSnippet: 'accepted, still thinking',
    })
    expect(result.durationMs).toBeGreaterThanOrEqual(450)
  })

  it('should report a connection closed without an answer', async () => {
    const receiver = await startReceiver({ answer: (response) => response.socket?.destroy() })

    const result = await deliver({ url: receiver.url })

    expect(result).toEqual({
      isDelivered: false,
      durationMs: expect.any(Number),
      error: 'connection reset before an answer',
    })
  })

  it('should keep only the first 1 KB of a large answer', async () => {
    const receiver = await startReceiver({
      answer: answerWith(200, 'é'.repeat(200_000)),
    })

    const result = await deliver({ url: receiver.url })

    expect(result).toMatchObject({ isDelivered: true, statusCode: 200 })
    expect(result.responseSnippet).toBe('é'.repeat(512))
  })

  it('should report a closed port as connection refused', async () => {
    const receiver = await startReceiver({ answer: answerWith(200) })
    const closed = servers.pop()!
    await new Promise((resolve) => closed.close(resolve))

    const result = await deliver({ url: receiver.url })

    expect(result).toEqual({
      isDelivered: false,
      durationMs: expect.any(Number),
      error: 'connection refused',
    })
  })

  it('should report a TLS failure as a short message', async () => {
    // An https request to a plain-HTTP port: the TLS handshake fails.
    const receiver = await startReceiver({ answer: answerWith(200) })

    const result = await deliver({ url: `https://127.0.0.1:${receiver.port}/` })

    expect(result.isDelivered).toBe(false)
    expect(result.error).toMatch(/^TLS: [a-z][^\n]{3,200}$/)
    expect(result.error).not.toMatch(/\bat \S+:\d+|openssl|\.c:\d+/)
  })

  it('should report a bad secret without sending', async () => {
    const receiver = await startReceiver({ answer: answerWith(200) })

    const result = await deliver({ url: receiver.url, secret: 'whsec_***' })

    expect(result).toMatchObject({
      isDelivered: false,
      error: expect.stringMatching(/not a Standard Webhooks secret/),
    })
    expect(receiver.connections()).toBe(0)
  })

  it('should report a message id a header cannot hold without sending', async () => {
    const receiver = await startReceiver({ answer: answerWith(200) })

    const result = await deliver({ url: receiver.url, messageId: 'msg_1\r\nx-injected: 1' })

    expect(result).toMatchObject({
      isDelivered: false,
      error: expect.stringMatching(/webhook-id/),
    })
    expect(receiver.connections()).toBe(0)
  })
})

describe('sendWebhook refusing private destinations', () => {
  it('should refuse http', async () => {
    const receiver = await startReceiver({ answer: answerWith(200) })

    const result = await deliver({ url: receiver.url, allowPrivate: false })

    expect(result).toEqual({
      isDelivered: false,
      durationMs: expect.any(Number),
      error: 'refused: only https:// URLs are allowed, not http://',
    })
    expect(receiver.connections()).toBe(0)
  })

  it.each([
    ['https://127.0.0.1:{port}/', 'refused: 127.0.0.1 is a loopback address'],
    ['https://0x7f.1:{port}/', 'refused: 127.0.0.1 is a loopback address'],
    ['https://localhost:{port}/', 'refused: localhost is this machine (a loopback name)'],
  ])('should refuse %s', async (template, error) => {
    const receiver = await startReceiver({ answer: answerWith(200) })

    const result = await deliver({
      url: template.replace('{port}', String(receiver.port)),
      allowPrivate: false,
    })

    expect(result).toMatchObject({ isDelivered: false, error })
    expect(receiver.connections()).toBe(0)
  })

  it('should refuse a name that resolves to a loopback address, connecting nowhere', async () => {
    const receiver = await startReceiver({ answer: answerWith(200) })

    const result = await deliver({
      url: `https://hooks.example.test:${receiver.port}/`,
      allowPrivate: false,
      resolve: resolveTo('127.0.0.1'),
    })

    expect(result).toMatchObject({
      isDelivered: false,
      error: 'refused: 127.0.0.1 is a loopback address (from hooks.example.test)',
    })
    expect(receiver.connections()).toBe(0)
  })

  it.each([
    [
      ['93.184.215.14', '10.0.0.7'],
      'refused: 10.0.0.7 is a private address (from hooks.example.test)',
    ],
    [
      ['2606:4700::6810:84e5', 'fd00::1'],
      'refused: fd00::1 is a unique-local (private) address (from hooks.example.test)',
    ],
    [
      ['::ffff:169.254.169.254'],
      'refused: ::ffff:169.254.169.254 is a link-local address (169.254.169.254 inside) (from hooks.example.test)',
    ],
  ])('should refuse a name when any of its addresses %j is private', async (addresses, error) => {
    const result = await deliver({
      url: 'https://hooks.example.test/',
      allowPrivate: false,
      timeoutMs: 2_000,
      resolve: resolveTo(...addresses),
    })

    expect(result).toEqual({ isDelivered: false, durationMs: expect.any(Number), error })
  })

  it('should report a name without addresses', async () => {
    const result = await deliver({
      url: 'https://hooks.example.test/',
      allowPrivate: false,
      resolve: resolveTo(),
    })

    expect(result).toMatchObject({
      isDelivered: false,
      error: 'DNS: no address for hooks.example.test',
    })
  })
})
