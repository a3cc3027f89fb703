import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { apiClient, startProductionServer, type RunningServer } from '../helpers/server.ts'

let server: RunningServer
let token: string

const api = apiClient(() => server.baseUrl)

beforeAll(async () => {
  server = await startProductionServer()
  const first = await api('/api/users/first-register', {
    method: 'POST',
    body: JSON.stringify({
      email: 'editor-in-chief@example.test',
      name: 'Edna Chief',
      password: 'a-long-enough-password',
    }),
  })
  token = first.body.token as string
})
afterAll(async () => {
  await server?.stop()
})

describe('scheduled publishing in the running server', () => {
  it('should publish a scheduled post within a minute of its time, with no external cron', async () => {
    const created = await api('/api/posts?draft=true&depth=0', {
      method: 'POST',
      token,
      body: JSON.stringify({ title: 'Goes live by itself', _status: 'draft' }),
    })
    const id = created.body.doc.id as number
    const at = new Date(Date.now() + 5_000)
    const scheduled = await api(`/api/posts/${id}/workflow`, {
      method: 'POST',
      token,
      body: JSON.stringify({ action: 'schedule', at: at.toISOString() }),
    })
    expect(scheduled.status).toBe(200)
    expect((await api(`/api/posts/${id}`)).status).toBe(404)

    let publishedAfterMs = Number.POSITIVE_INFINITY
    while (Date.now() < at.getTime() + 60_000) {
      const response = await api(`/api/posts/${id}`)
      if (response.status === 200) {
        publishedAfterMs = Date.now() - at.getTime()
        break
      }
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
    expect(publishedAfterMs).toBeLessThan(60_000)
    const live = await api(`/api/posts/${id}`)
    expect(live.body.title).toBe('Goes live by itself')
    const trail = await api(
      `/api/workflow-events?where[documentKey][equals]=posts:${id}&sort=createdAt&depth=0`,
      { token },
    )
    expect(trail.body.docs.map((e: { action: string }) => e.action)).toEqual([
      'schedule',
      'publish',
    ])
  }, 120_000)
})
