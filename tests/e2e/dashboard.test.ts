import path from 'node:path'

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { STAGES } from '../../lib/workflow.ts'
import { expectNoSeriousViolations } from '../helpers/axe.ts'
import { formReady, openBrowser, outputDir, type BrowserSession } from '../helpers/browser.ts'
import { httpClient, PASSWORD } from '../helpers/newsroom.ts'
import { startProductionServer, type RunningServer } from '../helpers/server.ts'

/**
 * The dashboard of a fresh install: the seed imported on first start (25 posts and 5 digests, all
 * drafts), then a morning's work: an imported draft assigned to a writer, who submits it; one
 * assigned to the editor; a publish scheduled for tomorrow. The editor's dashboard, at a desktop
 * and at a phone size, shows the counts the REST API gives, each opening its filtered list, fits
 * the screen, and has no serious accessibility violation; nor has a post's edit view.
 */

const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const

const PEOPLE = {
  admin: { email: 'dash.admin@example.test', name: 'Ada Admin' },
  editor: { email: 'dash.editor@example.test', name: 'Edna Editor' },
  contributor: { email: 'dash.writer@example.test', name: 'Cora Contributor' },
}
const COLLECTIONS = ['posts', 'digests'] as const

/**
 * Serious violations in @payloadcms/next 3.90.2's own dashboard markup (the "Dashboard" breadcrumb
 * select of its modular dashboard) that no config or style of ours can name: excused for those
 * elements only, until the upstream fixes are released.
 */
const PAYLOAD_DASHBOARD_MARKUP = [
  {
    rule: 'label',
    selector: '.dashboard-breadcrumb-select input',
    reason:
      'the breadcrumb select is rendered without an accessible name (payloadcms/payload#18140)',
  },
  {
    rule: 'aria-hidden-focus',
    selector: '.dashboard-breadcrumb-select .dropdown-indicator',
    reason:
      "react-select's aria-hidden is spread onto a focusable indicator button (payloadcms/payload#18139)",
  },
]

/**
 * Serious violations in the markup of Payload 3.90.2's edit view (@payloadcms/ui fields and
 * document controls, @payloadcms/richtext-lexical) that no config or style of ours can name;
 * colour contrast is ours to fix and is not excused (src/app/(payload)/custom.scss). Excused for
 * those elements only. No upstream issue was found for those without one (searched 2026-12-05).
 */
const PAYLOAD_EDIT_VIEW_MARKUP = [
  {
    rule: 'aria-hidden-focus',
    selector: '.react-select .dropdown-indicator, .react-select .clear-indicator',
    reason:
      "react-select's aria-hidden is spread onto focusable select indicators (payloadcms/payload#18139)",
  },
  {
    rule: 'label',
    selector: '.react-select input',
    reason:
      'relationship and select fields label "field-<name>", not the react-select input inside (no inputId)',
  },
  {
    rule: 'label',
    selector: '.date-time-picker input',
    reason: "date fields' <label> does not point at the date picker's input",
  },
  {
    rule: 'button-name',
    selector: '.date-time-picker__clear-button, .doc-controls .popup-button',
    reason:
      "icon-only buttons (a date field's clear, the document's more-actions menu) with no name",
  },
  {
    rule: 'aria-input-field-name',
    selector: '.ContentEditable__root',
    reason: "the rich-text editor's textbox is not named by its field label",
  },
  {
    rule: 'list',
    selector: '.doc-tabs__tabs',
    reason: 'the document tabs list holds elements other than <li>',
  },
  {
    rule: 'scrollable-region-focusable',
    selector: '.doc-controls__content',
    reason: 'on a phone the status bar (status, dates) scrolls sideways but takes no focus',
  },
  {
    rule: 'nested-interactive',
    selector: '.rs__multi-value',
    reason: "a has-many relationship's chosen value is a control holding edit and remove buttons",
  },
]

