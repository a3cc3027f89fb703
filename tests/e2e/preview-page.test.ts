import { createRequire } from 'node:module'
import path from 'node:path'

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { fillAndSubmit, openBrowser, outputDir, type BrowserSession } from '../helpers/browser.ts'
import { apiClient, startProductionServer, type RunningServer } from '../helpers/server.ts'

const PASSWORD = 'correct-horse-battery-staple'
const EDITOR = { email: 'editor@example.test', name: 'Eddie Editor', role: 'editor' }
/** An imported article (seed/data/003…) with a byline and numbered references. */
const TITLE = 'Why the MEK endeavour Trump re-election'
/** An imported digest whose items sit under "In English". */
const DIGEST_TITLE = 'Iran Interlink Weekly Digest – 260'
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const WIDTHS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const

type AxeViolation = { id: string; impact: string | null; help: string; nodes: unknown[] }

let server: RunningServer
let session: BrowserSession
let postId: number | string
let previewUrl = ''
let digestPreviewUrl = ''

const api = apiClient(() => server.baseUrl)

/** The page in a fresh browser context with no cookies: what a colleague sees. */
const openAnonymously = async ({
  browser,
  width,
  height,
  url = previewUrl,
}: {
  browser: Browser
  width: number
  height: number
  url?: string
}): Promise<{ page: Page; status: number; headers: Record<string, string> }> => {
  // The page forbids every script (its CSP); only axe, injected by the test, needs it lifted.
  const context = await browser.newContext({ viewport: { width, height }, bypassCSP: true })
  const page = await context.newPage()
  const response = await page.goto(url)
  return { page, status: response?.status() ?? 0, headers: response?.headers() ?? {} }
}

