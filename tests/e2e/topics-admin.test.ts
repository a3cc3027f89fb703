/**
 * Topics and the post's new fields in the admin, in Chromium: an editor makes a topic with its
 * other spellings, is told plainly when a spelling belongs to another topic, and sees a post's
 * credited writers by name, its dateline, language and topics. Screenshots at 1440×900 and
 * 390×844 in tests/.output/e2e/topics/.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import {
  expectNoSeriousViolations,
  PAYLOAD_ARRAY_FIELD_MARKUP,
  PAYLOAD_EDIT_VIEW_MARKUP,
} from '../helpers/axe.ts'
import { fillAndSubmit, formReady, openBrowser, type BrowserSession } from '../helpers/browser.ts'
import { apiClient, startProductionServer, type RunningServer } from '../helpers/server.ts'

const PASSWORD = 'correct-horse-battery-staple'
const ADMIN = { email: 'admin@example.test', name: 'Ada Admin' }
const SIZES = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const

let server: RunningServer
let session: BrowserSession
let token = ''
const api = apiClient(() => server.baseUrl)

beforeAll(async () => {
  server = await startProductionServer()
  const first = await api('/api/users/first-register', {
    method: 'POST',
    body: JSON.stringify({ ...ADMIN, password: PASSWORD }),
  })
  token = first.body.token as string
  session = await openBrowser({
    chromiumPath: inject('chromiumPath'),
    suite: 'topics',
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

/** Types each spelling into the aliases box, each ended by Enter (Payload's hasMany text). */
const typeAliases = async (aliases: string[]) => {
  const input = session.page.locator('.field-aliases input')
  for (const alias of aliases) {
    await input.fill(alias)
    await input.press('Enter')
  }
}

describe('topics in the admin', () => {
  it('should make a topic with its other spellings', async () => {
    const { page, step, screenshot } = session
    await step('create the topic MEK', async () => {
      await page.setViewportSize(SIZES[0])
      await page.goto(`${server.baseUrl}/admin/collections/topics/create`)
      await formReady(page)
      await page.fill('#field-name', 'MEK')
      await typeAliases(['MKO', 'PMOI', 'Mojahedin'])
      await page.fill('#field-description', 'The Mojahedin-e Khalq.')
      await screenshot('topic-create-1440x900')
      await page.click('#action-save')
      await page.waitForURL((url) => /\/topics\/\d+$/.test(url.pathname))
    })
    const found = await api('/api/topics?where[slug][equals]=mek', { token })
    expect(found.body.docs[0]).toMatchObject({
      name: 'MEK',
      aliases: ['MKO', 'PMOI', 'Mojahedin'],
      description: 'The Mojahedin-e Khalq.',
    })
  })

  it('should say which topic already has a spelling', async () => {
    const { page, step, screenshot } = session
    await step('try an alias another topic has', async () => {
      await page.goto(`${server.baseUrl}/admin/collections/topics/create`)
      await formReady(page)
      await page.fill('#field-name', 'Camp Ashraf')
      await typeAliases(['Ashraf', 'mko'])
      await page.click('#action-save')
      await page.waitForSelector('.field-error')
    })
    expect(await page.locator('.field-error').allInnerTexts()).toEqual([
      '"mko" already names the topic "MEK"',
    ])
    await screenshot('topic-alias-taken-1440x900')
    await page.setViewportSize(SIZES[1])
    await screenshot('topic-alias-taken-390x844')
    expect(
      (await api('/api/topics?where[name][equals]=Camp%20Ashraf', { token })).body.totalDocs,
    ).toBe(0)
  })

  it("should show a post's writers by name, its dateline, language and topics", async () => {
    const { page, step, screenshot } = session
    const topic = (await api('/api/topics?where[slug][equals]=mek', { token })).body.docs[0]
    const created = await api('/api/posts?draft=true', {
      method: 'POST',
      token,
      body: JSON.stringify({
        title: 'Giuliani and the MEK in Tirana',
        writers: [{ name: 'Negar Mortazavi' }, { name: 'Borzou Daragahi' }],
        dateline: 'Tirana, Albania',
        originalPublication: 'First Published 2005',
        language: 'en',
        topics: [topic.id],
        _status: 'draft',
      }),
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    for (const size of SIZES) {
      await step(`open the post at ${size.width}`, async () => {
        await page.setViewportSize(size)
        await page.goto(`${server.baseUrl}/admin/collections/posts/${created.body.doc.id}`)
        await formReady(page)
        await page.waitForSelector('#field-topics .rs__multi-value >> text=MEK')
      })
      expect(await page.locator('#field-writers .row-label').allInnerTexts()).toEqual([
        'Negar Mortazavi',
        'Borzou Daragahi',
      ])
      expect(await page.inputValue('#field-dateline')).toBe('Tirana, Albania')
      expect(await page.locator('#field-language .rs__single-value').innerText()).toBe('English')
      expect(await page.locator('#field-topics .rs__multi-value').allInnerTexts()).toEqual(['MEK'])
      await page.locator('#field-writers').scrollIntoViewIfNeeded()
      await screenshot(`post-classification-${size.width}x${size.height}`)
    }
    await page.setViewportSize(SIZES[0])
    await expectNoSeriousViolations(page, 'a post edit view', {
      exceptions: [...PAYLOAD_EDIT_VIEW_MARKUP, ...PAYLOAD_ARRAY_FIELD_MARKUP],
    })
  })
})
