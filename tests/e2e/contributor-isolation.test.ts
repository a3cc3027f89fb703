import path from 'node:path'

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { openBrowser, outputDir, type BrowserSession } from '../helpers/browser.ts'
import { PASSWORD, SECRET, startNewsroom, type Newsroom } from '../helpers/newsroom.ts'

/**
 * The admin panel as contributor A: another contributor's draft (and the newsroom's drafts, owned
 * by the admin) never appear in A's posts list, and opening one by its URL shows Payload's
 * not-found answer, not its title or body. Everything unpublished of others carries SECRET.
 */

const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'mobile', width: 390, height: 844 },
] as const

const OWN_TITLE = "Cora's own draft"

let room: Newsroom
let session: BrowserSession
let otherDraftId: number | string

const screenshot = (name: string) =>
  session.page.screenshot({
    path: path.join(outputDir, `contributor-${name}.png`),
    fullPage: true,
  })

beforeAll(async () => {
  room = await startNewsroom()
  const { http, tokens } = room
  const other = await http('/api/users', {
    method: 'POST',
    token: tokens.admin,
    json: {
      email: 'other.writer@example.test',
      name: 'Otto Other',
      password: PASSWORD,
      role: 'contributor',
    },
  })
  expect(other.status, other.text).toBe(201)
  const login = await http('/api/users/login', {
    method: 'POST',
    json: { email: 'other.writer@example.test', password: PASSWORD },
  })
  const otherDraft = await http('/api/posts?draft=true', {
    method: 'POST',
    token: login.body.token,
    json: {
      title: `${SECRET} embargoed draft by another writer`,
      excerpt: `${SECRET} embargoed excerpt`,
      _status: 'draft',
    },
  })
  expect(otherDraft.status, otherDraft.text).toBe(201)
  otherDraftId = otherDraft.body.doc.id
  const own = await http('/api/posts?draft=true', {
    method: 'POST',
    token: tokens.contributor,
    json: { title: OWN_TITLE, _status: 'draft' },
  })
  expect(own.status, own.text).toBe(201)

  session = await openBrowser({
    chromiumPath: inject('chromiumPath'),
    suite: 'contributor-isolation',
    serverOutput: () => room.server.output(),
  })
  await session.page
    .context()
    .addCookies([{ name: 'payload-token', value: tokens.contributor, url: room.server.baseUrl }])
})

afterAll(async () => {
  await session?.close()
  await room?.stop()
})

describe.each(VIEWPORTS)('admin panel as a contributor at $width×$height', (viewport) => {
  beforeAll(async () => {
    await session.page.setViewportSize({ width: viewport.width, height: viewport.height })
  })

  it("should list the contributor's own draft and live posts, but no one else's drafts", async () => {
    const { page, step } = session
    await step(`posts list ${viewport.name}`, async () => {
      await page.goto(`${room.server.baseUrl}/admin/collections/posts`)
      await page.waitForSelector(`.table >> text=${OWN_TITLE}`)
      await screenshot(`list-${viewport.name}`)
      const rows = await page.locator('.table tbody tr').allInnerTexts()
      expect(rows.join('\n')).toContain('Live title')
      expect(await page.content()).not.toContain(SECRET)
    })
  })

  it("should answer another writer's draft opened by its URL with Payload's not-found banner", async () => {
    const { page, step } = session
    await step(`other draft by URL ${viewport.name}`, async () => {
      await page.goto(`${room.server.baseUrl}/admin/collections/posts/${otherDraftId}`)
      await page.waitForURL(/\/admin\/collections\/posts\?notFound=/)
      await page.waitForSelector('.banner--type-error')
      await screenshot(`other-draft-${viewport.name}`)
      expect(await page.locator('.banner--type-error').innerText()).toContain(String(otherDraftId))
      expect(await page.content()).not.toContain(SECRET)
    })
  })

  it("should show someone else's published post as it is live, not its pending draft", async () => {
    const { page, step } = session
    await step(`live post with a pending draft ${viewport.name}`, async () => {
      await page.goto(
        `${room.server.baseUrl}/admin/collections/posts/${room.docs.liveWithDraft.id}`,
      )
      await page.waitForFunction(
        () => (document.querySelector<HTMLInputElement>('#field-title')?.value ?? '') !== '',
      )
      await screenshot(`live-post-${viewport.name}`)
      expect(await page.inputValue('#field-title')).toBe('Live title')
      expect(await page.content()).not.toContain(SECRET)
    })
  })
})