const seriousViolations = async (page: Page): Promise<string[]> => {
  await page.addScriptTag({ path: AXE_SCRIPT })
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: unknown[] }> } })
      .axe
    return (await axe.run()).violations as AxeViolation[]
  })
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length} nodes)`)
}

beforeAll(async () => {
  // Its own server, with the seed files imported on first start (as a fresh install does).
  server = await startProductionServer({ env: { SEED_ON_START: 'true' } })
  const first = await api('/api/users/first-register', {
    method: 'POST',
    body: JSON.stringify({ email: 'admin@example.test', name: 'Ada Admin', password: PASSWORD }),
  })
  const created = await api('/api/users', {
    method: 'POST',
    token: first.body.token as string,
    body: JSON.stringify({ ...EDITOR, password: PASSWORD }),
  })
  expect(created.status).toBe(201)
  const found = await api(
    `/api/posts?draft=true&depth=0&where[title][equals]=${encodeURIComponent(TITLE)}`,
    { token: first.body.token as string },
  )
  postId = found.body.docs[0].id
  const editor = await api('/api/users/login', {
    method: 'POST',
    body: JSON.stringify({ email: EDITOR.email, password: PASSWORD }),
  })
  const digests = await api(
    `/api/digests?draft=true&depth=0&where[title][equals]=${encodeURIComponent(DIGEST_TITLE)}`,
    { token: editor.body.token as string },
  )
  const digestLink = await api(`/api/digests/${digests.body.docs[0].id}/preview-link`, {
    method: 'POST',
    token: editor.body.token as string,
    body: JSON.stringify({}),
  })
  expect(digestLink.status).toBe(201)
  digestPreviewUrl = digestLink.body.url as string
  session = await openBrowser({
    chromiumPath: inject('chromiumPath'),
    suite: 'preview-page',
    serverOutput: () => server.output(),
  })
})

afterAll(async () => {
  await session?.close()
  await server?.stop()
})

describe('preview links in the browser', () => {
  it('should give an editor a 7-day preview link from the sidebar control', async () => {
    const { page, step } = session
    await step('log in as the editor and open the imported article', async () => {
      await page.goto(`${server.baseUrl}/admin/login`)
      await fillAndSubmit(page, { '#field-email': EDITOR.email, '#field-password': PASSWORD })
      await page.waitForURL((url) => !url.pathname.includes('/login'))
      await page.goto(`${server.baseUrl}/admin/collections/posts/${postId}`)
      await page.waitForSelector('.preview-link-control .rs__control')
    })
    await step('choose 7 days and get the link', async () => {
      await page.click('.preview-link-control .rs__control')
      await page.click('.rs__option >> text="7 days"')
      const made = page.waitForResponse(
        (response) =>
          response.request().method() === 'POST' &&
          new URL(response.url()).pathname === `/api/posts/${postId}/preview-link`,
      )
      await page.click('#preview-link-create')
      const response = await made
      expect(response.status()).toBe(201)
      expect(response.request().postDataJSON()).toEqual({ hours: 168 })
      await page.waitForFunction(
        () => (document.querySelector<HTMLInputElement>('#preview-link-url')?.value ?? '') !== '',
      )
      previewUrl = await page.inputValue('#preview-link-url')
    })
    expect(previewUrl).toMatch(/\/api\/preview\/[A-Za-z0-9_-]{43}$/)
    expect(await page.textContent('.preview-link-control__expires')).toMatch(
      /^Expires .* \(in 7 days\)$/,
    )
  })

  it('should copy the link to the clipboard with the copy button', async () => {
    const { page, step } = session
    await step('copy the link', async () => {
      await page
        .context()
        .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl })
      await page.click('#preview-link-copy')
      await page.waitForSelector('.payload-toast-container >> text=Link copied.')
    })
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(previewUrl)
  })

  it('should show the control in the sidebar at 1440×900 and 390×844', async () => {
    const { page, step } = session
    // The toasts of making and copying the link would cover the sidebar: let them go first.
    await page.waitForFunction(
      () => document.querySelectorAll('.payload-toast-container li').length === 0,
    )
    for (const { width, height } of WIDTHS) {
      await step(`screenshot the control at ${width}`, async () => {
        await page.setViewportSize({ width, height })
        await page.locator('.preview-link-control').scrollIntoViewIfNeeded()
        await page.waitForFunction(() => {
          const box = document.querySelector('.preview-link-control')?.getBoundingClientRect()
          return box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight
        })
        await page.screenshot({ path: path.join(outputDir, `preview-link-control-${width}.png`) })
      })
    }
    expect(await page.isVisible('#preview-link-open')).toBe(true)
    expect(await page.getAttribute('#preview-link-open', 'href')).toBe(previewUrl)
  })

  it.each(WIDTHS)(
    'should show an anonymous reader the title, byline and references at $width×$height',
    async ({ width, height }) => {
      const { page, status } = await openAnonymously({ browser: session.browser, width, height })
      try {
        expect(status).toBe(200)
        await page.screenshot({
          path: path.join(outputDir, `preview-page-${width}.png`),
          fullPage: true,
        })
        expect(await page.textContent('h1')).toBe(TITLE)
        expect(await page.textContent('.byline')).toBe('By Mazda Parsi')
        expect(await page.textContent('.banner')).toMatch(
          /^Draft preview — expires \d+ \w+ \d{4}, \d\d:\d\d \S+$/,
        )
        const references = page.locator('h2:text-is("References") + ol > li')
        expect(await references.count()).toBe(5)
        expect(await references.nth(2).locator('a').getAttribute('href')).toBe(
          'https://www.nejatngo.org/en/posts/11158',
        )
        // Nothing wider than the screen: no sideways scrolling on a phone.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width)
      } finally {
        await page.context().close()
      }
    },
  )

  it.each(WIDTHS)(
    'should have no serious or critical accessibility problems at $width×$height',
    async ({ width, height }) => {
      const { page } = await openAnonymously({ browser: session.browser, width, height })
      try {
        expect(await seriousViolations(page)).toEqual([])
      } finally {
        await page.context().close()
      }
    },
  )

  it('should show an anonymous reader a digest with its items under their headings', async () => {
    const { page } = await openAnonymously({
      browser: session.browser,
      width: 390,
      height: 844,
      url: digestPreviewUrl,
    })
    try {
      await page.screenshot({
        path: path.join(outputDir, 'preview-page-digest-390.png'),
        fullPage: true,
      })
      expect(await page.textContent('h1')).toBe(DIGEST_TITLE)
      expect(await page.locator('h2.section').allTextContents()).toContain('In English')
      expect(await page.locator('.items .item').count()).toBeGreaterThan(1)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390)
    } finally {
      await page.context().close()
    }
  })

  it('should serve the page with its own strict policy and no referrer', async () => {
    const { page, headers } = await openAnonymously({
      browser: session.browser,
      width: 1440,
      height: 900,
    })
    await page.context().close()
    expect(headers['content-security-policy']).toMatch(/^default-src 'none';/)
    expect(headers['referrer-policy']).toBe('no-referrer')
    expect(headers['x-robots-tag']).toBe('noindex')
    expect(headers['cache-control']).toBe('private, no-store')
  })
})
