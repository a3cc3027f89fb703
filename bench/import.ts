/**
 * Import throughput: N generated posts (default 5,000) through the real importer into a
 * throwaway SQLite database. Usage: `npm run bench:import -- [--posts N]`.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { Command } from 'commander'

import { authorPageText } from '../tests/helpers/seedText.ts'

const ENTRIES_PER_FILE = 100

const program = new Command()
  .option('--posts <n>', 'posts to generate', '5000')
  .parse()
const posts = Number(program.opts<{ posts: string }>().posts)
if (!Number.isInteger(posts) || posts < 1) {
  console.error(`--posts "${program.opts<{ posts: string }>().posts}" must be a whole number above 0`)
  process.exit(2)
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-import-'))
const env = process.env as Record<string, string>
env.NODE_ENV = 'development'
env.DATABASE_URI = `file:${path.join(dir, 'bench.db')}`
env.PAYLOAD_SECRET = crypto.randomBytes(16).toString('hex')
env.SEED_ON_START = 'false'
env.LOG_LEVEL = 'warn'
env.LOG_TO_STDERR = 'true'

const files = Array.from({ length: Math.ceil(posts / ENTRIES_PER_FILE) }, (_, index) => {
  const count = Math.min(ENTRIES_PER_FILE, posts - index * ENTRIES_PER_FILE)
  return {
    name: `generated-${index}.txt`,
    bytes: Buffer.from(authorPageText({ author: `Bench Author ${index}`, count, prefix: `File ${index}` })),
  }
})

const { getPayload } = await import('payload')
const { default: config } = await import('../src/payload.config.ts')
const { importFiles } = await import('../seed/import.ts')
const payload = await getPayload({ config })

const started = performance.now()
const report = await importFiles({ payload, files })
const seconds = (performance.now() - started) / 1000
const written = Object.values(report.counts).reduce((sum, counts) => sum + counts.created, 0)
console.log(
  JSON.stringify({
    posts: report.counts.posts.created,
    documents: written,
    seconds: Number(seconds.toFixed(2)),
    documentsPerSecond: Math.round(written / seconds),
    postsPerSecond: Math.round(report.counts.posts.created / seconds),
    failures: report.failures.length,
  }),
)
await payload.destroy()
fs.rmSync(dir, { recursive: true, force: true })
process.exit(0)
