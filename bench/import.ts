/**
 * Import throughput: N generated posts (default 5,000) through the real importer into a
 * throwaway database, beside a raw batch insert of the very rows the importer wrote into an
 * empty copy of the same schema (the driver, one transaction, multi-row INSERTs, foreign keys
 * checked at COMMIT). SQLite by default; with `--postgres <uri>` (a server's maintenance
 * database) a fresh database on that PostgreSQL server, dropped afterwards. Prints one JSON line.
 * Usage: `npm run bench:import -- [--posts N] [--postgres postgres://…]`.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { createClient, type Client, type InValue } from '@libsql/client'
import { Command } from 'commander'
import pg from 'pg'

import { authorPageText } from '../tests/helpers/seedText.ts'
import { checkpoint } from './lib/sqlite.ts'

const ENTRIES_PER_FILE = 100
/** Rows per INSERT statement in the raw insert. */
const ROWS_PER_STATEMENT = 100

const program = new Command()
  .option('--posts <n>', 'posts to generate', '5000')
  .option('--postgres <uri>', 'import on this PostgreSQL server (its maintenance database)')
  .parse()
const options = program.opts<{ posts: string; postgres?: string }>()
const posts = Number(options.posts)
if (!Number.isInteger(posts) || posts < 1) {
  console.error(`--posts "${options.posts}" must be a whole number above 0`)
  process.exit(2)
}

/** What the raw insert did: how long it took, and how many rows of which tables it wrote. */
type RawInsert = { seconds: number; rows: number; tables: string[] }

/** A table's rows as the importer left them, to be inserted again as they are. */
type TableRows<V> = { table: string; columns: string[]; rows: V[][] }

/** Multi-row INSERTs of `tables`, ROWS_PER_STATEMENT rows at a time, through `execute`. */
const insertAll = async <V>({
  tables,
  placeholder,
  execute,
}: {
  tables: TableRows<V>[]
  /** The placeholder of the `index`th value of a statement. */
  placeholder: (index: number) => string
  execute: (sql: string, args: V[]) => Promise<unknown>
}) => {
  for (const { table, columns, rows } of tables) {
    const columnList = columns.map((column) => `"${column}"`).join(', ')
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + ROWS_PER_STATEMENT)
      let index = 0
      const values = chunk
        .map(() => `(${columns.map(() => placeholder((index += 1))).join(', ')})`)
        .join(', ')
      await execute(`INSERT INTO "${table}" (${columnList}) VALUES ${values}`, chunk.flat())
    }
  }
}

const summary = <V>(tables: TableRows<V>[], seconds: number): RawInsert => ({
  seconds,
  rows: tables.reduce((sum, table) => sum + table.rows.length, 0),
  tables: tables.map((table) => `${table.table}:${table.rows.length}`),
})

/** A database the importer fills, and the raw insert of what it wrote, on SQLite. */
const sqliteTarget = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-import-'))
  const dbFile = path.join(dir, 'bench.db')
  const emptyFile = path.join(dir, 'empty.db')
  return {
    database: 'sqlite' as const,
    uri: `file:${dbFile}`,
    /** Keeps the migrated, empty schema for the raw insert. */
    beforeImport: async () => {
      await checkpoint(dbFile)
      fs.copyFileSync(dbFile, emptyFile)
    },
    rawInsert: async (): Promise<RawInsert> => {
      const source = createClient({ url: `file:${dbFile}` })
      const target = createClient({ url: `file:${emptyFile}` })
      try {
        const tables = await readWrittenSqlite(source, target)
        const started = performance.now()
        const transaction = await target.transaction('write')
        // Tables are copied in name order; foreign keys are checked once, at COMMIT.
        await transaction.execute('PRAGMA defer_foreign_keys = ON')
        await insertAll({
          tables,
          placeholder: () => '?',
          execute: (sql, args) => transaction.execute({ sql, args }),
        })
        await transaction.commit()
        return summary(tables, (performance.now() - started) / 1000)
      } finally {
        source.close()
        target.close()
      }
    },
    drop: () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })),
  }
}

/**
 * The rows of every table the import filled (empty in `empty`), in insertion order. Ordinary
 * tables only: a full-text index (FTS5's virtual table and its shadow tables) is filled by the
 * triggers of the table it indexes, as it was during the import.
 */
