/**
 * kill -9 of the server right after a publish: the event was written with the publish, in its
 * transaction, so it is delivered after the restart. The receiver holds its answer, so the
 * first attempt is still in flight (not acknowledged) when the server dies.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { eventually } from '../helpers/eventually.ts'
import { httpClient, PASSWORD } from '../helpers/newsroom.ts'
import { startProductionServer, type RunningServer } from '../helpers/server.ts'
import { freshTestDatabase, type TestDatabase } from '../helpers/testDatabase.ts'
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhookReceiver.ts'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-webhook-crash-'))
let database: TestDatabase
let receiver: WebhookReceiver
const servers: RunningServer[] = []
const env = {
  DATABASE_URI: '',
  PAYLOAD_SECRET: crypto.randomBytes(24).toString('hex'),
  WEBHOOKS_ALLOW_PRIVATE: 'true',
  // A claim left by a killed worker is released after this long.
  JOBS_STALE_SECONDS: '5',
}

beforeAll(async () => {
  database = await freshTestDatabase(dataDir)
  env.DATABASE_URI = database.uri
  receiver = await startWebhookReceiver()
})

afterAll(async () => {
  for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGKILL')
  await receiver?.close()
  await database?.drop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('a server killed right after a publish', () => {
  it('should deliver the event after the restart', async () => {
    const first = await startProductionServer({ env })
    servers.push(first)
    const http = httpClient(() => first.baseUrl)
    const admin = await http('/api/users/first-register', {
      method: 'POST',
      json: { email: 'admin@example.test', password: PASSWORD, name: 'Admin' },
    })
    const token = (admin.body as { token: string }).token
    const made = await http('/api/webhooks', {
      method: 'POST',
      token,
      json: { name: 'Front end', url: receiver.url },
    })
    expect(made.status, made.text).toBe(201)
    receiver.setSecret((made.body as { doc: { secret: string } }).doc.secret)

    const release = receiver.holdAnswers()
    const post = await http('/api/posts?depth=0', {
      method: 'POST',
      token,
      json: { title: 'Published before the crash', _status: 'published' },
    })
    expect(post.status, post.text).toBe(201)
    const postId = (post.body as { doc: { id: number } }).doc.id
    const isAboutPost = (item: { json: { type: string; data: any } }) =>
      item.json.type === 'post.published' &&
      item.json.data.documents.some((doc: { id: number }) => doc.id === postId)
    // The first attempt reached the receiver and waits for its answer: kill -9 now.
    const [inFlight] = await receiver.waitFor(isAboutPost)
    first.child.kill('SIGKILL')
    await new Promise((resolve) => first.child.once('exit', resolve))
    release()

    const second = await startProductionServer({ env })
    servers.push(second)
    const attempts = await receiver.waitFor(isAboutPost, { count: 2, timeoutMs: 30_000 })
    expect(attempts[1].id).toBe(inFlight.id)
    expect(attempts[1].isVerified).toBe(true)
    // The log row is written once the receiver's answer is in: wait for it.
    const status = await eventually({
      read: async () => {
        const log = await httpClient(() => second.baseUrl)(
          `/api/webhook-deliveries?where[messageId][equals]=${inFlight.id}&depth=0`,
          { token },
        )
        return (log.body as { docs: { status: string }[] }).docs[0]?.status
      },
      isDone: (value) => value === 'delivered',
      what: 'the delivery logged as delivered',
    })
    expect(status).toBe('delivered')
    await second.stop()
  })
})
