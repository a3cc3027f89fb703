import fs from 'node:fs'

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { fillAndSubmit, formReady, openBrowser, type BrowserSession } from '../helpers/browser.ts'

const baseUrl = inject('baseUrl')
const TITLE = `Browser-made post ${Date.now()}`
const ADMIN = {
  email: 'first.admin@example.test',
  name: 'Fiona First',
  password: 'correct-horse-battery-staple',
}

let session: BrowserSession

const anonymousRestTitles = async (): Promise<string[]> => {
  const response = await fetch(
    `${baseUrl}/api/posts?depth=0&where[title][equals]=${encodeURIComponent(TITLE)}`,
  )
  const body = (await response.json()) as { docs: { title: string }[] }
  return body.docs.map((doc) => doc.title)
}

const anonymousGraphqlTitles = async (): Promise<string[]> => {
  const response = await fetch(`${baseUrl}/api/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'query ($title: String) { Posts(where: { title: { equals: $title } }) { docs { title } } }',
      variables: { title: TITLE },
    }),
  })
  const body = (await response.json()) as { data: { Posts: { docs: { title: string }[] } } }
  return body.data.Posts.docs.map((doc) => doc.title)
}

beforeAll(async () => {
  session = await openBrowser({
    chromiumPath: inject('chromiumPath'),
    suite: 'admin-publish',
    serverOutput: () => fs.readFileSync(inject('serverLog'), 'utf8'),
  })
})
afterAll(async () => {
  await session?.close()
})

describe('admin panel: first admin, draft, publish, unpublish', () => {
  it('should walk an admin from first sign-up to a published and then unpublished post', async () => {
    const { page, step, screenshot } = session

    await step('create the first admin', async () => {
      await page.goto(`${baseUrl}/admin`)
      await page.waitForURL(/\/admin\/create-first-user/)
      await fillAndSubmit(
        page,
        {
          '#field-email': ADMIN.email,
          '#field-name': ADMIN.name,
          '#field-password': ADMIN.password,
          '#field-confirm-password': ADMIN.password,
        },
        { beforeSubmit: () => screenshot('create-first-user') },
      )
      await page.waitForURL((url) => !url.pathname.includes('create-first-user'))
      await page.waitForSelector('text=Posts')
      await screenshot('dashboard')
      const me = await page.evaluate(async () => (await fetch('/api/users/me')).json())
      expect(me.user).toMatchObject({ email: ADMIN.email, name: ADMIN.name, role: 'admin' })
    })

    await step('log out and log back in', async () => {
      await page.context().clearCookies()
      await page.goto(`${baseUrl}/admin/login`)
      await fillAndSubmit(page, { '#field-email': ADMIN.email, '#field-password': ADMIN.password })
      await page.waitForURL((url) => !url.pathname.includes('/login'))
      await page.waitForSelector('text=Posts')
    })

    await step('open Posts and create a draft', async () => {
      await page.goto(`${baseUrl}/admin/collections/posts`)
      await page.waitForSelector('text=Posts')
      await screenshot('posts-list-empty')
      await page.goto(`${baseUrl}/admin/collections/posts/create`)
      await fillAndSubmit(page, { '#field-title': TITLE }, { submit: '#action-save-draft' })
      await page.waitForURL(/\/admin\/collections\/posts\/\d+/)
      await page.waitForSelector('text=Draft')
      await screenshot('draft-saved')
    })

    await step('see the draft hidden from anonymous readers', async () => {
      expect(await anonymousRestTitles()).toEqual([])
      expect(await anonymousGraphqlTitles()).toEqual([])
    })

    await step('publish the draft', async () => {
      await formReady(page)
      // One way to publish: the workflow control's Publish (Payload's own button is hidden).
      expect(await page.locator('#action-save').count()).toBe(0)
      await page.click('#workflow-publish')
      await page.waitForSelector('.workflow-panel__live >> text=Live on the site')
      await screenshot('published')
    })

    await step('see it through anonymous REST and GraphQL', async () => {
      expect(await anonymousRestTitles()).toEqual([TITLE])
      expect(await anonymousGraphqlTitles()).toEqual([TITLE])
    })

    await step('unpublish it', async () => {
      // Unpublish sits in the document controls' "more" menu, behind a confirmation.
      await formReady(page)
      await page.click('.doc-controls__dots')
      await page.click('#action-unpublish')
      await page.click('#confirm-action')
      await page.waitForSelector('text=Status: Draft')
      await screenshot('unpublished')
    })

    await step('see it disappear from anonymous REST and GraphQL', async () => {
      expect(await anonymousRestTitles()).toEqual([])
      expect(await anonymousGraphqlTitles()).toEqual([])
    })
  })
})
