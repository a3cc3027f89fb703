/**
 * `npm run db:transfer`: a site on SQLite moved to PostgreSQL and back, the way an operator
 * would run it (the command in a process of its own), compared through the Local API.
 * Runs in the PostgreSQL project, which has the throwaway server.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'
import { getPayload, type CollectionSlug, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  createContentFixtures,
  paragraph,
  SECRET,
  type ContentFixtures,
} from '../helpers/fixtures.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'
import { freshTestDatabase, testDatabaseKind, type TestDatabase } from '../helpers/testDatabase.ts'
import { solidPng } from '../helpers/images.ts'
import { searchPublished } from '../../src/endpoints/search.ts'

const projectRoot = process.cwd()
const isPostgres = testDatabaseKind() === 'postgres'

/** Everything a site holds that the transfer copies, as the Local API gives it. */
const COPIED: CollectionSlug[] = [
  'users',
  'authors',
  'sources',
  'media',
  'posts',
  'digests',
  'workflow-events',
  'preview-links',
  'payload-jobs',
  'payload-preferences',
]

/** The environment an operator would run the command in (its own log level). */
const commandEnv = () => {
  const env = { ...process.env }
  delete env.LOG_LEVEL
  return env
}

type Run = { code: number | null; stdout: string; stderr: string }

const transfer = (...args: string[]): Promise<Run> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--no-deprecation', 'src/cli/transfer.ts', ...args],
      { cwd: projectRoot, env: commandEnv() },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })

/** A site's content through the Local API: drafts, published views, trash and versions. */
const snapshot = async (payload: Payload) => {
  const out: Record<string, unknown> = {}
  for (const collection of COPIED) {
    const { docs } = await payload.find({
      collection,
      depth: 0,
      limit: 0,
      sort: 'id',
      draft: true,
      trash: true,
      overrideAccess: true,
      showHiddenFields: true,
    })
    out[collection] = docs
  }
  for (const collection of ['posts', 'digests'] as const) {
    out[`${collection} published`] = (
      await payload.find({
        collection,
        depth: 0,
        limit: 0,
        sort: 'id',
        trash: true,
        overrideAccess: true,
      })
    ).docs
    out[`${collection} versions`] = (
      await payload.findVersions({
        collection,
        depth: 0,
        limit: 0,
        sort: 'id',
        trash: true,
        overrideAccess: true,
      })
    ).docs.map(({ id: _id, ...version }) => version)
  }
  return JSON.parse(JSON.stringify(out)) as Record<string, Record<string, unknown>[]>
}

