/**
 * Smaller admin details, in Chromium on the seed an install imports: digest items labelled by
 * their heading and first words, the versions list with who saved each version and its stage,
 * and the chat-paste warning under an imported author's bio. Screenshots at 1440×900 and 390×844
 * in tests/.output/e2e/admin-details/.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { ITEM_LABEL_LENGTH } from '../../lib/digestItems.ts'
import { fillAndSubmit, formReady, openBrowser, type BrowserSession } from '../helpers/browser.ts'
import { apiClient, startProductionServer, type RunningServer } from '../helpers/server.ts'

const PASSWORD = 'correct-horse-battery-staple'
const PEOPLE = {
  admin: { email: 'admin@example.test', name: 'Ada Admin' },
  editor: { email: 'editor@example.test', name: 'Eddie Editor' },
  contributor: { email: 'writer@example.test', name: 'Cora Contributor' },
}
const POST_TITLE = 'Giuliani MEK Lobbyist exposed'
const ARTEFACT = 'Anne Anne, [13.03.19 11:20]'
const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'mobile', width: 390, height: 844 },
] as const

let server: RunningServer
let session: BrowserSession
const tokens: Record<keyof typeof PEOPLE, string> = { admin: '', editor: '', contributor: '' }
const ids = { post: 0, digest: 0, author: 0 }

const api = apiClient(() => server.baseUrl)

/** The id of the one document the query finds, as the admin sees it. */
const findId = async (path: string): Promise<number> => {
  const found = await api(path, { token: tokens.admin })
  expect(found.body.docs, path).toHaveLength(1)
  return found.body.docs[0].id as number
}

/** A step of the workflow (or a draft save) on the post, as `who`, over the API. */
const onPost = async (who: keyof typeof PEOPLE, body: Record<string, unknown>) => {
  const isAction = 'action' in body
  const answer = await api(
    isAction ? `/api/posts/${ids.post}/workflow` : `/api/posts/${ids.post}?draft=true`,
    { method: isAction ? 'POST' : 'PATCH', token: tokens[who], body: JSON.stringify(body) },
  )
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
}

beforeAll(async () => {
  // Its own server, with the seed files imported on first start (as a fresh install does).
  server = await startProductionServer({ env: { SEED_ON_START: 'true' } })
  const first = await api('/api/users/first-register', {
    method: 'POST',
    body: JSON.stringify({ ...PEOPLE.admin, password: PASSWORD }),
  })
  tokens.admin = first.body.token as string
  for (const role of ['editor', 'contributor'] as const) {
    const created = await api('/api/users', {
      method: 'POST',
      token: tokens.admin,
      body: JSON.stringify({ ...PEOPLE[role], password: PASSWORD, role }),
    })
    expect(created.status).toBe(201)
    const login = await api('/api/users/login', {
      method: 'POST',
      body: JSON.stringify({ email: PEOPLE[role].email, password: PASSWORD }),
    })
    tokens[role] = login.body.token as string
  }
  ids.post = await findId(
    `/api/posts?draft=true&depth=0&where[title][equals]=${encodeURIComponent(POST_TITLE)}`,
  )
  ids.digest = await findId('/api/digests?draft=true&depth=0&where[issueNumber][equals]=260')
  ids.author = await findId('/api/authors?depth=0&where[name][equals]=Ali%20Alavi')

  // A history to show: the import, an editor assigning the writer, the writer's edit and
  // submission, the editor's approval.
  const writer = await api(`/api/users?where[email][equals]=${PEOPLE.contributor.email}`, {
    token: tokens.admin,
  })
  await onPost('editor', { owner: writer.body.docs[0].id, _status: 'draft' })
  await onPost('contributor', {
    excerpt: 'NBC News: Giuliani’s paid relationship.',
    _status: 'draft',
  })
  await onPost('contributor', { action: 'submit' })
  await onPost('editor', { action: 'approve' })

  session = await openBrowser({
    chromiumPath: inject('chromiumPath'),
    suite: 'admin-details',
    serverOutput: () => server.output(),
  })
  const { page } = session
  await page.goto(`${server.baseUrl}/admin/login`)
  await fillAndSubmit(page, { '#field-email': PEOPLE.admin.email, '#field-password': PASSWORD })
  await page.waitForURL((url) => !url.pathname.includes('/login'))
})

afterAll(async () => {
  await session?.close()
  await server?.stop()
})

/**
 * Opens `path` at each screen size, waits for `selector` (and for an edit view's form to be
 * ready), and saves a screenshot of each.
 */
const screenshotsOf = async ({
  path,
  selector,
  name,
  isEditView = true,
}: {
  path: string
  selector: string
  name: string
  isEditView?: boolean
}) => {
  const { page, screenshot } = session
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height })
    await page.goto(`${server.baseUrl}${path}`)
    await page.waitForSelector(selector)
    if (isEditView) await formReady(page)
    await screenshot(`${name}-${size.width}x${size.height}`)
  }
}

describe('admin details', () => {
  it('should label each digest item by its heading and first words', async () => {
    const { page, step } = session
    await step('open digest 260', () =>
      screenshotsOf({
        path: `/admin/collections/digests/${ids.digest}`,
        selector: '.digest-item-label',
        name: 'digest-items',
      }),
    )
    const labels = await page.locator('.digest-item-label').allInnerTexts()
    expect(labels).toHaveLength(8)
    for (const label of labels) {
      expect(label).not.toMatch(/^Item \d+$/)
      expect(label.length).toBeLessThanOrEqual(ITEM_LABEL_LENGTH)
    }
  })

  it('should show who saved each version of a post and its stage', async () => {
    const { page, step } = session
    await step('open the versions of the post', () =>
      screenshotsOf({
        path: `/admin/collections/posts/${ids.post}/versions`,
        selector: '.version-saved-by',
        name: 'post-versions',
        isEditView: false,
      }),
    )
    const rows = await page.locator('.versions table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        by: tr.querySelector('.version-saved-by')?.textContent,
        stage: tr.querySelector('.version-stage')?.textContent,
      })),
    )
    // Newest first; the import saved the first version without a signed-in user.
    expect(rows).toEqual([
      { by: PEOPLE.editor.name, stage: 'Approved' },
      { by: PEOPLE.contributor.name, stage: 'In review' },
      { by: PEOPLE.contributor.name, stage: 'Draft' },
      { by: PEOPLE.editor.name, stage: 'Draft' },
      { by: '—', stage: 'Draft' },
    ])
  })

  it('should warn under an imported bio that holds a chat-paste artefact', async () => {
    const { page, step } = session
    await step('open the author Ali Alavi', () =>
      screenshotsOf({
        path: `/admin/collections/authors/${ids.author}`,
        selector: '.chat-paste-warning',
        name: 'author-bio-warning',
      }),
    )
    expect(await page.locator('.chat-paste-warning').innerText()).toContain(ARTEFACT)
  })

  it('should take the warning away once the artefact is removed from the bio', async () => {
    const { page, step } = session
    await step('remove the artefact', async () => {
      await page.setViewportSize({ width: 1440, height: 900 })
      await page.goto(`${server.baseUrl}/admin/collections/authors/${ids.author}`)
      await formReady(page)
      const bio = await page.inputValue('#field-bio')
      await page.fill('#field-bio', bio.replace(`${ARTEFACT} `, ''))
      await page.waitForSelector('.chat-paste-warning', { state: 'detached' })
    })
    expect(await page.inputValue('#field-bio')).toMatch(/^I am Ali Alavi/)
  })
})
