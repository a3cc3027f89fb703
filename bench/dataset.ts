/**
 * Builds a benchmark dataset: `--posts N` published posts with authors, sources and a few
 * published digests, written through the Local API (hooks, validation, versions and the
 * workflow trail all run) into the SQLite file `--out`, or into the empty PostgreSQL database
 * `--postgres` (the committed migrations create its schema, as they do SQLite's). Deterministic:
 * the same N gives the same content on either. Run by bench/run.ts in its own process, because
 * the Payload config reads the environment when it is imported.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { Command } from 'commander'

import { rerunIfUnsettled } from '../src/cli/rerunIfUnsettled.ts'
import { checkpoint } from './lib/sqlite.ts'
import { datasetShape, paragraphs, pick, seededRandom, sentence } from './lib/words.ts'

/** Documents written per transaction: one BEGIN/COMMIT per batch instead of per document. */
const BATCH = 100
const PROGRESS_EVERY_MS = 5_000

rerunIfUnsettled('bench dataset')

const program = new Command()
  .requiredOption('--posts <n>', 'published posts to generate')
  .option('--out <file>', 'SQLite file to create')
  .option('--postgres <uri>', 'or: an empty PostgreSQL database to fill (postgres://…)')
  .parse()
const options = program.opts<{ posts: string; out?: string; postgres?: string }>()
const posts = Number(options.posts)
if (!Number.isInteger(posts) || posts < 1) {
  console.error(`--posts "${options.posts}" must be a whole number above 0`)
  process.exit(2)
}
if ((options.out === undefined) === (options.postgres === undefined)) {
  console.error('give either --out <file> (SQLite) or --postgres <uri> (PostgreSQL)')
  process.exit(2)
}
const out = options.out === undefined ? undefined : path.resolve(options.out)
if (out !== undefined) {
  fs.mkdirSync(path.dirname(out), { recursive: true })
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${out}${suffix}`, { force: true })
}

const env = process.env as Record<string, string>
env.NODE_ENV = 'development'
env.DATABASE_URI = out === undefined ? (options.postgres as string) : `file:${out}`
env.PAYLOAD_SECRET ||= crypto.randomBytes(16).toString('hex')
env.SEED_ON_START = 'false'
env.LOG_LEVEL = 'warn'
env.LOG_TO_STDERR = 'true'

const { getPayload } = await import('payload')
const { default: config } = await import('../src/payload.config.ts')
const payload = await getPayload({ config })

const shape = datasetShape(posts)
const random = seededRandom(posts)
const started = Date.now()
let lastReport = started
let written = 0
const total = shape.authors + shape.sources + posts + shape.digests

const progress = (force = false) => {
  const now = Date.now()
  if (!force && now - lastReport < PROGRESS_EVERY_MS) return
  lastReport = now
  const seconds = (now - started) / 1000
  console.log(
    `[dataset] ${written}/${total} documents, ${Math.round(written / seconds)}/s, ${Math.round(seconds)} s, ${Math.round(process.memoryUsage.rss() / 1e6)} MB resident`,
  )
}

/** Runs `write` for 0…count-1 in transactions of BATCH documents. */
const inBatches = async <T>(count: number, write: (index: number, req: object) => Promise<T>) => {
  const results: T[] = []
  for (let start = 0; start < count; start += BATCH) {
    const transactionID = await payload.db.beginTransaction()
    const req = transactionID === null ? {} : { transactionID }
    try {
      for (let index = start; index < Math.min(count, start + BATCH); index += 1) {
        results.push(await write(index, req))
        written += 1
      }
      if (transactionID !== null) await payload.db.commitTransaction(transactionID)
    } catch (err) {
      if (transactionID !== null) await payload.db.rollbackTransaction(transactionID)
      throw err
    }
    progress()
  }
  return results
}

const lexical = (texts: string[]) => ({
  root: {
    type: 'root',
    direction: 'ltr' as const,
    format: '' as const,
    indent: 0,
    version: 1,
    children: texts.map((text) => ({
      type: 'paragraph',
      direction: 'ltr',
      format: '',
      indent: 0,
      version: 1,
      textFormat: 0,
      children: [
        { type: 'text', text, detail: 0, format: 0, mode: 'normal', style: '', version: 1 },
      ],
    })),
  },
})

const common = { overrideAccess: true, depth: 0 } as const
const authorIds = await inBatches(shape.authors, async (index, req) => {
  const doc = await payload.create({
    ...common,
    collection: 'authors',
    data: { name: `Author ${index + 1} ${sentence(random, 1)}`, bio: sentence(random, 20) },
    req,
  })
  return doc.id
})
const sourceIds = await inBatches(shape.sources, async (index, req) => {
  const doc = await payload.create({
    ...common,
    collection: 'sources',
    data: { name: `Outlet ${index + 1} ${sentence(random, 2)}` },
    req,
  })
  return doc.id
})

// Newest first is post 0; one post an hour back from a fixed date.
const newest = Date.UTC(2026, 10, 1)
await inBatches(posts, async (index, req) => {
  const title = `${sentence(random, 6)} (${index + 1})`
  const doc = await payload.create({
    ...common,
    collection: 'posts',
    data: {
      title,
      _status: 'published',
      author: pick(random, authorIds),
      sources: [...new Set([pick(random, sourceIds), pick(random, sourceIds)])].slice(
        0,
        1 + Math.floor(random() * 2),
      ),
      credit: `${sentence(random, 2)}, ${sentence(random, 2)}`,
      postedAt: new Date(newest - index * 3_600_000).toISOString(),
      excerpt: sentence(random, 25),
      content: lexical(paragraphs(random, 3, 60)),
    },
    req,
  })
  return doc.id
})
await inBatches(shape.digests, async (index, req) => {
  const doc = await payload.create({
    ...common,
    collection: 'digests',
    data: {
      title: `Weekly digest ${index + 1}`,
      _status: 'published',
      issueNumber: index + 1,
      issueDate: new Date(newest - index * 7 * 86_400_000).toISOString(),
      excerpt: sentence(random, 20),
      items: [0, 1, 2].map(() => ({
        heading: sentence(random, 5),
        body: lexical(paragraphs(random, 1, 40)),
      })),
    },
    req,
  })
  return doc.id
})
progress(true)
await payload.destroy()
// Fold the write-ahead log into the file, so the dataset is one self-contained file to copy.
if (out !== undefined) await checkpoint(out)
process.exit(0)
