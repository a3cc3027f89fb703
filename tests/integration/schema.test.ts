/**
 * What the SQL schema must hold on every SQL database, whichever dialect's migrations made it:
 * the unique slugs, names, emails and issue numbers, and the indexes of the public lists.
 */
import { sql } from '@payloadcms/db-postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestCms, type TestCms } from '../helpers/payload.ts'

const kind = process.env.TEST_DATABASE
let cms: TestCms

beforeAll(async () => {
  if (kind === 'mongodb') return
  cms = await startTestCms()
})
afterAll(async () => {
  await cms?.close()
})

type Index = { name: string; table: string; unique: boolean }

const indexes = async (): Promise<Index[]> => {
  const drizzle = (cms.payload.db as unknown as { drizzle: any }).drizzle
  if (kind === 'postgres') {
    const result = await drizzle.execute(
      sql`select indexname, tablename, indexdef from pg_indexes where schemaname = 'public'`,
    )
    return result.rows.map((row: { indexname: string; tablename: string; indexdef: string }) => ({
      name: row.indexname,
      table: row.tablename,
      unique: /CREATE UNIQUE INDEX/i.test(row.indexdef),
    }))
  }
  const rows = await drizzle.all(
    sql`select name, tbl_name, sql from sqlite_master where type = 'index' and sql is not null`,
  )
  return rows.map((row: { name: string; tbl_name: string; sql: string }) => ({
    name: row.name,
    table: row.tbl_name,
    unique: /CREATE UNIQUE INDEX/i.test(row.sql),
  }))
}

describe.skipIf(kind === 'mongodb')(`the ${kind} schema`, () => {
  it.each([
    ['posts', 'posts_slug_idx'],
    ['digests', 'digests_slug_idx'],
    ['digests', 'digests_issue_number_idx'],
    ['authors', 'authors_slug_idx'],
    ['authors', 'authors_name_idx'],
    ['sources', 'sources_slug_idx'],
    ['sources', 'sources_name_idx'],
    ['users', 'users_email_idx'],
  ])('should keep %s unique with %s', async (table, name) => {
    expect(await indexes()).toContainEqual({ name, table, unique: true })
  })

  it.each([
    ['posts', '_status_deletedAt_postedAt_idx'],
    ['_posts_v', 'version__status_version_deletedAt_version_postedAt_idx'],
    ['digests', '_status_deletedAt_issueDate_idx'],
    ['_digests_v', 'version__status_version_deletedAt_version_issueDate_idx'],
  ])('should index the public list of %s (%s)', async (table, name) => {
    expect(await indexes()).toContainEqual({ name, table, unique: false })
  })

  it('should refuse a second digest with the same issue number', async () => {
    const data = { title: 'Issue 77', issueNumber: 77, _status: 'draft' as const }
    await cms.payload.create({ collection: 'digests', data, overrideAccess: true, draft: true })
    await expect(
      cms.payload.create({
        collection: 'digests',
        data: { ...data, title: 'Issue 77 again' },
        overrideAccess: true,
        draft: true,
      }),
    ).rejects.toThrow(/issue|unique|already/i)
  })
})