const readWrittenSqlite = async (from: Client, empty: Client) => {
  const tables = (await from.execute(`PRAGMA main.table_list`)).rows
    .filter((row) => row.type === 'table')
    .map((row) => row.name as string)
    .filter((name) => !name.startsWith('sqlite_'))
  const written: TableRows<InValue>[] = []
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

/** Every value as PostgreSQL's own text for it, so rows go back in exactly as they came out. */
const RAW_TEXT: pg.CustomTypesConfig = {
  getTypeParser: (() => (value: string) => value) as pg.CustomTypesConfig['getTypeParser'],
}

/**
 * A fresh database on the PostgreSQL server of `adminUri` for the importer, and the raw insert
 * of what it wrote. The "empty copy" is that same database once the tables the import filled
 * are emptied again (TRUNCATE): same schema, same rows elsewhere (the migrations' records).
 */
const postgresTarget = (adminUri: string) => {
  const name = `bench_import_${crypto.randomBytes(5).toString('hex')}`
  const url = new URL(adminUri)
  url.pathname = `/${name}`
  const uri = url.toString()
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUri })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  const connect = async () => {
    const client = new pg.Client({ connectionString: uri, types: RAW_TEXT })
    await client.connect()
    return client
  }
  let emptyBefore: string[] = []
  return {
    database: 'postgres' as const,
    uri,
    create: () => admin(`CREATE DATABASE "${name}"`),
    /** Notes which tables the migrated schema leaves empty: the ones the import may fill. */
    beforeImport: async () => {
      const client = await connect()
      try {
        const { rows } = await client.query<{ name: string }>(
          `SELECT "table_name" AS "name" FROM "information_schema"."tables"
           WHERE "table_schema" = 'public' AND "table_type" = 'BASE TABLE' ORDER BY 1`,
        )
        emptyBefore = []
        for (const { name: table } of rows) {
          const count = await client.query(`SELECT 1 FROM "${table}" LIMIT 1`)
          if (count.rowCount === 0) emptyBefore.push(table)
        }
      } finally {
        await client.end()
      }
    },
    rawInsert: async (): Promise<RawInsert> => {
      const client = await connect()
      try {
        const tables: TableRows<string | null>[] = []
        for (const table of emptyBefore) {
          const result = await client.query<(string | null)[]>({
            text: `SELECT * FROM "${table}"`,
            rowMode: 'array',
          })
          if (result.rows.length === 0) continue
          tables.push({
            table,
            columns: result.fields.map((field) => field.name),
            rows: result.rows,
          })
        }
        // All of them at once: TRUNCATE refuses a table that another one left out refers to.
        if (emptyBefore.length > 0) {
          await client.query(`TRUNCATE ${emptyBefore.map((table) => `"${table}"`).join(', ')}`)
        }
        // Foreign keys checked once, at COMMIT, as SQLite's defer_foreign_keys does: the
        // adapter makes them NOT DEFERRABLE, so they are made deferrable first (not timed).
        const { rows: keys } = await client.query<{ table: string; name: string }>(
          `SELECT "conrelid"::regclass::text AS "table", "conname" AS "name" FROM "pg_constraint"
           WHERE "contype" = 'f' AND "connamespace" = 'public'::regnamespace`,
        )
        for (const key of keys) {
          await client.query(`ALTER TABLE ${key.table} ALTER CONSTRAINT "${key.name}" DEFERRABLE`)
        }
        const started = performance.now()
        await client.query('BEGIN')
        await client.query('SET CONSTRAINTS ALL DEFERRED')
        await insertAll({
          tables,
          placeholder: (index) => `$${index}`,
          execute: (sql, args) => client.query(sql, args),
        })
        await client.query('COMMIT')
        return summary(tables, (performance.now() - started) / 1000)
      } finally {
        await client.end()
      }
    },
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  }
}

const postgres = options.postgres === undefined ? undefined : postgresTarget(options.postgres)
const target = postgres ?? sqliteTarget()
await postgres?.create()

const env = process.env as Record<string, string>
env.NODE_ENV = 'development'
env.DATABASE_URI = target.uri
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

try {
  const { getPayload } = await import('payload')
  const { default: config } = await import('../src/payload.config.ts')
  const { importFiles } = await import('../seed/import.ts')
  const payload = await getPayload({ config })
  await target.beforeImport()

  const started = performance.now()
  const report = await importFiles({ payload, files })
  const seconds = (performance.now() - started) / 1000
  const written = Object.values(report.counts).reduce((sum, counts) => sum + counts.created, 0)
  await payload.destroy()

  const raw = await target.rawInsert()
  const documentsPerSecond = Math.round(written / seconds)
  const rawDocumentsPerSecond = Math.round(written / raw.seconds)
  console.log(
    JSON.stringify({
      database: target.database,
      posts: report.counts.posts.created,
      documents: written,
      failures: report.failures.length,
      importer: { seconds: Number(seconds.toFixed(2)), documentsPerSecond },
      rawInsert: {
        seconds: Number(raw.seconds.toFixed(3)),
        rows: raw.rows,
        tables: raw.tables,
        documentsPerSecond: rawDocumentsPerSecond,
      },
      ratio: Number((documentsPerSecond / rawDocumentsPerSecond).toFixed(4)),
    }),
  )
} finally {
  await target.drop()
}
process.exit(0)