let server: RunningServer
let session: BrowserSession
const tokens: Record<keyof typeof PEOPLE, string> = { admin: '', editor: '', contributor: '' }
const userIds: Record<keyof typeof PEOPLE, number> = { admin: 0, editor: 0, contributor: 0 }
const titles = { submitted: '', assigned: '', scheduled: '' }
let submittedId = 0
const http = httpClient(() => server.baseUrl)

const ok = async (answer: ReturnType<typeof http>, what: string) => {
  const result = await answer
  expect(result.status, `${what}: ${result.text}`).toBeLessThan(300)
  return result.body
}

beforeAll(async () => {
  // A fresh install: the seed files are imported on the first start, before the server is ready.
  server = await startProductionServer({ env: { SEED_ON_START: 'true' } })
  const first = await ok(
    http('/api/users/first-register', {
      method: 'POST',
      json: { ...PEOPLE.admin, password: PASSWORD },
    }),
    'first admin',
  )
  tokens.admin = first.token
  userIds.admin = first.user.id
  for (const role of ['editor', 'contributor'] as const) {
    const created = await ok(
      http('/api/users', {
        method: 'POST',
        token: tokens.admin,
        json: { ...PEOPLE[role], password: PASSWORD, role },
      }),
      `create ${role}`,
    )
    userIds[role] = created.doc.id
    const login = await ok(
      http('/api/users/login', {
        method: 'POST',
        json: { email: PEOPLE[role].email, password: PASSWORD },
      }),
      `login ${role}`,
    )
    tokens[role] = login.token
  }

  const posts = await ok(
    http('/api/posts?draft=true&depth=0&limit=3&sort=id', { token: tokens.admin }),
    'imported posts',
  )
  expect(posts.totalDocs).toBe(25)
  const [submitted, assigned, scheduled] = posts.docs as { id: number; title: string }[]
  titles.submitted = submitted.title
  titles.assigned = assigned.title
  titles.scheduled = scheduled.title
  submittedId = submitted.id

  // Imported drafts have no owner: an editor assigns them (a draft save).
  for (const [doc, owner] of [
    [submitted, userIds.contributor],
    [assigned, userIds.editor],
  ] as const) {
    await ok(
      http(`/api/posts/${doc.id}?draft=true`, {
        method: 'PATCH',
        token: tokens.editor,
        json: { owner, _status: 'draft' },
      }),
      `assign post ${doc.id}`,
    )
  }
  await ok(
    http(`/api/posts/${submitted.id}/workflow`, {
      method: 'POST',
      token: tokens.contributor,
      json: { action: 'submit' },
    }),
    'submit',
  )
  await ok(
    http(`/api/posts/${scheduled.id}/workflow`, {
      method: 'POST',
      token: tokens.editor,
      json: {
        action: 'schedule',
        at: new Date(Date.now() + 26 * 3600_000).toISOString(),
      },
    }),
    'schedule',
  )

  session = await openBrowser({
    chromiumPath: inject('chromiumPath'),
    suite: 'dashboard',
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

/** Each stage's count of posts and digests over REST, as the editor lists them (drafts too). */
const restCounts = async (): Promise<Record<string, number>> => {
  const counts: Record<string, number> = {}
  for (const collection of COLLECTIONS) {
    for (const stage of STAGES) {
      const list = await ok(
        http(`/api/${collection}?draft=true&depth=0&limit=1&where[stage][equals]=${stage}`, {
          token: tokens.editor,
        }),
        `${collection} in ${stage}`,
      )
      counts[`${collection}:${stage}`] = list.totalDocs
    }
  }
  return counts
}

/** The counts the dashboard shows, keyed `posts:draft`. */
const countsOnScreen = (page: Page) =>
  page.$$eval('a.editorial-dashboard__count', (links) =>
    Object.fromEntries(
      links.map((link) => [
        `${link.getAttribute('data-collection')}:${link.getAttribute('data-stage')}`,
        Number(link.querySelector('.editorial-dashboard__count-number')?.textContent),
      ]),
    ),
  )

const openDashboard = async (page: Page) => {
  await page.goto(`${server.baseUrl}/admin`)
  await page.waitForSelector('.editorial-dashboard [data-section="activity"]')
}

describe.each(VIEWPORTS)('the dashboard at $width×$height', (viewport) => {
  beforeAll(async () => {
    await session.page.setViewportSize(viewport)
  })

  it('should show the counts per stage the REST API gives, and fit the screen', async () => {
    const { page, step } = session
    await step(`dashboard at ${viewport.width}`, async () => {
      const expected = await restCounts()
      expect(expected['posts:draft'] + expected['posts:in_review']).toBe(25)
      expect(expected['posts:in_review']).toBe(1)
      expect(expected['digests:draft']).toBe(5)
      await openDashboard(page)
      await page.screenshot({
        path: path.join(outputDir, `dashboard-${viewport.width}.png`),
        fullPage: true,
      })
      expect(await countsOnScreen(page)).toEqual(expected)
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      expect(overflow, 'the page scrolls sideways').toBe(0)
    })
  })

  it("should show the editor's work, the review queue and the schedule made this morning", async () => {
    const { page, step } = session
    await step(`dashboard sections at ${viewport.width}`, async () => {
      await openDashboard(page)
      const section = (name: string) => page.locator(`[data-section="${name}"]`)
      expect(await section('my-work').innerText()).toContain(titles.assigned)
      const queue = await section('review-queue').innerText()
      expect(queue).toContain(titles.submitted)
      expect(queue).toContain(PEOPLE.contributor.name)
      expect(await section('upcoming').innerText()).toContain(titles.scheduled)
      expect(await section('needs-attention').innerText()).toContain('Nothing failed')
      expect(await section('activity').innerText()).toContain(PEOPLE.contributor.name)
    })
  })

  it('should open the list filtered by stage from a count, holding as many documents', async () => {
    const { page, step } = session
    await step(`count link at ${viewport.width}`, async () => {
      await openDashboard(page)
      const link = page.locator(
        'a.editorial-dashboard__count[data-collection="posts"][data-stage="draft"]',
      )
      const count = Number(await link.locator('.editorial-dashboard__count-number').innerText())
      expect(count).toBe(24)
      await link.click()
      await page.waitForURL((url) => url.pathname === '/admin/collections/posts')
      expect(new URL(page.url()).searchParams.get('where[stage][equals]')).toBe('draft')
      await page.waitForSelector(`.page-controls__page-info >> text=/of ${count}$/`)
      const stages = await page.locator('table tbody td.cell-stage').allInnerTexts()
      expect(stages.length).toBeGreaterThan(0)
      expect(new Set(stages.map((text) => text.trim()))).toEqual(new Set(['Draft']))
    })
  })

  it('should have no serious or critical accessibility violations on the dashboard', async () => {
    const { page, step } = session
    await step(`axe on the dashboard at ${viewport.width}`, async () => {
      await openDashboard(page)
      await expectNoSeriousViolations(
        page,
        `the dashboard at ${viewport.width}×${viewport.height}`,
        { exceptions: PAYLOAD_DASHBOARD_MARKUP },
      )
    })
  })

  it("should have no serious or critical accessibility violations on a post's edit view", async () => {
    const { page, step } = session
    await step(`axe on a post at ${viewport.width}`, async () => {
      await page.goto(`${server.baseUrl}/admin/collections/posts/${submittedId}`)
      // Settled: the form is ready and the workflow panel has loaded the document's history.
      await page.waitForSelector('.workflow-panel__timeline')
      await formReady(page)
      await expectNoSeriousViolations(
        page,
        `a post's edit view at ${viewport.width}×${viewport.height}`,
        { exceptions: PAYLOAD_EDIT_VIEW_MARKUP },
      )
    })
  })
})
