import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { CollectionConfig } from 'payload'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { Authors } from '../../collections/Authors.ts'
import { Digests } from '../../collections/Digests.ts'
import { Posts } from '../../collections/Posts.ts'
import { Sources } from '../../collections/Sources.ts'
import { formatDate, formatDateTime } from '../../lib/dates.ts'
import { expectNoSeriousViolations, PAYLOAD_LIST_MARKUP } from '../helpers/axe.ts'
import { openBrowser, outputDir, type BrowserSession } from '../helpers/browser.ts'
import { httpClient, PASSWORD } from '../helpers/newsroom.ts'
import { projectRoot, startProductionServer, type RunningServer } from '../helpers/server.ts'

/**
 * The admin's list views with the imported seed: every row of the first two pages shows the
 * author, sources and dates the REST API has for it, at a desktop and at a phone size, once the
 * cells have settled (Payload loads relationship titles lazily, as rows come into view).
 */

const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const

/** Payload's list shows this many rows a page unless told otherwise. */
const PAGE_SIZE = 10
const PAGES = [1, 2]
/** How long cells may take to settle once their row is on screen. */
const SETTLE_MS = 20_000

type Doc = Record<string, unknown> & { id: number | string }
type Related = { name?: string } | null | undefined

/** A relationship cell as Payload writes it: the first three titles, then "and N more". */
const relationshipText = ({ value, label }: { value: unknown; label: string }): string => {
  const docs = (Array.isArray(value) ? value : [value]).filter(Boolean) as Related[]
  if (docs.length === 0) return `<No ${label}>`
  const names = docs.slice(0, 3).map((doc) => doc?.name ?? '')
  return `${names.join(', ')}${docs.length > 3 ? ` and ${docs.length - 3} more` : ''}`
}

const day = (value: unknown) => (typeof value === 'string' ? formatDate(value) : '')
const dayAndTime = (value: unknown) => (typeof value === 'string' ? formatDateTime(value) : '')

/** Per list: the column (Payload's `cell-<accessor>` class) and the text its cell must show. */
type Column = { accessor: string; expected: (doc: Doc) => string }

const postColumns: Column[] = [
  { accessor: 'title', expected: (doc) => String(doc.title) },
  {
    accessor: 'author',
    expected: (doc) => relationshipText({ value: doc.author, label: 'Author' }),
  },
  {
    accessor: 'sources',
    expected: (doc) => relationshipText({ value: doc.sources, label: 'Sources' }),
  },
  { accessor: 'postedAt', expected: (doc) => day(doc.postedAt) },
  { accessor: 'updatedAt', expected: (doc) => dayAndTime(doc.updatedAt) },
]

const LISTS: { collection: CollectionConfig; columns: Column[] }[] = [
  { collection: Posts, columns: postColumns },
  {
    collection: Digests,
    columns: [
      { accessor: 'title', expected: (doc) => String(doc.title) },
      { accessor: 'issueDate', expected: (doc) => day(doc.issueDate) },
      { accessor: 'updatedAt', expected: (doc) => dayAndTime(doc.updatedAt) },
    ],
  },
  {
    collection: Authors,
    columns: [
      { accessor: 'name', expected: (doc) => String(doc.name) },
      { accessor: 'updatedAt', expected: (doc) => dayAndTime(doc.updatedAt) },
    ],
  },
  {
    collection: Sources,
    columns: [
      { accessor: 'name', expected: (doc) => String(doc.name) },
      { accessor: 'updatedAt', expected: (doc) => dayAndTime(doc.updatedAt) },
    ],
  },
]

let server: RunningServer
let session: BrowserSession
let dataDir: string
let token: string
const http = httpClient(() => server.baseUrl)

/**
 * Imports seed/data/ with the import CLI (`npm run seed`) into a new database, before any server
 * uses it: two processes writing one SQLite file would refuse each other's writes.
 */
