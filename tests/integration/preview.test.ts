import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createContentFixtures, SECRET, type ContentFixtures } from '../helpers/fixtures.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'

let cms: TestCms
let f: ContentFixtures
let editorToken: string

const createLink = async (
  id: number | string,
  body: object = {},
  collection = 'posts',
  token = editorToken,
) => cms.rest({ method: 'POST', path: `/api/${collection}/${id}/preview-link`, token, body })
const tokenOf = (url: string) => url.split('/api/preview/')[1]
/** What a front end reads: the preview as JSON. */
const open = (token: string) =>
  cms.rest({ path: `/api/preview/${token}`, headers: { accept: 'application/json' } })
/** Ends a link's life now, as time would. */
const expire = (id: number | string) =>
  cms.payload.update({
    collection: 'preview-links',
    id,
    data: { expiresAt: new Date(Date.now() - 1000).toISOString() },
    overrideAccess: true,
  })

beforeAll(async () => {
  cms = await startTestCms()
  f = await createContentFixtures(cms.payload)
  editorToken = (await cms.userWithRole('editor')).token
})
afterAll(async () => {
  await cms?.close()
})

describe('preview links', () => {
  it('should let anyone holding a valid link read that draft, marked as a preview', async () => {
    const { status, body } = await createLink(f.draft.id)
    expect(status).toBe(201)
    expect(body.url).toMatch(/^http:\/\/localhost:3000\/api\/preview\/[A-Za-z0-9_-]{43}$/)
    const preview = await open(tokenOf(body.url))
    expect(preview.status).toBe(200)
    expect(preview.headers.get('x-robots-tag')).toBe('noindex')
    expect(preview.headers.get('cache-control')).toBe('private, no-store')
    expect(preview.body).toMatchObject({
      preview: true,
      doc: { id: f.draft.id, title: `${SECRET} never published` },
    })
    expect(preview.body.doc).not.toHaveProperty('provenance')
  })

  it('should show the pending draft of a published post', async () => {
    const { body } = await createLink(f.liveWithDraft.id)
    expect((await open(tokenOf(body.url))).body.doc.title).toBe(`${SECRET} pending edit`)
  })

  it('should work for digests', async () => {
    const { body } = await createLink(f.draftDigest.id, {}, 'digests')
    expect((await open(tokenOf(body.url))).body.doc.title).toBe(`${SECRET} digest`)
  })

  it('should make a link that expires after the hours asked for', async () => {
    const before = Date.now()
    const { body } = await createLink(f.draft.id, { hours: 1 })
    const expiresAt = Date.parse(body.expiresAt)
    expect(expiresAt).toBeGreaterThanOrEqual(before + 3_600_000)
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 3_600_000)
  })

  it('should stop working once it expires', async () => {
    const { body } = await createLink(f.draft.id)
    await expire(body.id)
    const preview = await open(tokenOf(body.url))
    expect(preview.status).toBe(404)
    expect(JSON.stringify(preview.body)).not.toContain(SECRET)
  })

  it('should stop working once revoked', async () => {
    const { body } = await createLink(f.draft.id)
    const revoke = await cms.rest({
      method: 'DELETE',
      path: `/api/preview-links/${body.id}`,
      token: editorToken,
    })
    expect(revoke.status).toBe(200)
    expect((await open(tokenOf(body.url))).status).toBe(404)
  })

  it.each([
    ['a tampered token', (t: string) => `${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}`],
    ['a truncated token', (t: string) => t.slice(0, 20)],
    ['a made-up token', () => 'x'.repeat(43)],
    ['a token with odd characters', () => '%00%2e%2e%2fusers'],
  ])('should refuse %s', async (_name, mangle) => {
    const { body } = await createLink(f.draft.id)
    const preview = await open(mangle(tokenOf(body.url)))
    expect(preview.status).toBe(404)
    expect(JSON.stringify(preview.body)).not.toContain(SECRET)
  })

  it('should give access to that document only', async () => {
    const { body } = await createLink(f.published.id)
    const preview = await open(tokenOf(body.url))
    expect(preview.body.doc.id).toBe(f.published.id)
    const other = await cms.rest({ path: `/api/posts/${f.draft.id}?preview=${tokenOf(body.url)}` })
    expect(other.status).toBe(404)
  })

  it.each([['anonymous callers', undefined, 401]])(
    'should refuse to create links for %s',
    async (_name, token, status) => {
      const response = await cms.rest({
        method: 'POST',
        path: `/api/posts/${f.draft.id}/preview-link`,
        token,
        body: {},
      })
      expect(response.status).toBe(status)
    },
  )

  it.each([[0], [-1], [10_000], ['soon']])(
    'should refuse hours=%j with a message',
    async (hours) => {
      const { status, body } = await createLink(f.draft.id, { hours })
      expect(status).toBe(400)
      expect(body.errors[0].message).toMatch(/hours must be/)
    },
  )
})
