import path from 'node:path'

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { lastFullWeek } from '../../lib/digestBuilder.ts'
import { expectNoSeriousViolations } from '../helpers/axe.ts'
import { openBrowser, outputDir, type BrowserSession } from '../helpers/browser.ts'
import { httpClient, PASSWORD } from '../helpers/newsroom.ts'
import { startProductionServer, type RunningServer } from '../helpers/server.ts'

/**
 * An editor builds last week's digest in the admin: from the digests list to the builder, which
 * proposes the week's three published posts (not the draft) under "In English" and "In Persian";
 * moves one item up, creates the draft, and previews it as an email (HTML, then plain text).
 * Screenshots at a desktop and a phone size; the builder has no serious accessibility violation.
 */

const VIEWPORTS = {
  desktop: { width: 1440, height: 900 },
  phone: { width: 390, height: 844 },
} as const

let server: RunningServer
let session: BrowserSession
let token = ''
const postIds: Record<string, number> = {}
const http = httpClient(() => server.baseUrl)

const ok = async (answer: ReturnType<typeof http>, what: string) => {
  const result = await answer
  expect(result.status, `${what}: ${result.text}`).toBeLessThan(300)
  return result.body
}

/** Noon of a day of the last full week (0 = its Monday), in the server's time zone. */
const dayOfLastWeek = (offset: number): string => {
  const [year, month, day] = lastFullWeek(new Date()).from.split('-').map(Number)
  return new Date(year, month - 1, day + offset, 12).toISOString()
}

/** A screenshot of the whole page, or of the screen only (`fullPage: false`, for a drawer). */
const shot = (name: string, { fullPage = true }: { fullPage?: boolean } = {}) =>
  session.page.screenshot({ path: path.join(outputDir, 'digest-builder', `${name}.png`), fullPage })

beforeAll(async () => {
  server = await startProductionServer({ env: { PUBLIC_SITE_URL: 'https://site.example' } })
  const first = await ok(
    http('/api/users/first-register', {
      method: 'POST',
      json: { email: 'digest.admin@example.test', name: 'Ada Admin', password: PASSWORD },
    }),
    'first admin',
  )
  await ok(
    http('/api/users', {
      method: 'POST',
      token: first.token,
      json: {
        email: 'digest.editor@example.test',
        name: 'Edna Editor',
        password: PASSWORD,
        role: 'editor',
      },
    }),
    'editor',
  )
  const login = await ok(
    http('/api/users/login', {
      method: 'POST',
      json: { email: 'digest.editor@example.test', password: PASSWORD },
    }),
    'login',
  )
  token = login.token
  const source = await ok(
    http('/api/sources', {
      method: 'POST',
      token,
      json: { name: 'Washington Post', website: 'https://www.washingtonpost.com/' },
    }),
    'source',
  )
  const posts = [
    ['Giuliani and the MEK', 'en', 1, 'published'],
    ['A week in Tirana', 'en', 3, 'published'],
    ['گزارش هفته از تیرانا', 'fa', 2, 'published'],
    ['Still a draft', 'en', 2, 'draft'],
  ] as const
  for (const [title, language, day, status] of posts) {
    const made = await ok(
      http(`/api/posts${status === 'draft' ? '?draft=true' : ''}`, {
        method: 'POST',
        token,
        json: {
          title,
          language,
          excerpt: `What "${title}" says, in a sentence or two for the digest.`,
          postedAt: dayOfLastWeek(day),
          sources: [source.doc.id],
          _status: status,
        },
      }),
      `post ${title}`,
    )
    postIds[title] = made.doc.id
  }
  session = await openBrowser({
    chromiumPath: inject('chromiumPath'),
    suite: 'digest-builder',
    serverOutput: () => server.output(),
  })
  await session.page
    .context()
    .addCookies([{ name: 'payload-token', value: token, url: server.baseUrl }])
  await session.page.setViewportSize(VIEWPORTS.desktop)
})

afterAll(async () => {
  await session?.close()
  await server?.stop()
})

const itemOrder = () =>
  session.page.$$eval('.digest-builder__item', (items) =>
    items.map((item) => item.querySelector('.digest-builder__item-title')?.textContent ?? ''),
  )

