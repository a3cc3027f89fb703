import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { Webhook } from 'standardwebhooks'

/** One request a receiver got: its headers and body, and whether its signature verified. */
export type Received = {
  id: string
  timestamp: string
  signature: string
  body: string
  json: { id: string; type: string; timestamp: string; data: any }
  isVerified: boolean
  receivedAt: number
}

/**
 * A webhook receiver on loopback, as a front end would run one: it verifies each delivery with
 * the `standardwebhooks` package. `answers` says what to answer each request with, in turn (then
 * 204); `setSecret` gives it the secret once the webhook is made. `waitFor` waits (bounded) for a
 * request matching a test.
 */
export const startWebhookReceiver = async () => {
  const received: Received[] = []
  const answers: number[] = []
  let secret: string | undefined
  let hold: Promise<void> | undefined
  const waiting: (() => void)[] = []
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString('utf8')
        const headers = {
          'webhook-id': String(request.headers['webhook-id'] ?? ''),
          'webhook-timestamp': String(request.headers['webhook-timestamp'] ?? ''),
          'webhook-signature': String(request.headers['webhook-signature'] ?? ''),
        }
        let isVerified = false
        if (secret) {
          try {
            new Webhook(secret).verify(body, headers)
            isVerified = true
          } catch {
            isVerified = false
          }
        }
        let json: Received['json']
        try {
          json = JSON.parse(body) as Received['json']
        } catch {
          json = { id: '', type: '', timestamp: '', data: null }
        }
        received.push({
          id: headers['webhook-id'],
          timestamp: headers['webhook-timestamp'],
          signature: headers['webhook-signature'],
          body,
          json,
          isVerified,
          receivedAt: Date.now(),
        })
        for (const wake of waiting.splice(0)) wake()
        if (hold) await hold
        const status = answers.shift() ?? 204
        response.writeHead(status, { 'content-type': 'text/plain' })
        response.end(status >= 300 ? `receiver says ${status}` : '')
      })()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  const waitFor = async (
    test: (item: Received) => boolean,
    { timeoutMs = 15_000, count = 1 } = {},
  ): Promise<Received[]> => {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = received.filter(test)
      if (found.length >= count) return found
      const left = deadline - Date.now()
      if (left <= 0) {
        throw new Error(
          `the receiver got ${found.length} of ${count} matching deliveries in ${timeoutMs} ms (${received.length} in all: ${received.map((item) => item.json.type).join(', ')})`,
        )
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250))
        waiting.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }

  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    answers,
    setSecret: (value: string) => {
      secret = value
    },
    /** Until `release` is called, answers wait (a receiver that hangs). */
    holdAnswers: () => {
      let release!: () => void
      hold = new Promise<void>((resolve) => (release = resolve))
      return () => {
        hold = undefined
        release()
      }
    },
    waitFor,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>
