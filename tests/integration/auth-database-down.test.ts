import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createContentFixtures, type ContentFixtures } from '../helpers/fixtures.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'

/**
 * A sign-in the database cannot check (the server restarting, a failover) must not turn the
 * request into an anonymous one: an editor's save would be answered 403 "not allowed" and a
 * staff read would silently get the public view. The database is taken away here by making
 * the first query of a request fail as a refused connection does.
 */
let cms: TestCms
let f: ContentFixtures
let editor: Awaited<ReturnType<TestCms['userWithRole']>>

beforeAll(async () => {
  cms = await startTestCms()
  f = await createContentFixtures(cms.payload)
  editor = await cms.userWithRole('editor')
})
afterAll(async () => {
  await cms?.close()
})

/**
 * Runs `work` with the database away while Payload checks the sign-in (its JWT strategy), back
 * for everything after: the server restarting while a request is being signed in.
 */
const databaseBlip = async <T>(work: () => Promise<T>): Promise<T> => {
  const db = cms.payload.db as unknown as { drizzle: object }
  const drizzle = db.drizzle
  let isMet = false
  db.drizzle = new Proxy(drizzle, {
    get: (target, property, receiver) => {
      if (!/strategies[\\/]jwt\.js/.test(new Error().stack ?? '')) {
        return Reflect.get(target, property, receiver)
      }
      isMet = true
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
        code: 'ECONNREFUSED',
      })
    },
  })
  try {
    return await work()
  } finally {
    db.drizzle = drizzle
    expect(isMet, 'the sign-in check met the outage').toBe(true)
  }
}

describe('a sign-in the database cannot check', () => {
  it('should answer a signed-in save 503 with the reason, not 403', async () => {
    const answer = await databaseBlip(() =>
      cms.rest({
        method: 'POST',
        path: '/api/posts',
        token: editor.token,
        body: { title: 'Written while the database is away', author: f.author.id },
      }),
    )
    expect(answer.status, JSON.stringify(answer.body)).toBe(503)
    expect(answer.body.errors[0].message).toMatch(/database is not reachable.*Nothing was saved/)
  })

  it('should answer a staff read 503, not the public view', async () => {
    const answer = await databaseBlip(() =>
      cms.rest({ path: `/api/posts/${f.draft.id}`, token: editor.token }),
    )
    expect(answer.status, JSON.stringify(answer.body)).toBe(503)
  })

  it('should answer a GraphQL mutation with the 503 reason', async () => {
    const answer = await databaseBlip(() =>
      cms.graphql({
        token: editor.token,
        query: 'mutation { createSource(data: { name: "Away outlet" }) { id } }',
      }),
    )
    const error = answer.body.errors?.[0]
    expect(error?.message, JSON.stringify(answer.body)).toMatch(/database is not reachable/)
    expect(error?.extensions?.statusCode).toBe(503)
  })

  it('should sign the same token in again once the database is back', async () => {
    const answer = await cms.rest({
      method: 'POST',
      path: '/api/posts',
      token: editor.token,
      body: { title: 'Written once the database is back', author: f.author.id },
    })
    expect(answer.status, JSON.stringify(answer.body)).toBe(201)
  })

  it('should leave other requests as they are: an anonymous read right after is answered', async () => {
    await databaseBlip(() => cms.rest({ path: `/api/posts/${f.draft.id}`, token: editor.token }))
    const answer = await cms.rest({ path: '/api/posts?limit=1' })
    expect(answer.status).toBe(200)
    expect(answer.body.docs).toHaveLength(1)
  })
})
