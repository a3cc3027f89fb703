import path from 'node:path'

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { expectNoSeriousViolations, PAYLOAD_DASHBOARD_MARKUP } from '../helpers/axe.ts'
import { formReady, openBrowser, outputDir, type BrowserSession } from '../helpers/browser.ts'
import { httpClient, PASSWORD } from '../helpers/newsroom.ts'
import { startProductionServer, type RunningServer } from '../helpers/server.ts'

/**
 * The bell in the admin header, as an editor sees it while a writer works: the unread count goes
 * up when the writer submits a draft (no reload: the tab coming back into view asks again), the
 * dropdown lists the submission and links to it, "Mark all read" empties the count, and the
 * dashboard's card agrees. At a desktop and at a phone size, fitting the screen.
 */

const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const

const PEOPLE = {
  admin: { email: 'bell.admin@example.test', name: 'Ada Admin' },
  editor: { email: 'bell.editor@example.test', name: 'Edna Editor' },
  contributor: { email: 'bell.writer@example.test', name: 'Cora Contributor' },
}

let server: RunningServer
let session: BrowserSession
const tokens = { admin: '', editor: '', contributor: '' }
const http = httpClient(() => server.baseUrl)

const ok = async (answer: ReturnType<typeof http>, what: string) => {
  const result = await answer
  expect(result.status, `${what}: ${result.text}`).toBeLessThan(300)
  return result.body
}

beforeAll(async () => {
  server = await startProductionServer()
  const first = await ok(
    http('/api/users/first-register', {
      method: 'POST',
      json: { ...PEOPLE.admin, password: PASSWORD },
    }),
    'first admin',
  )
  tokens.admin = first.token
  for (const role of ['editor', 'contributor'] as const) {
    await ok(
      http('/api/users', {
        method: 'POST',
        token: tokens.admin,
        json: { ...PEOPLE[role], password: PASSWORD, role },
      }),
      `create ${role}`,
    )
    const login = await ok(
      http('/api/users/login', {
        method: 'POST',
        json: { email: PEOPLE[role].email, password: PASSWORD },
      }),
      `login ${role}`,
    )
    tokens[role] = login.token
  }
  session = await openBrowser({
    chromiumPath: inject('chromiumPath'),
    suite: 'notifications',
    serverOutput: () => server.output(),
  })
  await session.page
    .context()
    .addCookies([{ name: 'payload-token', value: tokens.editor, url: server.baseUrl }])
})

afterAll(async () => {
  await session?.close()
  await server?.stop()
})

/** The writer drafts a post and submits it for review, over the API. */
const writerSubmits = async (title: string) => {
  const created = await ok(
    http('/api/posts?draft=true&depth=0', {
      method: 'POST',
      token: tokens.contributor,
      json: { title, _status: 'draft' },
    }),
    'draft',
  )
  await ok(
    http(`/api/posts/${created.doc.id}/workflow`, {
      method: 'POST',
      token: tokens.contributor,
      json: { action: 'submit' },
    }),
    'submit',
  )
  return created.doc.id as number
}

const bell = (page: Page) => page.locator('.notification-bell__trigger')

/** Waits until the bell says `count` unread. */
const bellShows = async (page: Page, count: number) => {
  await page.waitForSelector(`.notification-bell__trigger[data-unread="${count}"]`)
}

const noSidewaysScroll = async (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

describe.each(VIEWPORTS)('the bell at $width×$height', (viewport) => {
  beforeAll(async () => {
    await session.page.setViewportSize(viewport)
  })

  it("should count another user's submission, list it, link to it and mark it read", async () => {
    const { page, step } = session
    const title = `Budget vote, seen at ${viewport.width}`
    await step(`bell before at ${viewport.width}`, async () => {
      await page.goto(`${server.baseUrl}/admin`)
      await page.waitForSelector('.editorial-dashboard [data-section="notifications"]')
      await bellShows(page, 0)
      expect(await bell(page).isVisible()).toBe(true)
    })

    const id = await writerSubmits(title)

    await step(`bell counts at ${viewport.width}`, async () => {
      // The editor comes back to the tab: the bell asks again, without a reload.
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))
      await bellShows(page, 1)
      await page.waitForSelector('[data-section="notifications"] [data-unread-count="1"]')
      expect(await page.locator('[data-section="notifications"]').innerText()).toContain(title)
      await bell(page).click()
      const item = page.locator('.notification-bell__item', { hasText: title })
      await item.waitFor()
      expect(await item.innerText()).toContain('Cora Contributor asks for a review.')
      expect(await item.getAttribute('href')).toBe(`/admin/collections/posts/${id}`)
      await page.screenshot({
        path: path.join(outputDir, `notifications-bell-${viewport.width}.png`),
      })
      expect(await noSidewaysScroll(page), 'the page scrolls sideways').toBe(0)
      const popup = await page.locator('.notification-bell__popup').boundingBox()
      expect(popup, 'the dropdown is shown').not.toBeNull()
      expect(popup!.x).toBeGreaterThanOrEqual(0)
      expect(popup!.x + popup!.width).toBeLessThanOrEqual(viewport.width)
    })

    await step(`mark all read at ${viewport.width}`, async () => {
      await page
        .locator('.notification-bell__popup')
        .getByRole('button', { name: 'Mark all read' })
        .click()
      await bellShows(page, 0)
      await page.waitForSelector('[data-section="notifications"] [data-unread-count="0"]')
      await page.keyboard.press('Escape')
      await page.screenshot({
        path: path.join(outputDir, `notifications-dashboard-${viewport.width}.png`),
        fullPage: true,
      })
      await expectNoSeriousViolations(
        page,
        `the dashboard with the bell at ${viewport.width}×${viewport.height}`,
        { exceptions: PAYLOAD_DASHBOARD_MARKUP },
      )
    })
  })
})

describe('the bell as a link', () => {
  it('should open the document and mark that notification read', async () => {
    const { page, step } = session
    const title = 'Opened from the bell'
    await page.setViewportSize(VIEWPORTS[0])
    await page.goto(`${server.baseUrl}/admin`)
    await bellShows(page, 0)
    const id = await writerSubmits(title)
    await step('open from the bell', async () => {
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))
      await bellShows(page, 1)
      await bell(page).click()
      await page.locator('.notification-bell__item', { hasText: title }).click()
      await page.waitForURL(`**/admin/collections/posts/${id}`)
      await bellShows(page, 0)
    })
  })
})

describe('turning email off', () => {
  it('should let the editor untick email in their account, on a phone, and keep it off', async () => {
    const { page, step } = session
    const me = async () =>
      (await ok(http('/api/users/me', { token: tokens.editor }), 'me')).user
        .notifyByEmail as boolean
    expect(await me()).toBe(true)
    await step('email off in the account', async () => {
      await page.setViewportSize(VIEWPORTS[1])
      await page.goto(`${server.baseUrl}/admin/account`)
      await formReady(page)
      const box = page.locator('#field-notifyByEmail')
      expect(await box.isChecked()).toBe(true)
      await box.uncheck()
      await page.screenshot({
        path: path.join(outputDir, 'notifications-account-390.png'),
        fullPage: true,
      })
      await formReady(page)
      await page.click('#action-save')
      await expect.poll(me, { timeout: 15_000 }).toBe(false)
    })
  })
})
