import fs from 'node:fs'
import path from 'node:path'

import { chromium, type Browser, type Page } from 'playwright-core'

import { projectRoot } from './server.ts'

/** Screenshots land here (git-ignored). */
export const outputDir = path.join(projectRoot, 'tests', '.output', 'e2e')

// Flags for Debian's Chromium on a closed network (see STACK-NOTES.md).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
]

/** Waits until the page's Payload forms are all mounted, initialised and not processing. */
export const formReady = async (page: Page): Promise<void> => {
  await page.waitForFunction(() => {
    const forms = [...document.querySelectorAll<HTMLFormElement>('form[data-form-ready]')]
    return forms.length > 0 && forms.every((form) => form.dataset.formReady === 'true')
  })
}

/**
 * Fills a Payload admin form and submits it, the way a person would: only once the form says
 * it is ready (`data-form-ready`, set by Payload's Form once mounted and initialised, and
 * while it is not processing), checking the values are still there before submitting (an
 * initialising form can re-render its fields empty), and submitting only when ready again.
 */
export const fillAndSubmit = async (
  page: Page,
  values: Record<string, string>,
  {
    submit = 'button[type="submit"]',
    beforeSubmit,
  }: { submit?: string; beforeSubmit?: () => Promise<unknown> } = {},
): Promise<void> => {
  await formReady(page)
  for (let attempt = 1; ; attempt += 1) {
    for (const [selector, value] of Object.entries(values)) {
      if ((await page.inputValue(selector)) !== value) await page.fill(selector, value)
    }
    await formReady(page)
    // A quarter of a second for a re-render to show, then check nothing was lost.
    await page.waitForTimeout(250)
    const lost: string[] = []
    for (const [selector, value] of Object.entries(values)) {
      if ((await page.inputValue(selector)) !== value) lost.push(selector)
    }
    if (lost.length === 0) break
    if (attempt === 3) throw new Error(`the form kept clearing ${lost.join(', ')}`)
  }
  await beforeSubmit?.()
  await formReady(page)
  await page.click(submit)
}

export type BrowserSession = {
  browser: Browser
  page: Page
  /** Runs one named step; on failure saves a screenshot named after it, then rethrows. */
  step: <T>(name: string, fn: () => Promise<T>) => Promise<T>
  screenshot: (name: string) => Promise<string>
  close: () => Promise<void>
}

/** How much of each kind of evidence a failed step reports. */
const EVIDENCE_LINES = 15

const tail = (lines: string[], count = EVIDENCE_LINES) => lines.slice(-count)

export const openBrowser = async ({
  chromiumPath,
  suite,
  serverOutput,
}: {
  chromiumPath: string
  suite: string
  /** The server's output so far: its last lines go into a failed step's message. */
  serverOutput?: () => string
}): Promise<BrowserSession> => {
  // Playwright gives every launch a fresh, temporary profile (user data dir) of its own.
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
  })
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } })
  const page = await context.newPage()
  page.setDefaultTimeout(30_000)
  page.setDefaultNavigationTimeout(60_000)
  // What a failed step reports besides its screenshot: answers ≥ 400 and the page's errors.
  const failedAnswers: string[] = []
  const pageErrors: string[] = []
  page.on('response', (response) => {
    if (response.status() < 400) return
    const request = response.request()
    void response
      .text()
      .catch(() => '')
      .then((body) =>
        failedAnswers.push(
          `${response.status()} ${request.method()} ${response.url()} ${body.slice(0, 300)}`,
        ),
      )
  })
  page.on('requestfailed', (request) =>
    failedAnswers.push(
      `(no answer: ${request.failure()?.errorText}) ${request.method()} ${request.url()}`,
    ),
  )
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text().slice(0, 300))
  })
  page.on('pageerror', (err) => pageErrors.push(err.message.slice(0, 300)))
  const evidence = async (): Promise<string> => {
    // What the page tells its user: toasts, field errors, the form's readiness.
    const shown = await page
      .locator('.payload-toast-container li, .field-error, [role="alert"]')
      .allInnerTexts()
      .catch(() => [])
    const forms = await page
      .locator('form')
      .evaluateAll((all) => all.map((form) => form.getAttribute('data-form-ready') ?? '-'))
      .catch(() => [])
    const sections = [
      `page URL: ${page.url()}`,
      `messages on the page: ${shown.map((text) => JSON.stringify(text.trim())).join(', ') || '(none)'}`,
      `forms ready: ${forms.join(', ') || '(no form)'}`,
      `answers ≥ 400 or none:\n  ${tail(failedAnswers).join('\n  ') || '(none)'}`,
      `page errors:\n  ${tail(pageErrors).join('\n  ') || '(none)'}`,
    ]
    const output = serverOutput?.()
    if (output !== undefined) {
      sections.push(
        `server output (end):\n  ${tail(output.trimEnd().split('\n'), 30).join('\n  ')}`,
      )
    }
    return sections.join('\n')
  }
  const dir = path.join(outputDir, suite)
  fs.mkdirSync(dir, { recursive: true })
  let count = 0
  const screenshot = async (name: string) => {
    count += 1
    const file = path.join(
      dir,
      `${String(count).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-')}.png`,
    )
    await page.screenshot({ path: file, fullPage: true })
    return file
  }
  const step: BrowserSession['step'] = async (name, fn) => {
    try {
      return await fn()
    } catch (err) {
      const file = await screenshot(`FAILED-${name}`).catch(() => 'no screenshot')
      throw new Error(
        `step "${name}" failed (screenshot: ${file}): ${(err as Error).message}\n${await evidence()}`,
      )
    }
  }
  return {
    browser,
    page,
    step,
    screenshot,
    close: () => browser.close(),
  }
}
