import path from 'node:path'

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { STAGES } from '../../lib/workflow.ts'
import {
  expectNoSeriousViolations,
  PAYLOAD_DASHBOARD_MARKUP,
  PAYLOAD_ARRAY_FIELD_MARKUP,
  PAYLOAD_EDIT_VIEW_MARKUP,
} from '../helpers/axe.ts'
import { formReady, openBrowser, outputDir, type BrowserSession } from '../helpers/browser.ts'
import { httpClient, PASSWORD } from '../helpers/newsroom.ts'
import { startProductionServer, type RunningServer } from '../helpers/server.ts'

/**
 * The dashboard of a fresh install: the seed imported on first start (37 posts and 5 digests, all
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
  expect(posts.totalDocs).toBe(37)
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
      expect(expected['posts:draft'] + expected['posts:in_review']).toBe(37)
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
      expect(count).toBe(36)
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
        { exceptions: [...PAYLOAD_EDIT_VIEW_MARKUP, ...PAYLOAD_ARRAY_FIELD_MARKUP] },
      )
    })
  })
})
