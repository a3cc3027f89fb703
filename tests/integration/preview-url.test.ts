import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createContentFixtures, type ContentFixtures } from '../helpers/fixtures.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'

/** A front end that renders previews itself, reading the JSON. */
const PREVIEW_URL = 'https://site.example/preview?token={token}&from=cms'

let cms: TestCms
let f: ContentFixtures
let editorToken: string

beforeAll(async () => {
  cms = await startTestCms({ env: { PREVIEW_URL } })
  f = await createContentFixtures(cms.payload)
  editorToken = (await cms.userWithRole('editor')).token
})
afterAll(async () => {
  await cms?.close()
})

describe('preview links with PREVIEW_URL set', () => {
  it('should hand out links to the front end with the token in place of {token}', async () => {
    const { status, body } = await cms.rest({
      method: 'POST',
      path: `/api/posts/${f.draft.id}/preview-link`,
      token: editorToken,
      body: {},
    })
    expect(status).toBe(201)
    expect(body.url).toMatch(/^https:\/\/site\.example\/preview\?token=[A-Za-z0-9_-]{43}&from=cms$/)
  })

  it('should let the front end read the draft with the token from that link', async () => {
    const { body } = await cms.rest({
      method: 'POST',
      path: `/api/posts/${f.draft.id}/preview-link`,
      token: editorToken,
      body: {},
    })
    const token = new URL(body.url).searchParams.get('token')
    const preview = await cms.rest({
      path: `/api/preview/${token}`,
      headers: { accept: 'application/json' },
    })
    expect(preview.body).toMatchObject({ preview: true, doc: { id: f.draft.id } })
  })
})
