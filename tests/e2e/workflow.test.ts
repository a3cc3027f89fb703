import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { formatDateTime } from '../../lib/dates.ts'
import {
  expectNoSeriousViolations,
  PAYLOAD_ARRAY_FIELD_MARKUP,
  PAYLOAD_EDIT_VIEW_MARKUP,
} from '../helpers/axe.ts'
import { fillAndSubmit, formReady, openBrowser, type BrowserSession } from '../helpers/browser.ts'
import { apiClient, startProductionServer, type RunningServer } from '../helpers/server.ts'

const PASSWORD = 'correct-horse-battery-staple'
const PEOPLE = {
  admin: { email: 'admin@example.test', name: 'Ada Admin' },
  editor: { email: 'editor@example.test', name: 'Eddie Editor' },
  contributor: { email: 'writer@example.test', name: 'Cora Contributor' },
}
const TITLE = 'Giuliani MEK Lobbyist exposed'

let server: RunningServer
let session: BrowserSession
let postId: number

const api = apiClient(() => server.baseUrl)

const anonymousTitles = async () => {
  const rest = await api(`/api/posts?depth=0&where[id][equals]=${postId}`)
  const graphql = await api('/api/graphql', {
    method: 'POST',
    body: JSON.stringify({
      query: `{ Posts(where: { id: { equals: ${postId} } }) { docs { title } } }`,
    }),
  })
  return {
    rest: rest.body.docs.map((d: { title: string }) => d.title),
    graphql: graphql.body.data.Posts.docs.map((d: { title: string }) => d.title),
  }
}

beforeAll(async () => {
  // Its own server, with the seed files imported on first start (as a fresh install does).
  server = await startProductionServer({ env: { SEED_ON_START: 'true' } })
  const first = await api('/api/users/first-register', {
    method: 'POST',
    body: JSON.stringify({ ...PEOPLE.admin, password: PASSWORD }),
  })
  const adminToken = first.body.token as string
  for (const role of ['editor', 'contributor'] as const) {
    const created = await api('/api/users', {
      method: 'POST',
      token: adminToken,
      body: JSON.stringify({ ...PEOPLE[role], password: PASSWORD, role }),
    })
    expect(created.status).toBe(201)
  }
  const found = await api(
    `/api/posts?draft=true&depth=0&where[title][equals]=${encodeURIComponent(TITLE)}`,
    {
      token: adminToken,
    },
  )
  postId = found.body.docs[0].id
  const contributor = await api(`/api/users?where[email][equals]=${PEOPLE.contributor.email}`, {
    token: adminToken,
  })
  // Imported drafts have no owner: an editor assigns this one to the writer.
  const assigned = await api(`/api/posts/${postId}?draft=true`, {
    method: 'PATCH',
    token: adminToken,
    body: JSON.stringify({ owner: contributor.body.docs[0].id, _status: 'draft' }),
  })
  expect(assigned.status).toBe(200)
  session = await openBrowser({
    chromiumPath: inject('chromiumPath'),
    suite: 'workflow',
    serverOutput: () => server.output(),
  })
})

afterAll(async () => {
  await session?.close()
  await server?.stop()
})

