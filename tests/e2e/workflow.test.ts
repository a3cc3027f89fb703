import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

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
  it('should take an imported draft from a contributor through review to publication', async () => {
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
    }
    const stageIs = (label: string) =>
      page.waitForSelector(`.workflow-panel__stage >> text=${label}`)

    await step('contributor submits the imported draft', async () => {
      await login('contributor')
      await openPost()
      expect(await page.locator('#action-save').count()).toBe(0)
      await screenshot('contributor-draft')
      await page.click('#workflow-submit')
      await stageIs('In review')
      await screenshot('contributor-submitted')
      expect(await page.locator('.workflow-panel__none').textContent()).toMatch(
        /an editor takes it from here/,
      )
    })

    await step('editor sees it in the review queue and requests changes with a note', async () => {
      await login('editor')
      await page.goto(`${server.baseUrl}/admin`)
      await page.waitForSelector(`[data-section="review-queue"] >> text=${TITLE}`)
      await screenshot('editor-review-queue')
      await openPost()
      await page.click('#workflow-request_changes')
      await page.waitForSelector('text=Write a note for the writer')
      await page.fill('.workflow-panel__note', 'Please add the date NBC News published this.')
      await page.click('#workflow-request_changes')
      await stageIs('Changes requested')
      await screenshot('editor-requested-changes')
    })

    await step('contributor edits and resubmits', async () => {
      await login('contributor')
      await openPost()
      await page.waitForSelector('text=Please add the date NBC News published this.')
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
      await screenshot('contributor-resubmitted')
    })

    await step('editor approves and publishes', async () => {
      await login('editor')
      await openPost()
      await page.click('#workflow-approve')
      await stageIs('Approved')
      await screenshot('editor-approved')
      expect(await anonymousTitles()).toEqual({ rest: [], graphql: [] })
      await page.click('#workflow-publish')
      await stageIs('Published')
      await screenshot('editor-published')
    })

    await step('anonymous REST and GraphQL now return the post', async () => {
      expect(await anonymousTitles()).toEqual({ rest: [TITLE], graphql: [TITLE] })
      const live = await api(`/api/posts/${postId}?depth=0`)
      expect(live.body.excerpt).toMatch(/October 21 2019/)
    })

    await step('the history shows every step', async () => {
      // The panel re-renders once the publish has been refreshed from the server: wait for the
      // steps to be there before reading them, not for whatever the page shows at that moment.
      await page.waitForFunction(
        () => document.querySelectorAll('.workflow-panel__history li').length >= 5,
      )
      const items = await page.locator('.workflow-panel__history li').allTextContents()
      const actions = items.map((text) => text.split(' by ')[0]).reverse()
      expect(actions).toEqual([
        'Submit for review',
        'Request changes',
        'Submit for review',
        'Approve',
        'Publish',
      ])
      expect(items.join('\n')).toContain('Please add the date NBC News published this.')
      await screenshot('history')
    })
  })
})