const countRows = async (uri: string, table: string): Promise<number> => {
  const client = new pg.Client({ connectionString: uri })
  await client.connect()
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`)
    return Number(rows[0].n)
  } finally {
    await client.end()
  }
}

let cms: TestCms
let fixtures: ContentFixtures
let before: Awaited<ReturnType<typeof snapshot>>
let sourceUri: string
let postgres: TestDatabase
const logins: { email: string; password: string }[] = []
const opened: Payload[] = []
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-transfer-'))

/** The app on another database, in this process (as the command opens each side). */
const openSite = async (uri: string, key: string): Promise<Payload> => {
  const { newsroomConfig } = await import('../../src/payload.config.ts')
  const { loadEnv } = await import('../../src/env.ts')
  const env = loadEnv({ env: { ...process.env, DATABASE_URI: uri }, projectRoot })
  // No job runner: it would run the jobs being compared (e.g. notification emails) meanwhile.
  const payload = await getPayload({
    config: newsroomConfig({ env, projectRoot }),
    key,
    cron: false,
  })
  opened.push(payload)
  return payload
}

describe.skipIf(!isPostgres)('moving a site between databases (npm run db:transfer)', () => {
  beforeAll(async () => {
    // The site to move lives on SQLite, as a newsroom's first install does.
    process.env.TEST_DATABASE = 'sqlite'
    try {
      cms = await startTestCms()
    } finally {
      process.env.TEST_DATABASE = 'postgres'
    }
    sourceUri = cms.database.uri
    postgres = await freshTestDatabase(dir)
    const { payload } = cms
    fixtures = await createContentFixtures(payload)

    const editor = await cms.userWithRole('editor')
    const contributor = await cms.userWithRole('contributor')
    const admin = await cms.userWithRole('admin')
    logins.push(editor, contributor, admin)

    const act = (id: number | string, action: string, extra: object = {}) =>
      cms.rest({
        method: 'POST',
        path: `/api/posts/${id}/workflow`,
        token: editor.token,
        body: { action, ...extra },
      })
    const topic = await payload.create({
      collection: 'topics',
      data: { name: 'MEK', aliases: ['MKO', 'PMOI'] },
      overrideAccess: true,
    })
    const draft = await payload.create({
      collection: 'posts',
      data: {
        title: 'Moved with its history',
        author: fixtures.author.id,
        sources: [fixtures.source.id],
        topics: [topic.id],
        language: 'en',
        writers: [{ name: 'Fixture Author', author: fixtures.author.id }, { name: 'A Guest' }],
        // A post pointing at a post copied after it: the field closing the cycle is deferred.
        relatedPosts: [fixtures.published.id, fixtures.liveWithDraft.id],
        content: paragraph('A post that went through review.'),
        owner: contributor.id as number,
      },
      draft: true,
      overrideAccess: true,
    })
    expect((await act(draft.id, 'submit', { note: 'Ready, I think' })).status).toBe(200)
    expect((await act(draft.id, 'request_changes', { note: 'Cite the source' })).status).toBe(200)
    expect((await act(fixtures.draft.id, 'submit')).status).toBe(200)
    expect((await act(fixtures.draft.id, 'approve')).status).toBe(200)
    const nextWeek = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString()
    expect((await act(fixtures.draft.id, 'schedule', { at: nextWeek })).status).toBe(200)
    const link = await cms.rest({
      method: 'POST',
      path: `/api/posts/${draft.id}/preview-link`,
      token: editor.token,
      body: {},
    })
    expect(link.status).toBe(201)
    const png = await solidPng(320, 200, '#884422')
    await payload.create({
      collection: 'media',
      data: { alt: 'A picture' },
      file: { data: png, name: 'picture.png', mimetype: 'image/png', size: png.length },
      overrideAccess: true,
    })
    const preference = await cms.rest({
      method: 'POST',
      path: '/api/payload-preferences/posts-list',
      token: editor.token,
      body: { value: { columns: [{ accessor: 'title', active: true }] } },
    })
    expect(preference.status).toBe(200)
    // What is due runs now (the steps above queued notification emails), so the source's own
    // job runner cannot change the jobs between this snapshot and the transfer.
    for (let round = 0; ; round += 1) {
      const result = await payload.jobs.run({ limit: 100, overrideAccess: true })
      if ((result as { noJobsRemaining?: boolean }).noJobsRemaining) break
      if (round === 20) throw new Error('the job queue still had due jobs after 20 runs')
    }
    before = await snapshot(payload)
    // Each kind of thing a site holds is there to be moved.
    for (const collection of COPIED)
      expect(before[collection].length, collection).toBeGreaterThan(0)
    expect(before['posts versions'].length).toBeGreaterThan(before.posts.length)
  }, 120_000)

  afterAll(async () => {
    for (const payload of opened) await payload.destroy().catch(() => undefined)
    await cms?.close()
    await postgres?.drop()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('should copy SQLite to PostgreSQL and back with the same content and logins', async () => {
    const there = await transfer('--from', sourceUri, '--to', postgres.uri)
    expect(there.code, there.stderr).toBe(0)
    expect(there.stderr).toContain('both sides hold the same content')
    expect(there.stderr).toMatch(/copying posts versions: \d+\/\d+/)
    for (const collection of COPIED) {
      expect(there.stdout).toMatch(new RegExp(`^${collection} .* same$`, 'm'))
    }
    expect(there.stdout).not.toContain('DIFFERENT')

    const onPostgres = await openSite(postgres.uri, 'transfer-test-postgres')
    expect(await snapshot(onPostgres)).toEqual(before)
    // The search index is not copied but rebuilt there: published content only.
    expect(there.stderr).toMatch(/search index rebuilt on the target: [1-9]\d* published/)
    const found = await searchPublished({
      payload: onPostgres,
      query: 'fixture',
      page: 1,
      limit: 50,
    })
    expect(found.docs.map((doc) => doc.title)).toContain('Published fixture post')
    expect(JSON.stringify(found)).not.toContain(SECRET)

    const back = `file:${path.join(dir, 'back.db')}`
    const again = await transfer('--from', postgres.uri, '--to', back)
    expect(again.code, again.stderr).toBe(0)
    const onSqlite = await openSite(back, 'transfer-test-back')
    // The command's own account of the copy, should the content differ.
    expect(await snapshot(onSqlite), `${again.stdout}\n${again.stderr}`).toEqual(before)

    for (const site of [onPostgres, onSqlite]) {
      for (const { email, password } of logins) {
        await expect(
          site.login({ collection: 'users', data: { email, password } }),
        ).resolves.toMatchObject({ user: { email } })
      }
    }
  }, 180_000)

  it('should keep numbering after the copied ids on PostgreSQL', async () => {
    const onPostgres = opened[0]
    const highest = Math.max(...before.authors.map((a) => Number(a.id)))
    const author = await onPostgres.create({
      collection: 'authors',
      data: { name: 'Written after the move' },
      overrideAccess: true,
    })
    expect(Number(author.id)).toBeGreaterThan(highest)
    const post = await onPostgres.create({
      collection: 'posts',
      data: { title: 'After the move', author: author.id, content: paragraph('New.') },
      draft: true,
      overrideAccess: true,
    })
    expect(Number(post.id)).toBeGreaterThan(Math.max(...before.posts.map((p) => Number(p.id))))
  })

  it('should refuse a target holding content without --force, and replace it with --force', async () => {
    const refused = await transfer('--from', sourceUri, '--to', postgres.uri)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/already holds content \(.*posts: \d+.*\).*--force/)
    // Still what the earlier test left, the author written after the move included.
    expect(await countRows(postgres.uri, 'authors')).toBe(before.authors.length + 1)

    const forced = await transfer('--from', sourceUri, '--to', postgres.uri, '--force')
    expect(forced.code, forced.stderr).toBe(0)
    expect(forced.stderr).toContain('replaced')
    expect(await countRows(postgres.uri, 'authors')).toBe(before.authors.length)
    expect(await countRows(postgres.uri, 'posts')).toBe(before.posts.length)
    expect(await countRows(postgres.uri, '_posts_v')).toBe(before['posts versions'].length)
  }, 120_000)

  it('should refuse what it cannot open, naming it and never the password', async () => {
    const [missing, unreachable, same, unsupported] = await Promise.all([
      transfer('--from', `file:${path.join(dir, 'nothing-here.db')}`, '--to', postgres.uri),
      transfer('--from', sourceUri, '--to', 'postgres://newsroom:hunter2secret@127.0.0.1:1/news'),
      transfer('--from', sourceUri, '--to', sourceUri),
      transfer('--from', sourceUri, '--to', 'mysql://db/x'),
    ])
    expect(missing.stderr).toMatch(/--from: there is no SQLite database at .*nothing-here\.db/)
    expect(unreachable.stderr).toMatch(
      /--to postgres:\/\/newsroom:\*\*\*@127\.0\.0\.1:1\/news: cannot open the database: the database is not reachable/,
    )
    expect(unreachable.stderr + unreachable.stdout).not.toContain('hunter2secret')
    expect(same.stderr).toContain('name the same database')
    expect(unsupported.stderr).toMatch(/--to: "mysql:\/\/db\/x" is not supported/)
    for (const run of [missing, unreachable, same, unsupported]) {
      expect(run.code, run.stderr).toBe(2)
      // One line saying why, not a logged stack trace.
      expect(run.stderr).not.toMatch(/\n\s+at /)
    }
  }, 120_000)

  it('should keep nothing when one document cannot be stored, and say which', async () => {
    const empty = await freshTestDatabase(dir)
    // A stage PostgreSQL's enum refuses, which SQLite's text column took: the last post
    // copied fails, after the users, authors and sources.
    const last = before.posts.at(-1)!
    await cms.payload.db.updateOne({
      collection: 'posts',
      id: last.id as number,
      data: { stage: 'lost' },
      returning: false,
    })
    try {
      const failed = await transfer('--from', sourceUri, '--to', empty.uri)
      expect(failed.code, failed.stderr).toBe(2)
      expect(failed.stderr).toMatch(new RegExp(`db:transfer failed: posts ${String(last.id)}: .+`))
      // The authors, sources and users copied before it were rolled back with it.
      for (const table of ['users', 'authors', 'sources', 'posts']) {
        expect(await countRows(empty.uri, table), table).toBe(0)
      }
    } finally {
      await cms.payload.db.updateOne({
        collection: 'posts',
        id: last.id as number,
        data: { stage: last.stage },
        returning: false,
      })
      await empty.drop()
    }
  }, 120_000)
})