describe('editorial workflow in the admin panel', () => {
  it('should take an imported draft from a contributor through review to a scheduled publication', async () => {
    const { page, step, screenshot } = session
    const login = async (who: keyof typeof PEOPLE) => {
      await page.context().clearCookies()
      await page.goto(`${server.baseUrl}/admin/login`)
      await fillAndSubmit(page, { '#field-email': PEOPLE[who].email, '#field-password': PASSWORD })
      await page.waitForURL((url) => !url.pathname.includes('/login'))
    }
    const openPost = async () => {
      await page.goto(`${server.baseUrl}/admin/collections/posts/${postId}`)
      await page.waitForSelector('.workflow-panel')
      await formReady(page)
    }
    const stageIs = (label: string) =>
      page.waitForSelector(`.workflow-panel__state >> text=${label}`)
    const toast = (text: string | RegExp) =>
      page.waitForSelector(
        `.payload-toast-container >> text=${typeof text === 'string' ? text : text.toString()}`,
      )
    /** Screenshots at the desktop size and at a phone's, back to the desktop after. */
    const screenshots = async (name: string) => {
      await screenshot(`${name}-1440`)
      await page.setViewportSize({ width: 390, height: 844 })
      if ((await page.locator('.workflow-panel').count()) > 0) {
        await page.locator('.workflow-panel').scrollIntoViewIfNeeded()
      }
      await screenshot(`${name}-390`)
      await page.setViewportSize({ width: 1440, height: 900 })
    }
    const noteBox = page.locator('.workflow-panel textarea')
    const schedule = async (at: Date) => {
      await page.click('#workflow-schedule')
      const input = page.locator('#workflow-schedule-at input')
      await input.fill(formatDateTime(at))
      await input.press('Enter')
      await page.waitForFunction(
        (label) =>
          document.querySelector<HTMLInputElement>('#workflow-schedule-at input')?.value === label,
        formatDateTime(at),
      )
      await page.click('#workflow-schedule-publish')
    }
    const scheduledLine = page.locator('.workflow-panel__schedule')

    await step('contributor submits the imported draft', async () => {
      await login('contributor')
      await openPost()
      // One way to publish: Payload's own Publish button is not there, for anyone.
      expect(await page.locator('#action-save').count()).toBe(0)
      expect(await page.locator('#workflow-publish').count()).toBe(0)
      expect(await page.locator('#workflow-schedule').count()).toBe(0)
      await stageIs('Draft')
      await screenshots('workflow-contributor-draft')
      await page.click('#workflow-submit')
      await toast('Stage now: In review')
      await stageIs('In review')
      expect(await page.locator('.workflow-panel__hint').textContent()).toMatch(
        /an editor takes it from here/,
      )
      await screenshot('workflow-contributor-submitted')
    })

    await step('editor sees it on the dashboard and requests changes with a note', async () => {
      await login('editor')
      await page.goto(`${server.baseUrl}/admin`)
      await page.waitForSelector(`[data-section="review-queue"] >> text=${TITLE}`)
      await screenshot('workflow-editor-review-queue')
      await openPost()
      expect(await page.locator('#action-save').count()).toBe(0)
      await page.click('#workflow-request_changes')
      await toast('Write a note for the writer')
      await noteBox.fill('Please add the date NBC News published this.')
      await page.click('#workflow-request_changes')
      await toast('Stage now: Changes requested')
      await stageIs('Changes requested')
      await screenshot('workflow-editor-requested-changes')
    })

    await step('contributor edits and resubmits', async () => {
      await login('contributor')
      await openPost()
      await page.waitForSelector(
        '.workflow-panel__note >> text=Please add the date NBC News published this.',
      )
      const saved = page.waitForResponse(
        (response) =>
          response.request().method() === 'PATCH' &&
          new URL(response.url()).pathname === `/api/posts/${postId}`,
      )
      await fillAndSubmit(
        page,
        { '#field-excerpt': 'NBC News, October 21 2019: Giuliani’s longest paid relationship.' },
        { submit: '#action-save-draft' },
      )
      expect((await saved).status()).toBe(200)
      await formReady(page)
      await page.click('#workflow-submit')
      await stageIs('In review')
    })

    await step(
      'editor approves, schedules a publish in two days, sees it, cancels it',
      async () => {
        await login('editor')
        await openPost()
        await page.click('#workflow-approve')
        await stageIs('Approved')
        expect(await anonymousTitles()).toEqual({ rest: [], graphql: [] })

        const later = new Date(Date.now() + 2 * 24 * 3_600_000)
        later.setSeconds(0, 0)
        await schedule(later)
        await toast(`Publishing scheduled for ${formatDateTime(later)}`)
        await scheduledLine
          .filter({ hasText: `Publish scheduled for ${formatDateTime(later)}` })
          .waitFor()
        await screenshots('workflow-scheduled')
        await expectNoSeriousViolations(page, 'the edit view with a schedule', {
          exceptions: [...PAYLOAD_EDIT_VIEW_MARKUP, ...PAYLOAD_ARRAY_FIELD_MARKUP],
        })

        // The list shows it too, in the Scheduled column.
        await page.goto(`${server.baseUrl}/admin/collections/posts?where[id][equals]=${postId}`)
        await page.waitForSelector(`.scheduled-cell >> text=Publish ${formatDateTime(later)}`)
        // The relationship cells load after the row: a screenshot of them shows the values.
        await page.waitForFunction(
          () => !document.querySelector('.table')?.textContent?.includes('Loading...'),
        )
        await screenshots('workflow-scheduled-list')

        await openPost()
        await scheduledLine.getByRole('button', { name: 'Cancel' }).click()
        await toast('Publishing cancelled.')
        await scheduledLine.waitFor({ state: 'detached' })
        expect(await anonymousTitles()).toEqual({ rest: [], graphql: [] })
      },
    )

    await step('editor schedules it for the next minute and it goes live by itself', async () => {
      const soon = new Date(Date.now() + 90_000)
      soon.setSeconds(0, 0)
      await schedule(soon)
      await toast(`Publishing scheduled for ${formatDateTime(soon)}`)
      // The server's job runner publishes it (every 10 s): wait for anonymous readers to see it.
      await expect
        .poll(async () => (await anonymousTitles()).rest, { timeout: 180_000, interval: 2_000 })
        .toEqual([TITLE])
      await openPost()
      await stageIs('Published')
      await page.waitForSelector('.workflow-panel__live >> text=Live on the site')
      expect(await scheduledLine.count()).toBe(0)
    })

    await step('anonymous REST and GraphQL now return the post', async () => {
      expect(await anonymousTitles()).toEqual({ rest: [TITLE], graphql: [TITLE] })
      const live = await api(`/api/posts/${postId}?depth=0`)
      expect(live.body.excerpt).toMatch(/October 21 2019/)
    })

    await step('the history is a timeline of every step, notes on their own line', async () => {
      // The panel lists the history once it has been read from the server: wait for every step.
      await page.waitForFunction(
        () => document.querySelectorAll('.workflow-panel__timeline > li').length >= 8,
      )
      const steps = await page.locator('.workflow-panel__what').allTextContents()
      expect(steps.reverse()).toEqual([
        'Submit for review: Draft → In review',
        'Request changes: In review → Changes requested',
        'Submit for review: Changes requested → In review',
        'Approve: In review → Approved',
        expect.stringMatching(/^Scheduled to publish \d{1,2} \w{3} \d{4}, \d{2}:\d{2}$/),
        expect.stringMatching(/^Cancelled the publish set for /),
        expect.stringMatching(/^Scheduled to publish /),
        'Publish: Approved → Published',
      ])
      expect(await page.locator('.workflow-panel__note').allTextContents()).toEqual([
        'Please add the date NBC News published this.',
      ])
      const who = await page.locator('.workflow-panel__timeline > li').last().textContent()
      expect(who).toContain(PEOPLE.contributor.name)
      await screenshots('workflow-history')
    })
  })
})
