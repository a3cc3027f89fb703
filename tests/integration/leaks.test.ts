import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createContentFixtures, SECRET, type ContentFixtures } from '../helpers/fixtures.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'

let cms: TestCms
let f: ContentFixtures

beforeAll(async () => {
  cms = await startTestCms()
  f = await createContentFixtures(cms.payload)
})
afterAll(async () => {
  await cms?.close()
})

const titles = (body: { docs?: { title: string }[] }) =>
  (body.docs ?? []).map((d) => d.title).sort()

describe('anonymous REST reads', () => {
  it('should list only published, non-trashed posts', async () => {
    const { status, body } = await cms.rest({ path: '/api/posts?depth=0' })
    expect(status).toBe(200)
    expect(titles(body)).toEqual(['Live title', 'Published fixture post'])
  })

  // Each attack is compared with the same request without the attack parameter.
  it.each([
    ['/api/posts?depth=0&draft=true', '/api/posts?depth=0'],
    ['/api/posts?depth=0&trash=true', '/api/posts?depth=0'],
    ['/api/posts?depth=0&trash=true&draft=true', '/api/posts?depth=0'],
    ['/api/posts?depth=0&pagination=false', '/api/posts?depth=0'],
    ['/api/posts?depth=0&limit=0', '/api/posts?depth=0'],
    ['/api/posts?depth=0&where[_status][equals]=draft', null],
    ['/api/posts?depth=0&where[_status][not_equals]=published', null],
    [
      '/api/posts?depth=0&where[or][0][_status][equals]=draft&where[or][1][title][like]=SECRET',
      null,
    ],
    ['/api/posts?depth=0&where[title][like]=' + SECRET, null],
    ['/api/posts?depth=0&where[deletedAt][exists]=true&trash=true', null],
    ['/api/posts?depth=0&where[title][like]=' + SECRET + '&draft=true', null],
    ['/api/posts/count?where[_status][equals]=draft', null],
    ['/api/posts/count?draft=true&trash=true', '/api/posts/count'],
    ['/api/digests?depth=0&draft=true', '/api/digests?depth=0'],
  ])('should not reveal drafts through %s', async (attack, baseline) => {
    const response = await cms.rest({ path: attack })
    expect(response.status).toBe(200)
    expect(JSON.stringify(response.body)).not.toContain(SECRET)
    if (baseline) {
      const expected = await cms.rest({ path: baseline })
      expect(response.body.docs).toEqual(expected.body.docs)
      expect(response.body.totalDocs).toEqual(expected.body.totalDocs)
    } else {
      expect(response.body.docs ?? []).toEqual([])
      expect(response.body.totalDocs ?? 0).toBe(0)
    }
  })

  it('should count only published posts', async () => {
    const { body } = await cms.rest({ path: '/api/posts/count' })
    expect(body.totalDocs).toBe(2)
  })

  it.each([
    ['a never-published draft', () => `/api/posts/${f.draft.id}`],
    ['a never-published draft with draft=true', () => `/api/posts/${f.draft.id}?draft=true`],
    ['a trashed post with trash=true', () => `/api/posts/${f.trashed.id}?trash=true`],
    ['a draft digest with draft=true', () => `/api/digests/${f.draftDigest.id}?draft=true`],
  ])('should answer 404 for %s', async (_name, path) => {
    const { status, body } = await cms.rest({ path: path() })
    expect(status).toBe(404)
    expect(JSON.stringify(body)).not.toContain(SECRET)
  })

  it('should serve the published version, not the pending draft, with draft=true', async () => {
    const { body } = await cms.rest({ path: `/api/posts/${f.liveWithDraft.id}?draft=true` })
    expect(body.title).toBe('Live title')
  })

  it('should not populate a draft post linked from a published digest at any depth', async () => {
    for (const depth of [1, 2, 5, 10]) {
      const { status, body } = await cms.rest({
        path: `/api/digests/${f.digest.id}?depth=${depth}`,
      })
      expect(status).toBe(200)
      expect(JSON.stringify(body)).not.toContain(SECRET)
    }
  })

  it('should populate published posts linked from a published digest', async () => {
    const { body } = await cms.rest({ path: `/api/digests/${f.digest.id}?depth=1` })
    expect(body.items[1].post.title).toBe('Published fixture post')
  })

  it.each([['/api/posts/versions'], ['/api/digests/versions']])(
    'should refuse version listings at %s',
    async (path) => {
      const { status, body } = await cms.rest({ path })
      expect(status).toBe(403)
      expect(JSON.stringify(body)).not.toContain(SECRET)
    },
  )

  it('should refuse a single version by id', async () => {
    const { docs } = await cms.payload.findVersions({
      collection: 'posts',
      where: { parent: { equals: f.liveWithDraft.id } },
      overrideAccess: true,
    })
    const { status, body } = await cms.rest({ path: `/api/posts/versions/${docs[0].id}` })
    expect(status).toBe(403)
    expect(JSON.stringify(body)).not.toContain(SECRET)
  })

  it('should refuse to list users', async () => {
    const { status } = await cms.rest({ path: '/api/users' })
    expect(status).toBe(403)
  })

  it('should hide the staff-only author email', async () => {
    const { body } = await cms.rest({ path: `/api/authors/${f.author.id}` })
    expect(body.name).toBe('Fixture Author')
    expect(body).not.toHaveProperty('email')
  })

  it('should not let anonymous callers filter by the staff-only author email', async () => {
    const { body } = await cms.rest({ path: `/api/authors?where[email][like]=${SECRET}` })
    expect(JSON.stringify(body)).not.toContain(SECRET)
    expect(body.docs ?? []).toEqual([])
  })

  it('should hide import provenance from anonymous readers', async () => {
    const { body } = await cms.rest({ path: `/api/posts/${f.published.id}` })
    expect(body).not.toHaveProperty('provenance')
  })
})

