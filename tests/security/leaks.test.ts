/**
 * Draft, trash and version leakage, attacked over HTTP against the production server.
 * Every attack is compared with the baseline: the plain anonymous answer for the same list.
 * An attack may return less than the baseline, never more, and never a secret.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { gql, SECRET, startNewsroom, type HttpAnswer, type Newsroom } from '../helpers/newsroom.ts'

let room: Newsroom
let publicPostIds: (number | string)[]
let publicDigestIds: (number | string)[]

beforeAll(async () => {
  room = await startNewsroom()
  publicPostIds = (await room.http('/api/posts?depth=0&limit=100')).body.docs.map(idOf)
  publicDigestIds = (await room.http('/api/digests?depth=0&limit=100')).body.docs.map(idOf)
})

afterAll(async () => {
  await room?.stop()
})

const idOf = (doc: { id: number | string }) => doc.id

/** No answer may contain the secret, a stack trace, or be a server error. */
const expectNoLeak = (answer: HttpAnswer, what: string) => {
  expect(answer.status, `${what}: ${answer.text.slice(0, 300)}`).toBeLessThan(500)
  expect(answer.text, what).not.toContain(SECRET)
  expect(answer.text, what).not.toMatch(/\n\s+at \S+ \(/)
}

/** A list answer returns at most what the baseline list returns. */
const expectWithinBaseline = (answer: HttpAnswer, baseline: (number | string)[], what: string) => {
  expectNoLeak(answer, what)
  if (answer.status !== 200) {
    expect(answer.body?.errors?.[0]?.message, `${what}: an error names the problem`).toBeTruthy()
    return
  }
  const docs = (answer.body.docs ?? []) as { id: number | string }[]
  for (const doc of docs) expect(baseline, what).toContain(doc.id)
  if (typeof answer.body.totalDocs === 'number') {
    expect(answer.body.totalDocs, `${what}: totalDocs`).toBeLessThanOrEqual(baseline.length)
  }
}

const secretIds = () => [room.docs.draft.id, room.docs.trashed.id]

const postListAttacks = () => {
  const draftId = room.docs.draft.id
  const trashedId = room.docs.trashed.id
  return [
    '?draft=true',
    '?draft=true&depth=2',
    '?draft=TRUE',
    '?trash=true',
    '?trash=true&draft=true',
    '?trash=true&where[deletedAt][exists]=true',
    '?where[deletedAt][exists]=true',
    '?where[_status][equals]=draft',
    '?where[_status][not_equals]=published',
    '?where[_status][in]=draft,published',
    '?draft=true&where[_status][equals]=draft',
    `?where[id][equals]=${draftId}`,
    `?where[id][in]=${draftId},${trashedId}`,
    `?where[or][0][id][equals]=${draftId}&where[or][1][_status][equals]=published`,
    `?where[OR][0][id][equals]=${draftId}`,
    `?where[Or][0][_status][equals]=draft`,
    `?where[AND][0][_status][equals]=draft`,
    `?where[and][0][or][0][_status][equals]=draft&where[and][0][or][1][deletedAt][exists]=true`,
    `?where[title][like]=${SECRET}`,
    `?where[title][contains]=${SECRET}`,
    `?where[excerpt][like]=${SECRET}`,
    `?where[author.email][like]=${SECRET}`,
    `?where[author.email][exists]=true`,
    `?where[version.title][like]=${SECRET}`,
    `?where[parent][exists]=true`,
    '?sort=-_status',
    '?sort=title&draft=true',
    '?sort=deletedAt&trash=true',
    '?select[title]=true&select[_status]=true&draft=true',
    '?select[deletedAt]=true&trash=true',
    '?populate[authors][email]=true&depth=1',
    '?populate[posts][title]=true&depth=2&draft=true',
    '?joins[posts][limit]=100',
    '?depth=5&draft=true',
    '?pagination=false&draft=true',
    '?limit=0&draft=true',
    '?page=2&limit=1&draft=true',
    '?locale=all&draft=true',
  ]
}

describe('anonymous REST post lists', () => {
  it('should have a baseline of exactly the published, non-trashed posts', () => {
    expect([...publicPostIds].sort()).toEqual(
      [room.docs.published.id, room.docs.liveWithDraft.id].sort(),
    )
  })

  it('should return no more than the baseline for any query variant', async () => {
    for (const attack of postListAttacks()) {
      const answer = await room.http(`/api/posts${attack}`)
      expectWithinBaseline(answer, publicPostIds, `GET /api/posts${attack}`)
    }
  })

  it('should not count drafts or the trash', async () => {
    for (const attack of ['?draft=true', '?trash=true', '?where[_status][equals]=draft']) {
      const answer = await room.http(`/api/posts/count${attack}`)
      expectNoLeak(answer, attack)
      expect(answer.body.totalDocs, attack).toBeLessThanOrEqual(publicPostIds.length)
    }
  })
})

describe('anonymous REST reads by id', () => {
  it('should answer a draft or trashed id exactly as an id that does not exist', async () => {
    const missing = await room.http('/api/posts/999999')
    for (const id of secretIds()) {
      for (const query of ['', '?draft=true', '?trash=true', '?trash=true&draft=true&depth=2']) {
        const answer = await room.http(`/api/posts/${id}${query}`)
        expectNoLeak(answer, `GET /api/posts/${id}${query}`)
        expect(answer.status).toBe(missing.status)
        expect(answer.body).toEqual(missing.body)
      }
    }
  })

  it('should serve the published version, never the pending draft', async () => {
    for (const query of ['', '?draft=true', '?draft=true&depth=3']) {
      const answer = await room.http(`/api/posts/${room.docs.liveWithDraft.id}${query}`)
      expectNoLeak(answer, query)
      expect(answer.body.title).toBe('Live title')
    }
  })

  it('should answer the per-document permission route alike for every id', async () => {
    const missing = await room.http('/api/posts/access/999999', { method: 'POST' })
    expect(missing.status).toBe(404)
    const ids = [...secretIds(), room.docs.published.id, 'abc']
    for (const id of ids) {
      for (const authorization of [undefined, 'JWT not-a-token']) {
        const answer = await room.http(`/api/posts/access/${id}`, {
          method: 'POST',
          headers: authorization ? { authorization } : {},
        })
        expectNoLeak(answer, `POST /api/posts/access/${id}`)
        expect(answer.status, `${id}: ${answer.text}`).toBe(missing.status)
        expect(answer.body).toEqual(missing.body)
      }
    }
  })

  it('should still answer it to staff, for the admin panel', async () => {
    const answer = await room.http(`/api/posts/access/${room.docs.draft.id}`, {
      method: 'POST',
      token: room.tokens.editor,
    })
    expect(answer.status, answer.text).toBe(200)
    expect(answer.body.fields.title).toBeTruthy()
  })

  it('should not reveal a draft through a write attempt either', async () => {
    for (const method of ['PATCH', 'DELETE']) {
      const answer = await room.http(`/api/posts/${room.docs.draft.id}`, {
        method,
        json: method === 'PATCH' ? { title: 'x' } : undefined,
      })
      expectNoLeak(answer, method)
      expect(answer.status).toBeGreaterThanOrEqual(400)
    }
  })
})

describe('anonymous REST versions', () => {
  it.each(['posts', 'digests'])('should refuse every version path of %s', async (collection) => {
    const versions = [
      `/api/${collection}/versions`,
      `/api/${collection}/versions?draft=true&depth=2`,
      `/api/${collection}/versions?where[parent][equals]=${room.docs.draft.id}`,
      `/api/${collection}/versions/1`,
      `/api/${collection}/versions/1?depth=2`,
    ]
    for (const path of versions) {
      const answer = await room.http(path)
      expectNoLeak(answer, path)
      expect(answer.status, path).toBeGreaterThanOrEqual(400)
    }
  })
})

describe('relationships: digest → post', () => {
  it('should never populate a draft or trashed post from a published digest', async () => {
    for (const query of ['', '?depth=1', '?depth=2', '?draft=true&depth=2', '?trash=true']) {
      const answer = await room.http(`/api/digests/${room.docs.digest.id}${query}`)
      expectNoLeak(answer, query)
      const related = answer.body.relatedPosts as unknown[]
      for (const post of related) {
        if (typeof post === 'object' && post) {
          expect(publicPostIds).toContain((post as { id: number }).id)
        }
      }
    }
  })

  it('should not let a where on the related post pick out drafts', async () => {
    for (const attack of [
      `?where[relatedPosts.title][like]=${SECRET}`,
      `?where[items.post.title][like]=${SECRET}`,
      `?where[relatedPosts._status][equals]=draft`,
      `?where[items.post.excerpt][contains]=${SECRET}`,
    ]) {
      const answer = await room.http(`/api/digests${attack}`)
      // A filter through a relationship may only match what the caller could read directly.
      expectWithinBaseline(answer, publicDigestIds, attack)
      expect(answer.body.docs ?? [], attack).toEqual([])
    }
  })

  it('should keep draft digests out of lists', async () => {
    for (const attack of ['?draft=true', '?where[_status][equals]=draft', '?trash=true']) {
      expectWithinBaseline(await room.http(`/api/digests${attack}`), publicDigestIds, attack)
    }
  })
})

describe('other public paths', () => {
  it.each([
    [`/api/search?q=${SECRET}`],
    [`/api/search?q=pending`],
    [`/api/search?q=never+published&type=posts`],
  ])('should find nothing unpublished through %s', async (path) => {
    const answer = await room.http(path)
    expect(answer.status).toBe(200)
    // The answer repeats the query itself; the results must not match it.
    expect(JSON.stringify(answer.body.docs)).not.toContain(SECRET)
    expect(answer.body.totalDocs).toBe(0)
  })

  it.each([
    ['/feeds/posts.xml'],
    ['/feeds/posts.json'],
    ['/feeds/digests.xml'],
    [`/api/authors?depth=2`],
    [`/api/sources?depth=2`],
  ])('should not leak through %s', async (path) => {
    expectNoLeak(await room.http(path), path)
  })
})

describe('anonymous GraphQL', () => {
  const listQueries = () => [
    '{ Posts { docs { id title } totalDocs } }',
    '{ Posts(draft: true) { docs { id title excerpt } totalDocs } }',
    '{ Posts(trash: true) { docs { id title } totalDocs } }',
    '{ Posts(trash: true, draft: true, where: { deletedAt: { exists: true } }) { docs { id title } } }',
    '{ Posts(where: { _status: { equals: draft } }) { docs { id title } totalDocs } }',
    `{ Posts(where: { OR: [{ _status: { equals: draft } }, { title: { like: "${SECRET}" } }] }) { docs { id title } } }`,
    `{ Posts(where: { AND: [{ id: { equals: ${room.docs.draft.id} } }] }, draft: true) { docs { id title } } }`,
    '{ Posts(sort: "-_status", draft: true, pagination: false) { docs { id title } } }',
    '{ Posts(limit: 0, draft: true) { docs { id title } } }',
  ]

  it('should list no more than the REST baseline for any variant', async () => {
    for (const query of listQueries()) {
      const answer = await room.http('/api/graphql', gql(query))
      expectNoLeak(answer, query)
      const docs = (answer.body.data?.Posts?.docs ?? []) as { id: number }[]
      for (const doc of docs) expect(publicPostIds, query).toContain(doc.id)
    }
  })

  it('should not reveal drafts or trash by id, with aliases', async () => {
    const { draft, trashed, liveWithDraft } = room.docs
    const query = `{
      a: Post(id: ${draft.id}) { title }
      b: Post(id: ${draft.id}, draft: true) { title }
      c: Post(id: ${trashed.id}, trash: true) { title }
      d: Post(id: ${liveWithDraft.id}, draft: true) { title excerpt }
    }`
    const answer = await room.http('/api/graphql', gql(query))
    expectNoLeak(answer, query)
    expect(answer.body.data?.d?.title).toBe('Live title')
  })

  it('should refuse per-document permission queries to anyone but staff', async () => {
    const answers = await Promise.all(
      [room.docs.draft.id, room.docs.published.id, 999999].map((id) =>
        room.http(
          '/api/graphql',
          gql(`{ docAccessPost(id: ${id}) { fields { title { read { permission } } } } }`),
        ),
      ),
    )
    for (const answer of answers) {
      expectNoLeak(answer, 'docAccessPost')
      expect(answer.body.data ?? null).toBeNull()
      expect(answer.body.errors[0].message).toMatch(/docAccessPost is for signed-in staff/)
    }
  })

  it('should refuse the Access query to anyone but staff, with a message, not a 500', async () => {
    const anonymous = await room.http('/api/graphql', gql('{ Access { canAccessAdmin } }'))
    expectNoLeak(anonymous, 'Access')
    expect(anonymous.body.errors[0].message).toMatch(/Access is for signed-in staff/)
    const staff = await room.http('/api/graphql', {
      ...gql('{ Access { canAccessAdmin } }'),
      token: room.tokens.editor,
    })
    expect(staff.body.data.Access.canAccessAdmin).toBe(true)
  })

  it('should refuse versions, counts of drafts and the draft digest', async () => {
    for (const query of [
      '{ versionsPosts { docs { id version { title } } } }',
      '{ versionsPosts(where: { version___status: { equals: draft } }) { docs { id } } }',
      '{ versionPost(id: 1) { version { title } } }',
      '{ versionsDigests { docs { version { title } } } }',
      '{ countPosts(where: { _status: { equals: draft } }) { totalDocs } }',
      `{ Digest(id: ${room.docs.draftDigest.id}, draft: true) { title } }`,
      '{ Digests(draft: true) { docs { title } } }',
    ]) {
      const answer = await room.http('/api/graphql', gql(query))
      expectNoLeak(answer, query)
      const count = answer.body.data?.countPosts?.totalDocs
      if (typeof count === 'number') expect(count).toBe(0)
    }
  })

  it('should not populate a draft post from a published digest', async () => {
    const query = `{ Digests(draft: true) { docs {
      relatedPosts { id title excerpt }
      items { post { id title excerpt } }
    } } }`
    const answer = await room.http('/api/graphql', gql(query))
    expectNoLeak(answer, query)
    const related = answer.body.data.Digests.docs[0].relatedPosts as ({ id: number } | null)[]
    for (const post of related.filter(Boolean)) expect(publicPostIds).toContain(post!.id)
  })

  it('should answer GET queries the same way', async () => {
    const query = encodeURIComponent('{ Posts(draft: true, trash: true) { docs { title } } }')
    expectNoLeak(await room.http(`/api/graphql?query=${query}`), 'GET graphql')
  })
})
