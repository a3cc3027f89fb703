/**
 * Webhooks against the production server, with a receiver on loopback that verifies every
 * delivery with the `standardwebhooks` package: a publish arrives signed within 5 s (sent at
 * once after the commit, not at the next tick of the queue), a receiver that fails twice gets
 * the event on the third attempt with the same webhook-id, a refused save sends nothing, a bulk
 * publish of 20 posts is one delivery, and a slug change is announced with the old slug.
 * Without WEBHOOKS_ALLOW_PRIVATE, private and loopback receivers are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { eventually } from '../helpers/eventually.ts'
import { startNewsroom, type Newsroom } from '../helpers/newsroom.ts'
import { startProductionServer, type RunningServer } from '../helpers/server.ts'
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhookReceiver.ts'
import { PASSWORD } from '../helpers/newsroom.ts'

let newsroom: Newsroom
let receiver: WebhookReceiver

beforeAll(async () => {
  receiver = await startWebhookReceiver()
  newsroom = await startNewsroom({
    env: { WEBHOOKS_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_SECONDS: '1,1,1' },
  })
  const made = await newsroom.http('/api/webhooks', {
    method: 'POST',
    token: newsroom.tokens.admin,
    json: { name: 'Front end', url: receiver.url, collections: ['posts'] },
  })
  expect(made.status, made.text).toBe(201)
  receiver.setSecret((made.body as { doc: { secret: string } }).doc.secret)
})
afterAll(async () => {
  await newsroom?.stop()
  await receiver?.close()
})

let counter = 0
const draftPost = async (title?: string) => {
  counter += 1
  const made = await newsroom.http('/api/posts?draft=true&depth=0', {
    method: 'POST',
    token: newsroom.tokens.editor,
    json: { title: title ?? `Webhook post ${counter}`, _status: 'draft' },
  })
  expect(made.status, made.text).toBe(201)
  return (made.body as { doc: { id: number; slug: string } }).doc
}

const publish = async (id: number, data: Record<string, unknown> = {}) => {
  const answer = await newsroom.http(`/api/posts/${id}?depth=0`, {
    method: 'PATCH',
    token: newsroom.tokens.editor,
    json: { ...data, _status: 'published' },
  })
  expect(answer.status, answer.text).toBe(200)
  return Date.now()
}

const aboutPost = (id: number) => (item: { json: { data: any } }) =>
  (item.json.data?.documents ?? []).some(
    (doc: { collection: string; id: number }) => doc.collection === 'posts' && doc.id === id,
  )

describe('webhook deliveries from the production server', () => {
  it('should deliver a publish, signed, within 5 s', async () => {
    const post = await draftPost('Published for the front end')
    const publishedAt = await publish(post.id)
    const [got] = await receiver.waitFor(aboutPost(post.id), { timeoutMs: 5_000 })
    expect(got.isVerified).toBe(true)
    expect(got.receivedAt - publishedAt).toBeLessThan(5_000)
    expect(got.json).toMatchObject({
      type: 'post.published',
      data: {
        documents: [expect.objectContaining({ id: post.id, title: 'Published for the front end' })],
        affected: { paths: expect.arrayContaining(['/', '/posts', `/posts/${post.slug}`]) },
      },
    })
  })

  it('should give a receiver that fails twice the event on the third attempt, same webhook-id', async () => {
    receiver.answers.push(500, 502)
    const post = await draftPost()
    await publish(post.id)
    const attempts = await receiver.waitFor(aboutPost(post.id), { count: 3, timeoutMs: 20_000 })
    expect(new Set(attempts.map((item) => item.id)).size).toBe(1)
    expect(attempts.every((item) => item.isVerified)).toBe(true)
    // The log row is written once the receiver's answer is in: wait for it.
    const delivery = await eventually({
      read: async () =>
        (
          (
            await newsroom.http(
              `/api/webhook-deliveries?where[messageId][equals]=${attempts[0].id}&depth=0`,
              { token: newsroom.tokens.admin },
            )
          ).body as { docs: { status: string; attempts: number }[] }
        ).docs[0],
      isDone: (value) => value?.status === 'delivered',
      what: 'the delivery logged as delivered',
    })
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3 })
  })

  it('should send nothing for a save that is refused', async () => {
    const refused = await newsroom.http('/api/posts?depth=0', {
      method: 'POST',
      token: newsroom.tokens.contributor,
      json: { title: 'Contributor publishes without review', _status: 'published' },
    })
    expect(refused.status).toBe(403)
    // A later publish arrives; the refused one never does.
    const post = await draftPost()
    await publish(post.id)
    await receiver.waitFor(aboutPost(post.id))
    expect(
      receiver.received.filter((item) =>
        item.body.includes('Contributor publishes without review'),
      ),
    ).toEqual([])
  })

  it('should make a bulk publish of 20 posts one delivery', async () => {
    const posts = await Promise.all(Array.from({ length: 20 }, () => draftPost()))
    const query = posts.map((post) => `where[id][in]=${post.id}`).join('&')
    const bulk = await newsroom.http(`/api/posts?${query}&depth=0`, {
      method: 'PATCH',
      token: newsroom.tokens.editor,
      json: { _status: 'published' },
    })
    expect(bulk.status, bulk.text).toBe(200)
    const [got] = await receiver.waitFor(aboutPost(posts[0].id))
    expect(got.json.type).toBe('post.published')
    expect(got.json.data.documents.map((doc: { id: number }) => doc.id).sort()).toEqual(
      posts.map((post) => post.id).sort(),
    )
    expect(receiver.received.filter(aboutPost(posts[19].id))).toHaveLength(1)
  })

  it('should announce a slug change with its old slug, and answer the old path with a redirect', async () => {
    const post = await draftPost()
    await publish(post.id)
    await publish(post.id, { slug: `${post.slug}-moved` })
    const [changed] = await receiver.waitFor(
      (item) => item.json.type === 'slug.changed' && aboutPost(post.id)(item),
    )
    expect(changed.json.data.documents[0]).toMatchObject({
      slug: `${post.slug}-moved`,
      previousSlug: post.slug,
      previousPath: `/posts/${post.slug}`,
    })
    const redirect = await fetch(
      `${newsroom.server.baseUrl}/api/redirects?path=${encodeURIComponent(`/posts/${post.slug}`)}`,
      { redirect: 'manual' },
    )
    expect(redirect.status).toBe(301)
    expect(redirect.headers.get('location')).toBe(`/posts/${post.slug}-moved`)
  })
})

describe('webhook addresses without WEBHOOKS_ALLOW_PRIVATE', () => {
  let server: RunningServer
  let token: string
  beforeAll(async () => {
    server = await startProductionServer()
    const first = await fetch(`${server.baseUrl}/api/users/first-register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.test', name: 'Admin', password: PASSWORD }),
    })
    token = ((await first.json()) as { token: string }).token
  })
  afterAll(async () => {
    await server?.stop()
  })

  it.each([
    ['plain http', 'http://hooks.example.org/in'],
    ['a loopback address', 'https://127.0.0.1/in'],
    ['a loopback name', 'https://localhost/in'],
    ['a private address', 'https://10.1.2.3/in'],
    ['the cloud metadata address', 'https://169.254.169.254/latest'],
    ['an IPv6 loopback', 'https://[::1]/in'],
    ['an IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/in'],
  ])('should refuse %s, naming the url field', async (_name, url) => {
    const answer = await fetch(`${server.baseUrl}/api/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
      body: JSON.stringify({ name: 'Inside', url }),
    })
    expect(answer.status).toBe(400)
    const body = (await answer.json()) as { errors: { data: { errors: { path: string }[] } }[] }
    expect(body.errors[0].data.errors[0].path).toBe('url')
  })

  it('should accept a public https address', async () => {
    const answer = await fetch(`${server.baseUrl}/api/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
      body: JSON.stringify({ name: 'Outside', url: 'https://hooks.example.org/in', active: false }),
    })
    expect(answer.status).toBe(201)
  })
})
