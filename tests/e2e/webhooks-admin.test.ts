import path from 'node:path'

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { expectNoSeriousViolations, PAYLOAD_EDIT_VIEW_MARKUP } from '../helpers/axe.ts'
import {
  fillAndSubmit,
  formReady,
  openBrowser,
  outputDir,
  type BrowserSession,
} from '../helpers/browser.ts'
import { httpClient, PASSWORD } from '../helpers/newsroom.ts'
import { startProductionServer, type RunningServer } from '../helpers/server.ts'
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhookReceiver.ts'

/**
 * An admin sets up a webhook in the admin panel, at a desktop and at a phone size: creates it,
 * gets its secret once from the sidebar, sends a test event the receiver verifies with that
 * secret, reads the delivery log and replays a delivery. Screenshots of each screen.
 */

const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const

let server: RunningServer
let session: BrowserSession
let receiver: WebhookReceiver
let adminToken = ''
const http = httpClient(() => server.baseUrl)

beforeAll(async () => {
  receiver = await startWebhookReceiver()
  server = await startProductionServer({ env: { WEBHOOKS_ALLOW_PRIVATE: 'true' } })
  const first = await http('/api/users/first-register', {
    method: 'POST',
    json: { email: 'hooks.admin@example.test', name: 'Hugo Hooks', password: PASSWORD },
  })
  expect(first.status, first.text).toBe(200)
  adminToken = (first.body as { token: string }).token
  session = await openBrowser({
    chromiumPath: inject('chromiumPath'),
    suite: 'webhooks-admin',
    serverOutput: () => server.output(),
  })
  await session.page
    .context()
    .addCookies([{ name: 'payload-token', value: adminToken, url: server.baseUrl }])
})

afterAll(async () => {
  await session?.close()
  await server?.stop()
  await receiver?.close()
})

const toast = (page: Page, text: string) =>
  page.waitForSelector(`.payload-toast-container >> text=${text}`)

const noSidewaysScroll = async (page: Page) =>
  expect(
    await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    ),
    'the page scrolls sideways',
  ).toBe(0)

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(outputDir, 'webhooks', `${name}.png`), fullPage: true })

describe.each(VIEWPORTS)('webhooks in the admin at $width×$height', (viewport) => {
  beforeAll(async () => {
    await session.page.setViewportSize(viewport)
  })

  it('should make a webhook, show its secret once, and deliver a test event signed with it', async () => {
    const { page, step } = session
    const name = `Front end ${viewport.width}`
    await step(`create the webhook at ${viewport.width}`, async () => {
      await page.goto(`${server.baseUrl}/admin/collections/webhooks/create`)
      await fillAndSubmit(
        page,
        { '#field-name': name, '#field-url': receiver.url },
        { submit: '#action-save' },
      )
      await page.waitForURL(/\/admin\/collections\/webhooks\/\d+/)
      await formReady(page)
    })
    const secret = await step(`show the secret at ${viewport.width}`, async () => {
      await page.click('#webhook-secret-rotate')
      const input = await page.waitForSelector('#webhook-secret-value')
      await shot(page, `webhook-secret-${viewport.width}`)
      return input.inputValue()
    })
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    receiver.setSecret(secret)
    await step(`send a test event at ${viewport.width}`, async () => {
      await page.click('#webhook-send-test')
      await toast(page, 'Test event')
    })
    const [got] = await receiver.waitFor(
      (item) => item.json.type === 'webhook.test' && item.receivedAt > 0 && item.isVerified,
    )
    expect(got.isVerified).toBe(true)
    await noSidewaysScroll(page)
    await expectNoSeriousViolations(page, `webhook edit view at ${viewport.width}`, {
      exceptions: PAYLOAD_EDIT_VIEW_MARKUP,
    })
    // Seen again later: only its start and end.
    await page.reload()
    await formReady(page)
    expect(await page.locator('#webhook-secret-value').count()).toBe(0)
    expect(await page.locator('.webhook-secret').innerText()).toContain(
      `${secret.slice(0, 10)}…${secret.slice(-4)}`,
    )
    await shot(page, `webhook-edit-${viewport.width}`)
  })

  it('should list the deliveries and replay one', async () => {
    const { page, step } = session
    await step(`the delivery log at ${viewport.width}`, async () => {
      await page.goto(`${server.baseUrl}/admin/collections/webhook-deliveries`)
      await page.waitForSelector('.collection-list table tbody tr')
      await shot(page, `deliveries-list-${viewport.width}`)
      await noSidewaysScroll(page)
    })
    await step(`replay a delivery at ${viewport.width}`, async () => {
      const first = page.locator('.collection-list table tbody tr a').first()
      await first.click()
      await page.waitForSelector('#webhook-delivery-replay')
      await formReady(page)
      await shot(page, `delivery-${viewport.width}`)
      const before = page.url()
      await page.click('#webhook-delivery-replay')
      await page.waitForURL((url) => url.toString() !== before)
      await page.waitForSelector('#webhook-delivery-replay')
    })
  })
})
