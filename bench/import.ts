/**
 * Import throughput: N generated posts (default 5,000) through the real importer into a
 * throwaway SQLite database, beside a raw batch insert of the very rows the importer wrote
 * into an empty copy of the same schema (the driver, one transaction, multi-row INSERTs).
 * Prints one JSON line. Usage: `npm run bench:import -- [--posts N]`.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { createClient, type Client, type InValue } from '@libsql/client'
import { Command } from 'commander'

import { authorPageText } from '../tests/helpers/seedText.ts'
import { checkpoint } from './lib/sqlite.ts'

const ENTRIES_PER_FILE = 100
/** Rows per INSERT statement in the raw insert. */
const ROWS_PER_STATEMENT = 100

const program = new Command().option('--posts <n>', 'posts to generate', '5000').parse()
const posts = Number(program.opts<{ posts: string }>().posts)
if (!Number.isInteger(posts) || posts < 1) {
  console.error(
    `--posts "${program.opts<{ posts: string }>().posts}" must be a whole number above 0`,
  )
  process.exit(2)
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-import-'))
const dbFile = path.join(dir, 'bench.db')
const emptyFile = path.join(dir, 'empty.db')
const env = process.env as Record<string, string>
env.NODE_ENV = 'development'
env.DATABASE_URI = `file:${dbFile}`
env.PAYLOAD_SECRET = crypto.randomBytes(16).toString('hex')
env.SEED_ON_START = 'false'
env.LOG_LEVEL = 'warn'
env.LOG_TO_STDERR = 'true'

const files = Array.from({ length: Math.ceil(posts / ENTRIES_PER_FILE) }, (_, index) => {
  const count = Math.min(ENTRIES_PER_FILE, posts - index * ENTRIES_PER_FILE)
  return {
    name: `generated-${index}.txt`,
    bytes: Buffer.from(
      authorPageText({ author: `Bench Author ${index}`, count, prefix: `File ${index}` }),
    ),
  }
})

const { getPayload } = await import('payload')
const { default: config } = await import('../src/payload.config.ts')
const { importFiles } = await import('../seed/import.ts')
const payload = await getPayload({ config })
// The migrated, empty schema, for the raw insert.
await checkpoint(dbFile)
fs.copyFileSync(dbFile, emptyFile)

const started = performance.now()
const report = await importFiles({ payload, files })
const seconds = (performance.now() - started) / 1000
const written = Object.values(report.counts).reduce((sum, counts) => sum + counts.created, 0)
await payload.destroy()

/** The rows of every table the import filled, read back in insertion order. */
const readWritten = async (from: Client, empty: Client) => {
  const tables = (
    await from.execute(
      `SELECT "name" FROM "sqlite_master" WHERE "type" = 'table' AND "name" NOT LIKE 'sqlite_%'`,
    )
  ).rows.map((row) => row.name as string)
  const written: { table: string; columns: string[]; rows: InValue[][] }[] = []
  for (const table of tables) {
    const before = await empty.execute(`SELECT count(*) AS "n" FROM "${table}"`)
    if (Number(before.rows[0].n) > 0) continue
    const result = await from.execute(`SELECT * FROM "${table}" ORDER BY rowid`)
    if (result.rows.length === 0) continue
    written.push({
      table,
      columns: result.columns,
      rows: result.rows.map((row) => result.columns.map((column) => row[column] as InValue)),
    })
  }
  return written
}

const source = createClient({ url: `file:${dbFile}` })
const target = createClient({ url: `file:${emptyFile}` })
const tables = await readWritten(source, target)
const rows = tables.reduce((sum, table) => sum + table.rows.length, 0)
const rawStarted = performance.now()
const transaction = await target.transaction('write')
// Tables are copied in name order; foreign keys are checked once, at COMMIT.
await transaction.execute('PRAGMA defer_foreign_keys = ON')
for (const { table, columns, rows: tableRows } of tables) {
  const columnList = columns.map((column) => `"${column}"`).join(', ')
  const rowPlaceholder = `(${columns.map(() => '?').join(', ')})`
  for (let start = 0; start < tableRows.length; start += ROWS_PER_STATEMENT) {
    const chunk = tableRows.slice(start, start + ROWS_PER_STATEMENT)
    await transaction.execute({
      sql: `INSERT INTO "${table}" (${columnList}) VALUES ${chunk.map(() => rowPlaceholder).join(', ')}`,
      args: chunk.flat(),
    })
  }
}
await transaction.commit()
const rawSeconds = (performance.now() - rawStarted) / 1000
source.close()
target.close()

const documentsPerSecond = Math.round(written / seconds)
const rawDocumentsPerSecond = Math.round(written / rawSeconds)
console.log(
  JSON.stringify({
    posts: report.counts.posts.created,
    documents: written,
    failures: report.failures.length,
    importer: { seconds: Number(seconds.toFixed(2)), documentsPerSecond },
    rawInsert: {
      seconds: Number(rawSeconds.toFixed(3)),
      rows,
      tables: tables.map((table) => `${table.table}:${table.rows.length}`),
      documentsPerSecond: rawDocumentsPerSecond,
    },
    ratio: Number((documentsPerSecond / rawDocumentsPerSecond).toFixed(4)),
  }),
)
fs.rmSync(dir, { recursive: true, force: true })
process.exit(0)
