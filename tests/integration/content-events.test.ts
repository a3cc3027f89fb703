/**
 * Content events and webhooks through a real Payload: which writes announce what (drafts never),
 * one event for a bulk publish, nothing for a refused or rolled-back write, signed deliveries a
 * `standardwebhooks` receiver verifies, retries with the same webhook-id, switching off a
 * failing webhook, event order per document, replays, and the secret shown once.
 */
import { commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { EditorialDashboard } from '../../src/components/EditorialDashboard/index.tsx'

import { pruneOldEvents } from '../../src/plugins/contentEvents/prune.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhookReceiver.ts'

let cms: TestCms
let admin: Awaited<ReturnType<TestCms['userWithRole']>>
let editor: Awaited<ReturnType<TestCms['userWithRole']>>
let contributor: Awaited<ReturnType<TestCms['userWithRole']>>
let receiver: WebhookReceiver
let webhookId: number | string

beforeAll(async () => {
  receiver = await startWebhookReceiver()
  cms = await startTestCms({
    env: {
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      WEBHOOK_RETRY_SECONDS: '0,0',
      PUBLIC_SITE_URL: 'https://www.example.org',
    },
  })
  admin = await cms.userWithRole('admin')
  editor = await cms.userWithRole('editor')
  contributor = await cms.userWithRole('contributor')
  const created = await cms.rest({
    method: 'POST',
    path: '/api/webhooks',
    token: admin.token,
    body: { name: 'Front end', url: receiver.url },
  })
  expect(created.status).toBe(201)
  webhookId = created.body.doc.id
  receiver.setSecret(created.body.doc.secret)
})
afterAll(async () => {
  await cms?.close()
  await receiver?.close()
})

beforeEach(() => {
  receiver.answers.splice(0)
})

/**
 * Runs the webhook queue until no delivery is left open (retries with a 0 s wait included),
 * for at most 20 s. The server's own runner may take jobs meanwhile: the deliveries' state, not
 * the queue's answer, says when it is done.
 */
const runDeliveries = async () => {
  const deadline = Date.now() + 20_000
  for (;;) {
    await cms.payload.jobs.run({ queue: 'webhooks', limit: 100, overrideAccess: true })
    const open = await cms.payload.count({
      collection: 'webhook-deliveries',
      where: { status: { in: ['pending', 'retrying'] } },
      overrideAccess: true,
    })
    if (open.totalDocs === 0) return
    if (Date.now() > deadline) {
      throw new Error(`${open.totalDocs} webhook deliveries still open after 20 s`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

type EventRow = {
  type: string
  eventId: string
  documents: any[]
  affected: any
  documentKeys: string[]
}

/** The events naming a document since it was made (SQLite hands a deleted row's id out again). */
const eventsAbout = async (
  collection: string,
  id: number | string,
  since = '1970-01-01T00:00:00.000Z',
) => {
  const { docs } = await cms.payload.find({
    collection: 'content-events',
    sort: 'occurredAt',
    pagination: false,
    overrideAccess: true,
  })
  return (docs as unknown as (EventRow & { occurredAt: string })[]).filter(
    (event) => event.occurredAt >= since && event.documentKeys.includes(`${collection}:${id}`),
  )
}

let counter = 0
const draft = async (title?: string) => {
  counter += 1
  return cms.payload.create({
    collection: 'posts',
    data: {
      title: title ?? `Post ${counter}`,
      slug: `post-${counter}-${Date.now()}`,
      _status: 'draft',
    },
    draft: true,
    overrideAccess: true,
  })
}

const publish = (id: number | string, data: Record<string, unknown> = {}) =>
  cms.payload.update({
    collection: 'posts',
    id,
    data: { ...data, _status: 'published' },
    overrideAccess: true,
  })

describe('what a write announces', () => {
  it('should announce a publish with the document and the pages to refresh', async () => {
    const author = await cms.payload.create({
      collection: 'authors',
      data: { name: `Writer ${Date.now()}` },
      overrideAccess: true,
    })
    const post = await draft('Announced post')
    await publish(post.id, { author: author.id })
    const events = await eventsAbout('posts', post.id)
    expect(events.map((event) => event.type)).toEqual(['post.published'])
    const [event] = events
    expect(event.eventId).toMatch(/^evt_[0-9a-f]{32}$/)
    expect(event.documents).toEqual([
      expect.objectContaining({
        collection: 'posts',
        id: post.id,
        slug: post.slug,
        title: 'Announced post',
        path: `/posts/${post.slug}`,
        url: `https://www.example.org/posts/${post.slug}`,
      }),
    ])
    expect(event.affected.paths).toEqual(
      expect.arrayContaining(['/', '/posts', `/posts/${post.slug}`, `/authors/${author.slug}`]),
    )
    expect(event.affected.urls).toEqual(
      expect.arrayContaining([
        'http://localhost:3000/feeds/posts.xml',
        `http://localhost:3000/feeds/authors/${author.slug}.xml`,
      ]),
    )
  })

  it('should announce nothing for draft saves', async () => {
    const post = await draft()
    await cms.payload.update({
      collection: 'posts',
      id: post.id,
      data: { title: 'Still a draft' },
      draft: true,
      overrideAccess: true,
    })
    expect(await eventsAbout('posts', post.id)).toEqual([])
  })

  it('should announce a change to a published post, and a slug change with the old slug', async () => {
    const post = await draft()
    await publish(post.id)
    await cms.payload.update({
      collection: 'posts',
      id: post.id,
      data: { title: 'Draft of a change' },
      draft: true,
      overrideAccess: true,
    })
    await publish(post.id, { slug: `${post.slug}-renamed` })
    const events = await eventsAbout('posts', post.id)
    expect(events.map((event) => event.type)).toEqual([
      'post.published',
      'post.updated',
      'slug.changed',
    ])
    expect(events[2].documents[0]).toMatchObject({
      slug: `${post.slug}-renamed`,
      previousSlug: post.slug,
      previousPath: `/posts/${post.slug}`,
    })
    expect(events[2].affected.paths).toEqual(
      expect.arrayContaining([`/posts/${post.slug}`, `/posts/${post.slug}-renamed`]),
    )
  })

  it('should announce unpublish, trash and delete of published posts only', async () => {
    const unpublished = await draft()
    await publish(unpublished.id)
    await cms.payload.update({
      collection: 'posts',
      id: unpublished.id,
      data: { _status: 'draft' },
      overrideAccess: true,
    })
    const trashed = await draft()
    await publish(trashed.id)
    await cms.payload.update({
      collection: 'posts',
      id: trashed.id,
      data: { deletedAt: new Date().toISOString() },
      overrideAccess: true,
    })
    const deleted = await draft()
    await publish(deleted.id)
    await cms.payload.delete({ collection: 'posts', id: deleted.id, overrideAccess: true })
    const neverPublished = await draft()
    await cms.payload.delete({ collection: 'posts', id: neverPublished.id, overrideAccess: true })
    const since = neverPublished.createdAt

    const types = async (id: number | string, from?: string) =>
      (await eventsAbout('posts', id, from)).map((event) => event.type)
    expect(await types(unpublished.id)).toEqual(['post.published', 'post.unpublished'])
    expect(await types(trashed.id)).toEqual(['post.published', 'post.deleted'])
    expect(await types(deleted.id)).toEqual(['post.published', 'post.deleted'])
    expect(await types(neverPublished.id, since)).toEqual([])
  })

  it('should announce authors and sources as they change', async () => {
    const source = await cms.payload.create({
      collection: 'sources',
      data: { name: `Outlet ${Date.now()}`, kind: 'news-outlet' },
      overrideAccess: true,
    })
    await cms.payload.update({
      collection: 'sources',
      id: source.id,
      data: { name: `${source.name} renamed` },
      overrideAccess: true,
    })
    await cms.payload.delete({ collection: 'sources', id: source.id, overrideAccess: true })
    expect((await eventsAbout('sources', source.id)).map((event) => event.type)).toEqual([
      'source.created',
      'source.updated',
      'source.deleted',
    ])
  })

  it('should announce nothing for a refused save', async () => {
    const post = await cms.rest({
      method: 'POST',
      path: '/api/posts?depth=0',
      token: contributor.token,
      body: { title: 'Contributor tries to publish', _status: 'published' },
    })
    expect(post.status).toBe(403)
    const { totalDocs } = await cms.payload.count({
      collection: 'content-events',
      where: { summary: { equals: 'Contributor tries to publish' } },
      overrideAccess: true,
    })
    expect(totalDocs).toBe(0)
  })

  it('should announce nothing, and queue no delivery, when the transaction is rolled back', async () => {
    const post = await draft()
    const deliveriesBefore = await cms.payload.count({
      collection: 'webhook-deliveries',
      overrideAccess: true,
    })
    const req = { payload: cms.payload, context: {} } as unknown as PayloadRequest
    const { createLocalReq } = await import('payload')
    const local = await createLocalReq({}, cms.payload)
    Object.assign(req, local)
    await initTransaction(req)
    await cms.payload.update({
      collection: 'posts',
      id: post.id,
      data: { _status: 'published' },
      overrideAccess: true,
      req,
    })
    await killTransaction(req)
    expect(await eventsAbout('posts', post.id, post.createdAt)).toEqual([])
    const deliveriesAfter = await cms.payload.count({
      collection: 'webhook-deliveries',
      overrideAccess: true,
    })
    expect(deliveriesAfter.totalDocs).toBe(deliveriesBefore.totalDocs)
    // The same write committed is announced.
    const again = await createLocalReq({}, cms.payload)
    await initTransaction(again)
    await cms.payload.update({
      collection: 'posts',
      id: post.id,
      data: { _status: 'published' },
      overrideAccess: true,
      req: again,
    })
    await commitTransaction(again)
    expect(
      (await eventsAbout('posts', post.id, post.createdAt)).map((event) => event.type),
    ).toEqual(['post.published'])
  })

  it('should make a bulk publish of 20 posts one event listing them all', async () => {
    const posts = await Promise.all(
      Array.from({ length: 20 }, (_, index) => draft(`Bulk ${index}`)),
    )
    const ids = posts.map((post) => post.id)
    const query = ids.map((id) => `where[id][in]=${id}`).join('&')
    const bulk = await cms.rest({
      method: 'PATCH',
      path: `/api/posts?${query}&depth=0`,
      token: editor.token,
      body: { _status: 'published' },
    })
    expect(bulk.status).toBe(200)
    expect(bulk.body.docs).toHaveLength(20)
    const events = await eventsAbout('posts', ids[0])
    expect(events.map((event) => event.type)).toEqual(['post.published'])
    expect(events[0].documents.map((item: { id: unknown }) => item.id).sort()).toEqual(
      [...ids].sort(),
    )
    const deliveries = await cms.payload.find({
      collection: 'webhook-deliveries',
      where: { messageId: { equals: events[0].eventId } },
      overrideAccess: true,
    })
    expect(deliveries.totalDocs).toBe(1)
  })
})

describe('deliveries', () => {
  it('should deliver a signed event a standardwebhooks receiver verifies', async () => {
    const post = await draft('Delivered post')
    await publish(post.id)
    await runDeliveries()
    const [event] = await eventsAbout('posts', post.id)
    const [got] = await receiver.waitFor((item) => item.id === event.eventId)
    expect(got.isVerified).toBe(true)
    expect(got.signature).toMatch(/^v1,[A-Za-z0-9+/]+=*$/)
    expect(got.json).toMatchObject({
      id: event.eventId,
      type: 'post.published',
      data: { documents: [expect.objectContaining({ id: post.id, title: 'Delivered post' })] },
    })
    const delivery = await cms.payload.find({
      collection: 'webhook-deliveries',
      where: { messageId: { equals: event.eventId } },
      overrideAccess: true,
    })
    expect(delivery.docs[0]).toMatchObject({
      status: 'delivered',
      attempts: 1,
      responseStatus: 204,
    })
  })

  it('should try again with the same webhook-id after failures, and deliver on the third attempt', async () => {
    receiver.answers.push(500, 503)
    const post = await draft()
    await publish(post.id)
    await runDeliveries()
    const [event] = await eventsAbout('posts', post.id)
    const delivery = await cms.payload.find({
      collection: 'webhook-deliveries',
      where: { messageId: { equals: event.eventId } },
      overrideAccess: true,
    })
    expect(delivery.docs[0]).toMatchObject({ status: 'delivered', attempts: 3 })
    const attempts = await receiver.waitFor((item) => item.id === event.eventId, { count: 3 })
    expect(attempts.map((item) => item.isVerified)).toEqual([true, true, true])
    expect(new Set(attempts.map((item) => item.body)).size).toBe(1)
    const { docs } = await cms.payload.find({
      collection: 'webhook-deliveries',
      where: { messageId: { equals: event.eventId } },
      overrideAccess: true,
    })
    expect(docs[0]).toMatchObject({ status: 'delivered', attempts: 3 })
    expect(
      (docs[0] as { log: { responseStatus: number }[] }).log.map((row) => row.responseStatus),
    ).toEqual([500, 503, 204])
  })

  it('should keep the events of one document in order while an earlier one is retried', async () => {
    receiver.answers.push(500)
    const post = await draft()
    await publish(post.id)
    await publish(post.id, { title: 'Changed once published' })
    await runDeliveries()
    const events = await eventsAbout('posts', post.id)
    expect(events.map((event) => event.type)).toEqual(['post.published', 'post.updated'])
    const got = await receiver.waitFor(
      (item) => events.some((event) => event.eventId === item.id),
      { count: 3 },
    )
    expect(got.map((item) => item.json.type)).toEqual([
      'post.published',
      'post.published',
      'post.updated',
    ])
  })

  it('should fail a delivery after its retries and switch the webhook off', async () => {
    const failing = await startWebhookReceiver()
    failing.answers.push(500, 500, 500, 500)
    try {
      const made = await cms.rest({
        method: 'POST',
        path: '/api/webhooks',
        token: admin.token,
        body: { name: 'Failing', url: failing.url, collections: ['digests'] },
      })
      const digest = await cms.payload.create({
        collection: 'digests',
        data: { title: 'Digest for the failing hook', issueNumber: 9001, _status: 'published' },
        overrideAccess: true,
      })
      await runDeliveries()
      const { docs } = await cms.payload.find({
        collection: 'webhook-deliveries',
        where: { webhook: { equals: made.body.doc.id } },
        overrideAccess: true,
      })
      expect(docs).toHaveLength(1)
      expect(docs[0].log).toHaveLength(3)
      expect(docs[0]).toMatchObject({
        status: 'failed',
        attempts: 3,
        eventType: 'digest.published',
      })
      const webhook = await cms.payload.findByID({
        collection: 'webhooks',
        id: made.body.doc.id,
        overrideAccess: true,
      })
      expect(webhook.active).toBe(false)
      expect(webhook.disabledReason).toMatch(/failed 3 times in a row: .*500/)
      expect(digest.id).toBeDefined()
      // Admins see it on the dashboard, with why; editors do not (they cannot manage webhooks).
      const dashboard = async (id: number | string) =>
        renderToStaticMarkup(
          await EditorialDashboard({
            payload: cms.payload,
            user: {
              ...(await cms.payload.findByID({ collection: 'users', id, overrideAccess: true })),
              collection: 'users' as const,
            },
          }),
        )
      const forAdmin = await dashboard(admin.id)
      expect(forAdmin).toContain('data-section="webhooks"')
      expect(forAdmin).toContain('Failing')
      expect(forAdmin).toContain(`href="/admin/collections/webhooks/${made.body.doc.id}"`)
      expect(forAdmin).toMatch(/A delivery failed 3 times in a row: .*500/)
      expect(await dashboard(editor.id)).not.toContain('data-section="webhooks"')
      // Replaying needs it switched on again.
      const refused = await cms.rest({
        method: 'POST',
        path: `/api/webhook-deliveries/${docs[0].id}/replay`,
        token: admin.token,
      })
      expect(refused.status).toBe(400)
      expect(refused.body.errors[0].message).toMatch(/switched off/)
    } finally {
      await failing.close()
    }
  })

  it('should replay one delivery with the same webhook-id, for admins only', async () => {
    const post = await draft()
    await publish(post.id)
    await runDeliveries()
    const [event] = await eventsAbout('posts', post.id)
    const { docs } = await cms.payload.find({
      collection: 'webhook-deliveries',
      where: { messageId: { equals: event.eventId } },
      overrideAccess: true,
    })
    const forbidden = await cms.rest({
      method: 'POST',
      path: `/api/webhook-deliveries/${docs[0].id}/replay`,
      token: editor.token,
    })
    expect(forbidden.status).toBe(403)
    const replay = await cms.rest({
      method: 'POST',
      path: `/api/webhook-deliveries/${docs[0].id}/replay`,
      token: admin.token,
    })
    expect(replay.status).toBe(200)
    await runDeliveries()
    const got = await receiver.waitFor((item) => item.id === event.eventId, { count: 2 })
    expect(got[1].body).toBe(got[0].body)
  })

  it('should replay every event since a time, and refuse a bad time naming the parameter', async () => {
    const since = new Date().toISOString()
    const post = await draft()
    await publish(post.id)
    await runDeliveries()
    const bad = await cms.rest({
      method: 'POST',
      path: `/api/webhooks/${webhookId}/replay`,
      token: admin.token,
      body: { since: 'yesterday-ish' },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].message).toMatch(/^since must be a date/)
    const replay = await cms.rest({
      method: 'POST',
      path: `/api/webhooks/${webhookId}/replay`,
      token: admin.token,
      body: { since },
    })
    expect(replay.status).toBe(200)
    expect(replay.body.queued).toBeGreaterThanOrEqual(1)
    await runDeliveries()
    const [event] = await eventsAbout('posts', post.id)
    await receiver.waitFor((item) => item.id === event.eventId, { count: 2 })
  })

  it('should send a test event to one webhook on request', async () => {
    const test = await cms.rest({
      method: 'POST',
      path: `/api/webhooks/${webhookId}/test`,
      token: admin.token,
    })
    expect(test.status).toBe(200)
    await runDeliveries()
    const [got] = await receiver.waitFor((item) => item.id === test.body.eventId)
    expect(got).toMatchObject({ isVerified: true, json: { type: 'webhook.test' } })
  })
})

describe('a scheduled publish that fails', () => {
  it('should announce schedule.failed with the document and the reason', async () => {
    const post = await draft('Doomed by its scheduler')
    // Scheduled by an editor who is a contributor by the time it runs: it fails for good.
    const scheduler = await cms.userWithRole('editor')
    const scheduled = await cms.rest({
      method: 'POST',
      path: `/api/posts/${post.id}/workflow`,
      token: scheduler.token,
      body: { action: 'schedule', at: new Date(Date.now() - 1000).toISOString() },
    })
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(200)
    await cms.payload.update({
      collection: 'users',
      id: scheduler.id,
      data: { role: 'contributor' },
      overrideAccess: true,
    })
    const deadline = Date.now() + 20_000
    let events: EventRow[] = []
    while (Date.now() < deadline) {
      await cms.payload.jobs.run({ limit: 100, overrideAccess: true })
      events = (await eventsAbout('posts', post.id, post.createdAt)).filter(
        (event) => event.type === 'schedule.failed',
      )
      if (events.length > 0) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(events).toHaveLength(1)
    expect(events[0].documents[0]).toMatchObject({
      id: post.id,
      title: 'Doomed by its scheduler',
    })
    await runDeliveries()
    const [got] = await receiver.waitFor((item) => item.id === events[0].eventId)
    expect(got.json.data.error).toMatch(/^Publish scheduled for .* failed: /)
  })
})

describe('keeping the outbox small', () => {
  it('should delete events and closed deliveries older than 30 days, and keep the rest', async () => {
    const post = await draft()
    await publish(post.id)
    await runDeliveries()
    const [recent] = await eventsAbout('posts', post.id)
    const old = await cms.payload.create({
      collection: 'content-events',
      data: {
        eventId: 'evt_old000000000000000000000000000',
        type: 'post.published',
        occurredAt: new Date(Date.now() - 40 * 24 * 3600_000).toISOString(),
        documentKeys: [],
        body: '{}',
      },
      overrideAccess: true,
    })
    await pruneOldEvents(cms.payload, Date.now())
    const left = await cms.payload.find({
      collection: 'content-events',
      where: { eventId: { in: [recent.eventId, 'evt_old000000000000000000000000000'] } },
      overrideAccess: true,
    })
    expect(left.docs.map((doc) => doc.eventId)).toEqual([recent.eventId])
    expect(old.id).toBeDefined()
    // 31 days on, the recent one and its delivery go too.
    await pruneOldEvents(cms.payload, Date.now() + 31 * 24 * 3600_000)
    expect(
      (
        await cms.payload.count({
          collection: 'webhook-deliveries',
          where: { messageId: { equals: recent.eventId } },
          overrideAccess: true,
        })
      ).totalDocs,
    ).toBe(0)
  })
})

describe('webhooks as admins manage them', () => {
  it('should show the secret only in the answer that creates or rotates it', async () => {
    const created = await cms.rest({
      method: 'POST',
      path: '/api/webhooks',
      token: admin.token,
      body: { name: 'Secret keeper', url: receiver.url, secret: 'whsec_chosenbytheclient' },
    })
    expect(created.status).toBe(201)
    const secret = created.body.doc.secret as string
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    const read = await cms.rest({
      path: `/api/webhooks/${created.body.doc.id}`,
      token: admin.token,
    })
    expect(read.status).toBe(200)
    expect(JSON.stringify(read.body)).not.toContain(secret.slice(6))
    expect(read.body.secret).toBeUndefined()
    expect(read.body.secretHint).toBe(`${secret.slice(0, 10)}…${secret.slice(-4)}`)
    const rotated = await cms.rest({
      method: 'POST',
      path: `/api/webhooks/${created.body.doc.id}/rotate-secret`,
      token: admin.token,
    })
    expect(rotated.status).toBe(200)
    expect(rotated.body.secret).toMatch(/^whsec_/)
    expect(rotated.body.secret).not.toBe(secret)
    // Deliveries are signed with the new secret from now on.
    const probe = await startWebhookReceiver()
    try {
      probe.setSecret(rotated.body.secret as string)
      await cms.rest({
        method: 'PATCH',
        path: `/api/webhooks/${created.body.doc.id}`,
        token: admin.token,
        body: { url: probe.url },
      })
      const test = await cms.rest({
        method: 'POST',
        path: `/api/webhooks/${created.body.doc.id}/test`,
        token: admin.token,
      })
      await runDeliveries()
      const [got] = await probe.waitFor((item) => item.id === test.body.eventId)
      expect(got.isVerified).toBe(true)
    } finally {
      await probe.close()
    }
  })

  it('should let only admins read or manage webhooks and their logs', async () => {
    for (const user of [editor, contributor]) {
      expect((await cms.rest({ path: '/api/webhooks', token: user.token })).status).toBe(403)
      expect((await cms.rest({ path: '/api/webhook-deliveries', token: user.token })).status).toBe(
        403,
      )
      expect((await cms.rest({ path: '/api/content-events', token: user.token })).status).toBe(403)
      const create = await cms.rest({
        method: 'POST',
        path: '/api/webhooks',
        token: user.token,
        body: { name: 'Sneaky', url: receiver.url },
      })
      expect(create.status).toBe(403)
      const rotate = await cms.rest({
        method: 'POST',
        path: `/api/webhooks/${webhookId}/rotate-secret`,
        token: user.token,
      })
      expect(rotate.status).toBe(403)
    }
    expect((await cms.rest({ path: '/api/webhooks' })).status).toBe(403)
  })

  it('should refuse a URL that is not a URL, naming the field', async () => {
    const bad = await cms.rest({
      method: 'POST',
      path: '/api/webhooks',
      token: admin.token,
      body: { name: 'Broken', url: 'not a url' },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].data.errors[0]).toMatchObject({ path: 'url' })
  })
})