describe('the digest builder in the admin', () => {
  it("should open from the digests list and propose last week's published posts by language", async () => {
    const { page, step } = session
    await step('open the builder from the list', async () => {
      await page.goto(`${server.baseUrl}/admin/collections/digests`)
      await page.waitForSelector('#build-digest-link')
      await page.click('#build-digest-link')
      await page.waitForURL((url) => url.pathname === '/admin/collections/digests/build')
      await page.waitForSelector('.digest-builder__item')
    })
    const week = lastFullWeek(new Date())
    expect(await page.inputValue('#digest-builder-from')).toBe(week.from)
    expect(await page.inputValue('#digest-builder-to')).toBe(week.to)
    expect(await page.inputValue('#digest-builder-issue-number')).toBe('1')
    expect(
      await page.$$eval('.digest-builder__group-heading', (headings) =>
        headings.map((heading) => heading.firstChild?.textContent?.trim()),
      ),
    ).toEqual(['In English', 'In Persian'])
    expect(await itemOrder()).toEqual([
      'Giuliani and the MEK',
      'A week in Tirana',
      'گزارش هفته از تیرانا',
    ])
    await shot('builder-1440')
  })

  it('should have no serious accessibility violation', async () => {
    await expectNoSeriousViolations(session.page, 'the digest builder')
  })

  it('should fit a phone screen', async () => {
    const { page } = session
    await page.setViewportSize(VIEWPORTS.phone)
    await shot('builder-390')
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
    await page.setViewportSize(VIEWPORTS.desktop)
    expect(overflow, 'the page scrolls sideways').toBe(0)
  })

  it('should reorder, create the draft digest and open it', async () => {
    const { page, step } = session
    await step('move the second English item up', async () => {
      await page.click(
        `.digest-builder__item[data-post="${postIds['A week in Tirana']}"] .digest-builder__move-up`,
      )
    })
    expect(await itemOrder()).toEqual([
      'A week in Tirana',
      'Giuliani and the MEK',
      'گزارش هفته از تیرانا',
    ])
    const digestId = await step('create the draft', async () => {
      const made = page.waitForResponse(
        (response) =>
          response.request().method() === 'POST' &&
          new URL(response.url()).pathname === '/api/digests/build',
      )
      await page.click('#digest-builder-create')
      const response = await made
      expect(response.status()).toBe(201)
      const body = (await response.json()) as { doc: { id: number } }
      await page.waitForURL((url) => url.pathname === `/admin/collections/digests/${body.doc.id}`)
      return body.doc.id
    })
    const digest = await ok(
      http(`/api/digests/${digestId}?draft=true&depth=0`, { token }),
      'the built digest',
    )
    expect(digest).toMatchObject({ _status: 'draft', issueNumber: 1 })
    // The list's link to the builder is not repeated on the digest's own page.
    expect(await page.locator('#build-digest-link').count()).toBe(0)
    expect(digest.items.map((item: { post: number }) => item.post)).toEqual([
      postIds['A week in Tirana'],
      postIds['Giuliani and the MEK'],
      postIds['گزارش هفته از تیرانا'],
    ])
  })

  it('should preview the digest as an email, HTML then plain text', async () => {
    const { page, step } = session
    await step('open the email preview', async () => {
      await page.click('#digest-email-preview')
      const frame = page.frameLocator('#digest-email-frame')
      await frame.locator('h1').waitFor()
      expect(await frame.locator('h2').allTextContents()).toEqual(['In English', 'In Persian'])
      expect(await frame.locator('a[href^="https://site.example/posts/"]').count()).toBe(3)
    })
    await shot('email-html-1440', { fullPage: false })
    await step('switch to the plain text', async () => {
      await page.click('#digest-email-text')
      await page.waitForSelector('#digest-email-plain')
    })
    expect(await page.textContent('#digest-email-plain')).toContain(
      'Read: https://site.example/posts/',
    )
    await page.setViewportSize(VIEWPORTS.phone)
    await shot('email-text-390', { fullPage: false })
    await step('back to the HTML on a phone', async () => {
      await page.click('#digest-email-html')
      await page.frameLocator('#digest-email-frame').locator('h1').waitFor()
    })
    await shot('email-html-390', { fullPage: false })
    await page.setViewportSize(VIEWPORTS.desktop)
  })
})