const importSeed = (databaseUri: string) =>
  new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--no-deprecation', 'src/cli/seed.ts'],
      {
        cwd: projectRoot,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          DATABASE_URI: databaseUri,
          PAYLOAD_SECRET: crypto.randomBytes(24).toString('hex'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('close', (code) => resolve({ code, output }))
  })

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-lists-'))
  const databaseUri = `file:${path.join(dataDir, 'cms.db')}`
  const seeded = await importSeed(databaseUri)
  expect(seeded.code, seeded.output.slice(-3000)).toBe(0)
  server = await startProductionServer({ env: { DATABASE_URI: databaseUri } })
  const first = await http('/api/users/first-register', {
    method: 'POST',
    json: { email: 'lists.admin@example.test', name: 'Lena Lists', password: PASSWORD },
  })
  expect(first.status, first.text).toBe(200)
  token = (first.body as { token: string }).token
  session = await openBrowser({
    chromiumPath: inject('chromiumPath'),
    suite: 'lists',
    serverOutput: () => server.output(),
  })
  await session.page
    .context()
    .addCookies([{ name: 'payload-token', value: token, url: server.baseUrl }])
})
afterAll(async () => {
  await session?.close()
  await server?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

/** The page of documents the list shows, as the REST API has them (titles of related docs too). */
const apiPage = async ({ collection, page }: { collection: CollectionConfig; page: number }) => {
  const sort = typeof collection.defaultSort === 'string' ? collection.defaultSort : 'id'
  const answer = await http(
    `/api/${collection.slug}?depth=1&draft=true&limit=${PAGE_SIZE}&page=${page}&sort=${sort}`,
    { token },
  )
  expect(answer.status, answer.text).toBe(200)
  return answer.body as { docs: Doc[]; totalPages: number }
}

type Row = { id: string; cells: Record<string, string> }

/** Each difference between the rows shown and the rows expected, as a line a person can read. */
const differences = ({ shown, expected }: { shown: Row[]; expected: Row[] }): string[] => {
  const lines =
    shown.length === expected.length
      ? []
      : [`${shown.length} rows shown, the API has ${expected.length}`]
  expected.forEach((row, index) => {
    const onScreen = shown[index] ?? { id: '(none)', cells: {} }
    if (onScreen.id !== row.id)
      lines.push(`row ${index + 1}: document ${onScreen.id} shown, the API has ${row.id} there`)
    for (const [accessor, text] of Object.entries(row.cells)) {
      const cell = onScreen.cells[accessor]
      if (cell !== text)
        lines.push(
          `row ${index + 1} (id ${row.id}), ${accessor}: shows ${JSON.stringify(cell)}, the API has ${JSON.stringify(text)}`,
        )
    }
  })
  return lines
}

/** What the list must show for `docs`: their ids in order, and each column's text. */
const expectedRows = ({ docs, columns }: { docs: Doc[]; columns: Column[] }): Row[] =>
  docs.map((doc) => ({
    id: String(doc.id),
    cells: Object.fromEntries(columns.map((column) => [column.accessor, column.expected(doc)])),
  }))

/** `list-posts-1440.png` for a first page, `list-posts-1440-page2.png` after it. */
const screenshotPath = ({
  slug,
  width,
  listPage,
}: {
  slug: string
  width: number
  listPage: number
}) => path.join(outputDir, `list-${slug}-${width}${listPage === 1 ? '' : `-page${listPage}`}.png`)

/** The rows of the list on screen: each row's document id and the text of the given cells. */
const rowsOnScreen = (page: Page, { slug, accessors }: { slug: string; accessors: string[] }) =>
  page.$$eval(
    'table tbody tr',
    (rows, { slug, accessors }) =>
      rows.map((row) => {
        const link = row.querySelector<HTMLAnchorElement>(`a[href*="/collections/${slug}/"]`)
        const cells: Record<string, string> = {}
        for (const accessor of accessors) {
          cells[accessor] = (row.querySelector(`td.cell-${accessor}`)?.textContent ?? '').trim()
        }
        return { id: link?.pathname.split('/').at(-1) ?? '', cells }
      }),
    { slug, accessors },
  )

/**
 * Waits until the list shows `expected` (cells load lazily), or SETTLE_MS, then returns what it
 * shows: a cell stuck on "<No …>" or "Loading..." shows up in the caller's comparison.
 */
const settledRows = async (page: Page, { slug, expected }: { slug: string; expected: Row[] }) => {
  const accessors = Object.keys(expected[0]?.cells ?? {})
  await page
    .waitForFunction(
      ({ slug, accessors, expected }) => {
        const rows = [...document.querySelectorAll('table tbody tr')].map((row) => {
          const link = row.querySelector<HTMLAnchorElement>(`a[href*="/collections/${slug}/"]`)
          const cells: Record<string, string> = {}
          for (const accessor of accessors) {
            cells[accessor] = (row.querySelector(`td.cell-${accessor}`)?.textContent ?? '').trim()
          }
          return { id: link?.pathname.split('/').at(-1) ?? '', cells }
        })
        return JSON.stringify(rows) === JSON.stringify(expected)
      },
      { slug, accessors, expected },
      { timeout: SETTLE_MS },
    )
    .catch(() => undefined)
  return rowsOnScreen(page, { slug, accessors })
}

/** Opens a page of a list and scrolls to its last row, as someone reading it would. */
const openList = async (page: Page, { slug, listPage }: { slug: string; listPage: number }) => {
  await page.goto(`${server.baseUrl}/admin/collections/${slug}?page=${listPage}&limit=${PAGE_SIZE}`)
  await page.waitForSelector('table tbody tr')
  await page.locator('table tbody tr').last().scrollIntoViewIfNeeded()
}

describe.each(VIEWPORTS)('the admin lists at $width×$height', (viewport) => {
  it.each(LISTS.map((list) => [list.collection.slug, list] as const))(
    'should show on every row of the first two pages of %s the author, sources and dates the REST API has',
    async (slug, { collection, columns }) => {
      const { page, step } = session
      await page.setViewportSize(viewport)
      const { totalPages } = await apiPage({ collection, page: 1 })
      expect(totalPages, `${slug} has documents`).toBeGreaterThan(0)
      // The first two pages, or the one page a short list has.
      for (const listPage of PAGES.slice(0, totalPages)) {
        await step(`${slug} page ${listPage} at ${viewport.width}`, async () => {
          const { docs } = await apiPage({ collection, page: listPage })
          const expected = expectedRows({ docs, columns })
          await openList(page, { slug, listPage })
          const shown = await settledRows(page, { slug, expected })
          await page.screenshot({
            path: screenshotPath({ slug, width: viewport.width, listPage }),
            fullPage: true,
          })
          const found = differences({ shown, expected })
          expect(found, `the list differs from the API:\n${found.join('\n')}`).toEqual([])
        })
      }
    },
  )

  it('should have no serious or critical accessibility violations on the posts list', async () => {
    const { page, step } = session
    await page.setViewportSize(viewport)
    await step(`axe on posts at ${viewport.width}`, async () => {
      const { docs } = await apiPage({ collection: Posts, page: 1 })
      await openList(page, { slug: Posts.slug, listPage: 1 })
      // Checked once the cells have settled: "Loading..." is not what an editor reads.
      await settledRows(page, {
        slug: Posts.slug,
        expected: expectedRows({ docs, columns: postColumns }),
      })
      await expectNoSeriousViolations(
        page,
        `the posts list at ${viewport.width}×${viewport.height}`,
        { exceptions: PAYLOAD_LIST_MARKUP },
      )
    })
  })
})