describe('anonymous GraphQL reads', () => {
  it('should list only published posts', async () => {
    const { body } = await cms.graphql({ query: '{ Posts { docs { title } totalDocs } }' })
    expect(titles(body.data.Posts)).toEqual(['Live title', 'Published fixture post'])
  })

  it.each([
    ['{ Posts(draft: true) { docs { title } } }'],
    ['{ Posts(trash: true) { docs { title } } }'],
    ['{ Posts(draft: true, trash: true, pagination: false) { docs { title excerpt } } }'],
    ['{ Posts(where: { _status: { equals: draft } }) { docs { title } } }'],
    [`{ Posts(where: { title: { like: "${SECRET}" } }, draft: true) { docs { title } } }`],
    ['{ a: Posts(draft: true) { docs { title } } b: Posts(trash: true) { docs { title } } }'],
    ['{ countPosts(where: { _status: { equals: draft } }) { totalDocs } }'],
    [
      '{ Digests(draft: true) { docs { title items { post { title excerpt } } relatedPosts { title } } } }',
    ],
  ])('should not reveal drafts through %s', async (query) => {
    const { body } = await cms.graphql({ query })
    expect(JSON.stringify(body)).not.toContain(SECRET)
  })

  it('should not reveal a draft by id, with aliases and draft=true', async () => {
    const query = `{
      a: Post(id: ${JSON.stringify(f.draft.id)}) { title }
      b: Post(id: ${JSON.stringify(f.draft.id)}, draft: true) { title excerpt }
      c: Post(id: ${JSON.stringify(f.liveWithDraft.id)}, draft: true) { title }
      d: Digest(id: ${JSON.stringify(f.draftDigest.id)}, draft: true) { title }
    }`
    const { body } = await cms.graphql({ query })
    expect(JSON.stringify(body)).not.toContain(SECRET)
    expect(body.data?.c?.title).toBe('Live title')
  })

  it('should not populate a draft post linked from a published digest', async () => {
    const { body } = await cms.graphql({
      query: '{ Digests { docs { items { post { title excerpt } } relatedPosts { title } } } }',
    })
    expect(JSON.stringify(body)).not.toContain(SECRET)
    expect(body.data.Digests.docs[0].items[1].post.title).toBe('Published fixture post')
  })

  it('should refuse post versions', async () => {
    const { body } = await cms.graphql({
      query: '{ versionsPosts { docs { version { title } } } }',
    })
    expect(body.errors?.[0]?.message).toMatch(/not allowed/i)
    expect(JSON.stringify(body)).not.toContain(SECRET)
  })

  it('should refuse users', async () => {
    const { body } = await cms.graphql({ query: '{ Users { docs { email } } }' })
    expect(body.errors?.[0]?.message).toMatch(/not allowed/i)
  })
})

describe('staff reads', () => {
  it('should show drafts to an editor with draft=true', async () => {
    const editor = await cms.userWithRole('editor')
    const { body } = await cms.rest({
      path: '/api/posts?depth=0&draft=true',
      token: editor.token,
    })
    expect(titles(body)).toContain(`${SECRET} never published`)
  })
})
