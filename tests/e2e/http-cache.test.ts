import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startProductionServer, type RunningServer } from '../helpers/server.ts'

let server: RunningServer
let token: string
let postId: number

const call = (path: string, init: RequestInit & { token?: string } = {}) =>
  fetch(`${server.baseUrl}${path}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `JWT ${init.token}` } : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  })
const etagOf = async (path: string) => (await call(path)).headers.get('etag')
const step = (action: string) =>
  call(`/api/posts/${postId}/workflow`, { method: 'POST', token, body: JSON.stringify({ action }) })

beforeAll(async () => {
  server = await startProductionServer()
  const first = await call('/api/users/first-register', {
    method: 'POST',
    body: JSON.stringify({
      email: 'cache-editor@example.test',
      password: 'a-long-enough-password',
    }),
  })
  const registered = (await first.json()) as { token?: string }
  if (!registered.token)
    throw new Error(
      `first-register failed: ${first.status} ${JSON.stringify(registered)}\n${server.output()}`,
    )
  token = registered.token
  const created = await call('/api/posts?draft=true&depth=0', {
    method: 'POST',
    token,
    body: JSON.stringify({ title: 'Cached post', _status: 'draft' }),
  })
  postId = ((await created.json()) as { doc: { id: number } }).doc.id
})
afterAll(async () => {
  await server?.stop()
})

describe('HTTP caching for anonymous readers', () => {
  it('should send an ETag and Cache-Control, and 304 on If-None-Match', async () => {
    const response = await call('/api/posts')
    const etag = response.headers.get('etag')
    expect(etag).toMatch(/^W\/".+"$/)
    expect(response.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate')
    const again = await call('/api/posts', { headers: { 'if-none-match': etag! } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
  })

  it('should change the ETag on publish, on an edit of published content and on unpublish', async () => {
    const list = '/api/posts?depth=0'
    const before = await etagOf(list)
    await step('publish')
    const published = await etagOf(list)
    expect(published).not.toBe(before)
    await call(`/api/posts/${postId}`, {
      method: 'PATCH',
      token,
      body: JSON.stringify({ excerpt: 'Edited live', _status: 'published' }),
    })
    const edited = await etagOf(list)
    expect(edited).not.toBe(published)
    await step('unpublish')
    expect(await etagOf(list)).not.toBe(edited)
  })

  it('should keep an unchanged ETag when only a draft changes', async () => {
    await step('publish')
    const before = await etagOf('/api/posts?depth=0')
    await call(`/api/posts/${postId}?draft=true`, {
      method: 'PATCH',
      token,
      body: JSON.stringify({ title: 'Pending draft', _status: 'draft' }),
    })
    expect(await etagOf('/api/posts?depth=0')).toBe(before)
  })

  it('should mark responses to signed-in requests private', async () => {
    const response = await call('/api/posts', { token })
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    expect(response.headers.get('etag')).toBeNull()
  })

  it('should give feeds an ETag too', async () => {
    const response = await call('/feeds/posts.xml')
    expect(response.headers.get('etag')).toMatch(/^W\//)
    expect(
      (
        await call('/feeds/posts.xml', {
          headers: { 'if-none-match': response.headers.get('etag')! },
        })
      ).status,
    ).toBe(304)
  })
})
