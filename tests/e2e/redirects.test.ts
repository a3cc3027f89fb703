/**
 * Redirects on the production server, on the seed an install imports: the lookup answered
 * through Express and Next, and the admin's list and edit views in Chromium (an editor adds
 * one, a loop is refused on the form). Screenshots at 1440×900 and 390×844 in
 * tests/.output/e2e/redirects/.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { fillAndSubmit, formReady, openBrowser, type BrowserSession } from '../helpers/browser.ts'
import { apiClient, startProductionServer, type RunningServer } from '../helpers/server.ts'

const PASSWORD = 'correct-horse-battery-staple'
const ADMIN = { email: 'admin@example.test', name: 'Ada Admin' }
const POST_TITLE = 'Giuliani MEK Lobbyist exposed'
const OLD_SITE_PATH = '/wordpress/heshmat-alavi-gate-trump-and-mek/'
const SIZES = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const

let server: RunningServer
let session: BrowserSession
let token = ''
const post = { id: 0, oldSlug: '', newSlug: 'giuliani-lobbyist-exposed' }
let automaticId = 0

const api = apiClient(() => server.baseUrl)

beforeAll(async () => {
  // Its own server, with the seed imported on first start (the two old-site redirects).
  server = await startProductionServer({ env: { SEED_ON_START: 'true' } })
  const first = await api('/api/users/first-register', {
    method: 'POST',
    body: JSON.stringify({ ...ADMIN, password: PASSWORD }),
  })
  token = first.body.token as string
  const found = await api(
    `/api/posts?draft=true&depth=0&where[title][equals]=${encodeURIComponent(POST_TITLE)}`,
    { token },
  )
  post.id = found.body.docs[0].id as number
  post.oldSlug = found.body.docs[0].slug as string
  // Published, then published again under a new slug: the old path redirects.
  const published = await api(`/api/posts/${post.id}/workflow`, {
    method: 'POST',
    token,
    body: JSON.stringify({ action: 'publish' }),
  })
  expect(published.status, JSON.stringify(published.body)).toBe(200)
  const renamed = await api(`/api/posts/${post.id}`, {
    method: 'PATCH',
    token,
    body: JSON.stringify({ slug: post.newSlug, _status: 'published' }),
  })
  expect(renamed.status, JSON.stringify(renamed.body)).toBe(200)
  const automatic = await api(`/api/redirects?depth=0&where[from][equals]=/posts/${post.oldSlug}`, {
    token,
  })
  automaticId = automatic.body.docs[0].id as number

  session = await openBrowser({
    chromiumPath: inject('chromiumPath'),
    suite: 'redirects',
    serverOutput: () => server.output(),
  })
  const { page } = session
  await page.goto(`${server.baseUrl}/admin/login`)
  await fillAndSubmit(page, { '#field-email': ADMIN.email, '#field-password': PASSWORD })
  await page.waitForURL((url) => !url.pathname.includes('/login'))
})

afterAll(async () => {
  await session?.close()
  await server?.stop()
})

/** Opens `path` at each screen size, waits for `selector`, and saves a screenshot of each. */
const screenshotsOf = async ({
  path,
  selector,
  name,
  isEditView,
}: {
  path: string
  selector: string
  name: string
  isEditView: boolean
}) => {
  const { page, screenshot } = session
  for (const size of SIZES) {
    await page.setViewportSize(size)
    await page.goto(`${server.baseUrl}${path}`)
    await page.waitForSelector(selector)
    if (isEditView) await formReady(page)
    await screenshot(`${name}-${size.width}x${size.height}`)
  }
}

describe('redirects on the production server', () => {
  it('should answer the old path of the renamed post with 301 through the whole stack', async () => {
    const response = await fetch(
      `${server.baseUrl}/api/redirects?path=${encodeURIComponent(`/posts/${post.oldSlug}`)}`,
      { redirect: 'manual' },
    )
    expect([response.status, response.headers.get('location'), await response.json()]).toEqual([
      301,
      `/posts/${post.newSlug}`,
      { from: `/posts/${post.oldSlug}`, to: `/posts/${post.newSlug}`, statusCode: 301 },
    ])
  })

  it('should list the automatic and the imported redirects in the admin', async () => {
    const { page, step } = session
    await step('open the redirects list', () =>
      screenshotsOf({
        path: '/admin/collections/redirects',
        selector: '.cell-from',
        name: 'list',
        isEditView: false,
      }),
    )
    const rows = await page
      .locator('table tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.querySelector('.cell-from')?.textContent?.trim(),
          tr.querySelector('.cell-kind')?.textContent?.trim(),
        ]),
      )
    expect(rows).toEqual(
      expect.arrayContaining([
        [`/posts/${post.oldSlug}`, 'Automatic'],
        [OLD_SITE_PATH, 'Imported'],
      ]),
    )
  })

  it('should show an automatic redirect with its kind read-only', async () => {
    const { page, step } = session
    await step('open the automatic redirect', () =>
      screenshotsOf({
        path: `/admin/collections/redirects/${automaticId}`,
        selector: '#field-from',
        name: 'edit-automatic',
        isEditView: true,
      }),
    )
    expect(await page.inputValue('#field-to')).toBe(`/posts/${post.newSlug}`)
    expect(
      await page
        .locator('.field-type.select.read-only, .field-type.select [aria-disabled="true"]')
        .count(),
    ).toBeGreaterThan(0)
  })

  it('should let an editor add a redirect from the admin, stored normalised', async () => {
    const { page, step } = session
    await step('create a redirect', async () => {
      await page.setViewportSize(SIZES[0])
      await page.goto(`${server.baseUrl}/admin/collections/redirects/create`)
      await fillAndSubmit(
        page,
        { '#field-from': '/old%7ecampaign', '#field-to': `/posts/${post.newSlug}` },
        { submit: '#action-save' },
      )
      await page.waitForURL((url) => /\/redirects\/\d+$/.test(url.pathname))
      await formReady(page)
    })
    expect(await page.inputValue('#field-from')).toBe('/old~campaign')
    await session.screenshot('edit-created-1440x900')
  })

  it('should refuse a loop on the form, under the to field', async () => {
    const { page, step } = session
    await step('try a loop', async () => {
      await page.goto(`${server.baseUrl}/admin/collections/redirects/create`)
      await fillAndSubmit(
        page,
        { '#field-from': `/posts/${post.newSlug}`, '#field-to': '/old~campaign' },
        { submit: '#action-save' },
      )
      await page.waitForSelector('.field-error')
    })
    expect(await page.locator('.field-error').allInnerTexts()).toEqual([
      `"to" makes a redirect loop: /posts/${post.newSlug} → /old~campaign → /posts/${post.newSlug}`,
    ])
    await session.screenshot('loop-refused-1440x900')
  })
})
