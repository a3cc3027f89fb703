/**
 * Two production instances behind one database (PostgreSQL in the e2e-postgres project, one
 * SQLite file shared by two processes in the e2e project), as a newsroom runs them behind a
 * load balancer: what one commits, the other's anonymous readers see at once; rate limits are
 * one budget; media files live in one bucket (s3rver here), so a file uploaded through one
 * instance is served alike by the other; scheduled publishing runs each job once, and goes on
 * when an instance dies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startInstances, type Instances } from '../helpers/instances.ts'
import { startTestBucket, type TestBucket } from '../helpers/s3.ts'
import type { RunningServer } from '../helpers/server.ts'
import { solidPng } from '../helpers/images.ts'
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhookReceiver.ts'

let cluster: Instances
let bucket: TestBucket
let a: RunningServer
let b: RunningServer
let token: string
let receiver: WebhookReceiver

/** A request from a client at `ip` (the instances trust one proxy hop). */
const call = async (
  server: RunningServer,
  path: string,
  { ip = '198.51.100.1', ...init }: RequestInit & { ip?: string; token?: string } = {},
) => {
  const response = await fetch(`${server.baseUrl}${path}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': ip,
      ...(init.token ? { authorization: `JWT ${init.token}` } : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, text }
}

const json = (answer: { text: string }) => JSON.parse(answer.text) as Record<string, any>

/** Asks `check` every 50 ms until it says true; resolves with the time it took, in ms. */
const timeUntil = async (check: () => Promise<boolean>, limitMs: number): Promise<number> => {
  const started = Date.now()
  while (Date.now() - started < limitMs) {
    if (await check()) return Date.now() - started
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return Number.POSITIVE_INFINITY
}

const createDraft = async (title: string) => {
  const created = await call(a, '/api/posts?draft=true&depth=0', {
    method: 'POST',
    token,
    body: JSON.stringify({ title, _status: 'draft' }),
  })
  expect(created.status, created.text).toBe(201)
  return json(created).doc as { id: number | string; slug: string }
}

const act = async (
  server: RunningServer,
  id: number | string,
  body: Record<string, unknown>,
): Promise<void> => {
  const answer = await call(server, `/api/posts/${id}/workflow`, {
    method: 'POST',
    token,
    body: JSON.stringify(body),
  })
  expect(answer.status, answer.text).toBe(200)
}

beforeAll(async () => {
  // A long cache lifetime: only the signal between instances can explain a fresh answer.
  bucket = await startTestBucket()
  receiver = await startWebhookReceiver()
  cluster = await startInstances({
    count: 2,
    env: { API_CACHE_SECONDS: '600', WEBHOOKS_ALLOW_PRIVATE: 'true', ...bucket.env },
  })
  ;[a, b] = cluster.servers
  const first = await call(a, '/api/users/first-register', {
    method: 'POST',
    ip: '198.51.100.250',
    body: JSON.stringify({
      email: 'editor-in-chief@example.test',
      name: 'Edna Chief',
      password: 'a-long-enough-password',
    }),
  })
  expect(first.status, first.text).toBe(200)
  token = json(first).token as string
})

afterAll(async () => {
  await cluster?.stop()
  await bucket?.stop()
  await receiver?.close()
})

describe('cached answers across instances', () => {
  it('should show on B what A published, and hide on A what B unpublished, within 2 s', async () => {
    const post = await createDraft('Seen by every instance')
    const rest = `/api/posts?where[slug][equals]=${post.slug}&depth=0`
    const graphql = JSON.stringify({
      query: `{ Posts(where: { slug: { equals: "${post.slug}" } }) { docs { title } } }`,
    })
    const feed = '/feeds/posts.xml'
    const search = '/api/search?q=instance'
    const shows = async (server: RunningServer) => {
      const [list, query, items, found] = await Promise.all([
        call(server, rest),
        call(server, '/api/graphql', { method: 'POST', body: graphql }),
        call(server, feed),
        call(server, search),
      ])
      return [
        json(list).totalDocs === 1,
        json(query).data.Posts.docs.length === 1,
        items.text.includes('Seen by every instance'),
        found.text.includes('Seen by every instance'),
      ]
    }
    const nowhere = [false, false, false, false]

    // B has cached that the post is not there, twice over (the second answer is from memory).
    expect(await shows(b)).toEqual(nowhere)
    const cachedEtag = (await call(b, rest)).headers.get('etag')
    expect(await shows(b)).toEqual(nowhere)

    await act(a, post.id, { action: 'publish' })
    const seenOnB = await timeUntil(async () => (await shows(b)).every(Boolean), 2000)
    expect(seenOnB).toBeLessThan(2000)
    console.log(`[instances] published on A, seen on B after ${seenOnB} ms`)
    expect((await call(b, rest)).headers.get('etag')).not.toBe(cachedEtag)

    await act(b, post.id, { action: 'unpublish' })
    const goneOnA = await timeUntil(async () => (await shows(a)).every((shown) => !shown), 2000)
    expect(goneOnA).toBeLessThan(2000)
    console.log(`[instances] unpublished on B, gone from A after ${goneOnA} ms`)
  }, 60_000)
})

describe('rate limits across instances', () => {
  it('should refuse the 21st login attempt from one address, wherever the attempts land', async () => {
    const statuses: number[] = []
    for (let attempt = 0; attempt < 25; attempt += 1) {
      const answer = await call(attempt % 2 === 0 ? a : b, '/api/users/login', {
        method: 'POST',
        ip: '203.0.113.21',
        body: JSON.stringify({ email: `nobody-${attempt}@example.test`, password: 'wrong' }),
      })
      statuses.push(answer.status)
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true)
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429])
    // Another address still has its own budget.
    const other = await call(b, '/api/users/login', {
      method: 'POST',
      ip: '203.0.113.22',
      body: JSON.stringify({ email: 'nobody@example.test', password: 'wrong' }),
    })
    expect(other.status).toBe(401)
  }, 60_000)
})

describe('media across instances', () => {
  /** A media file as `server` serves it: status, the headers a client acts on, the bytes. */
  const served = async (server: RunningServer, name: string) => {
    const response = await fetch(`${server.baseUrl}/api/media/file/${encodeURIComponent(name)}`)
    const headers = ['content-type', 'content-length', 'x-content-type-options', 'etag']
    return {
      status: response.status,
      headers: Object.fromEntries(headers.map((header) => [header, response.headers.get(header)])),
      body: Buffer.from(await response.arrayBuffer()),
    }
  }

  it('should serve on B the file uploaded through A, and forget it on B once A deletes it', async () => {
    const bytes = await solidPng(640, 400, '#aa3355')
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'front page.png')
    form.append('_payload', JSON.stringify({ alt: 'Front page' }))
    const uploaded = await fetch(`${a.baseUrl}/api/media`, {
      method: 'POST',
      headers: { authorization: `JWT ${token}` },
      body: form,
    })
    const created = (await uploaded.json()) as { doc: { id: number | string; filename: string } }
    expect(uploaded.status, JSON.stringify(created)).toBe(201)
    const name = created.doc.filename
    const stored = await bucket.keys()
    expect(stored).toContain(name)

    const [onA, onB] = [await served(a, name), await served(b, name)]
    expect(onB.status).toBe(200)
    expect(onB.body.equals(bytes)).toBe(true)
    expect(onB.headers).toEqual(onA.headers)
    expect(onB.headers['content-type']).toBe('image/png')

    const deleted = await call(a, `/api/media/${created.doc.id}`, { method: 'DELETE', token })
    expect(deleted.status, deleted.text).toBe(200)
    // The original and every size made of it are gone from the bucket.
    const left = await bucket.keys()
    expect(stored.filter((key) => !left.includes(key)).length).toBeGreaterThan(0)
    expect(left.filter((key) => key.startsWith('front page'))).toEqual([])
    const gone = await served(b, name)
    expect(gone.status).toBe(404)
    expect(gone.headers['content-type']).toMatch(/json/)
  }, 60_000)
})

describe('webhooks across instances', () => {
  it('should deliver each event once, whichever instance made it', async () => {
    const made = await call(b, '/api/webhooks', {
      method: 'POST',
      token,
      body: JSON.stringify({ name: 'Front end', url: receiver.url, collections: ['posts'] }),
    })
    expect(made.status, made.text).toBe(201)
    receiver.setSecret(json(made).doc.secret as string)
    const posts = await Promise.all(
      Array.from({ length: 10 }, (_, index) => createDraft(`Announced once ${index}`)),
    )
    // Published through both instances at once: both run the webhook queue.
    await Promise.all(
      posts.map(async (post, index) => {
        const answer = await call(index % 2 === 0 ? a : b, `/api/posts/${post.id}?depth=0`, {
          method: 'PATCH',
          token,
          body: JSON.stringify({ _status: 'published' }),
        })
        expect(answer.status, answer.text).toBe(200)
      }),
    )
    // Done when no delivery is open: after that, nothing can be sent again.
    const settled = await timeUntil(async () => {
      const open = await call(
        a,
        '/api/webhook-deliveries?where[status][in]=pending,retrying&limit=0',
        { token },
      )
      const all = await call(a, '/api/webhook-deliveries?limit=0', { token })
      return json(open).totalDocs === 0 && json(all).totalDocs === posts.length
    }, 30_000)
    expect(settled).toBeLessThan(30_000)
    const ids = receiver.received.map((item) => item.id)
    expect(ids).toHaveLength(posts.length)
    expect(new Set(ids).size).toBe(posts.length)
    expect(receiver.received.every((item) => item.isVerified)).toBe(true)
  })
})

describe('scheduled publishing across instances', () => {
  const publishEvents = async (id: number | string) =>
    json(
      await call(
        a,
        `/api/workflow-events?where[documentKey][equals]=posts:${id}&where[action][equals]=publish&limit=0&depth=0`,
        { token },
      ),
    ).docs as unknown[]

  it('should publish 20 posts scheduled for the same moment once each, with one audit entry each', async () => {
    const posts = []
    for (let n = 0; n < 20; n += 1) posts.push(await createDraft(`Same minute ${n}`))
    const at = new Date(Date.now() + 3_000).toISOString()
    // Half scheduled through each instance: both run the queue.
    for (const [n, post] of posts.entries()) {
      await act(n % 2 === 0 ? a : b, post.id, { action: 'schedule', at })
    }
    const allLive = await timeUntil(async () => {
      const answer = await call(
        b,
        `/api/posts?where[title][like]=Same minute&limit=50&depth=0&select[title]=true`,
      )
      return json(answer).totalDocs === 20
    }, 90_000)
    expect(allLive).toBeLessThan(90_000)
    // A job records its completion just after the publish it made commits: wait for every
    // remaining job to be completed (or deleted) before reading them.
    await expect
      .poll(
        async () =>
          json(
            await call(
              a,
              '/api/payload-jobs?where[taskSlug][equals]=schedulePublish&where[completedAt][exists]=false&limit=0&depth=0',
              { token },
            ),
          ).totalDocs as number,
        { timeout: 30_000, interval: 250 },
      )
      .toBe(0)
    // Every job ran to completion once: a completed job is deleted (Payload's default) or, just
    // before, holds one successful run in its log; none failed.
    const jobs = json(
      await call(a, '/api/payload-jobs?where[taskSlug][equals]=schedulePublish&limit=0&depth=0', {
        token,
      }),
    ).docs as { completedAt?: string | null; hasError?: boolean; log?: { state: string }[] }[]
    for (const job of jobs) {
      expect(job.completedAt).toBeTruthy()
      expect(job.hasError).toBe(false)
      expect(job.log?.map((entry) => entry.state)).toEqual(['succeeded'])
    }
    // And none ran twice: one publish in the audit trail per post.
    for (const post of posts) expect(await publishEvents(post.id)).toHaveLength(1)
  }, 120_000)

  it('should publish on time through the other instance when the one running jobs is killed', async () => {
    const post = await createDraft('After the crash')
    const at = new Date(Date.now() + 4_000)
    await act(b, post.id, { action: 'schedule', at: at.toISOString() })
    a.child.kill('SIGKILL')
    // One poll interval of the queue (10 s) after its time, and some room for a busy machine.
    const live = await timeUntil(
      async () => (await call(b, `/api/posts/${post.id}?depth=0`)).status === 200,
      at.getTime() - Date.now() + 30_000,
    )
    expect(live).toBeLessThan(Number.POSITIVE_INFINITY)
    expect(Date.now() - at.getTime()).toBeLessThan(30_000)
    const events = json(
      await call(
        b,
        `/api/workflow-events?where[documentKey][equals]=posts:${post.id}&where[action][equals]=publish&depth=0`,
        { token },
      ),
    ).docs as unknown[]
    expect(events).toHaveLength(1)
  }, 90_000)
})
