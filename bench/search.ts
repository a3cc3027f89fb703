/**
 * `npm run bench:search`: search latency at N published posts (100,000 by default), the
 * full-text index that /api/search reads now (src/endpoints/search.ts) against the substring
 * search it replaced (bench/lib/substringSearch.ts), on SQLite, PostgreSQL or both. Each
 * database gets bench/dataset.ts's dataset; one process per database asks both searches the
 * same queries one at a time through the Local API, in alternating order, so that both meet the
 * same caches and the same noise. Writes bench/results/search-<date>.json and .md.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { Command, Option } from 'commander'

import { rerunIfUnsettled } from '../src/cli/rerunIfUnsettled.ts'
import { projectRoot } from '../tests/helpers/server.ts'
import { postgresDataset, sqliteDataset } from './lib/datasets.ts'
import { wholeNumber } from './lib/options.ts'
import { startBenchPostgres, type BenchPostgres } from './lib/postgres.ts'
import { canPin, tempDir } from './lib/processes.ts'
import { DATABASE_LABELS, DATABASES, type BenchDatabase } from './lib/results.ts'
import { checkpoint } from './lib/sqlite.ts'
import { pick, seededRandom, WORDS } from './lib/words.ts'

const ENGINES = ['index', 'substring'] as const
type Engine = (typeof ENGINES)[number]
const ENGINE_LABELS: Record<Engine, string> = {
  index: 'Full-text index (now)',
  substring: 'Substring search (before issue 17)',
}

/** Names no dataset post contains (its words are lib/words.ts's): a search that finds nothing. */
const MISSES = ['giuliani', 'zarif', 'mossadegh', 'khamenei', 'rajavi', 'bolton', 'pompeo']

const KINDS = ['one word', 'two words', 'no match'] as const
type Kind = (typeof KINDS)[number]

const queriesOf = (perKind: number): { kind: Kind; query: string }[] => {
  const random = seededRandom(17)
  const queries: { kind: Kind; query: string }[] = []
  for (let index = 0; index < perKind; index += 1) {
    queries.push({ kind: 'one word', query: pick(random, WORDS) })
    queries.push({ kind: 'two words', query: `${pick(random, WORDS)} ${pick(random, WORDS)}` })
    queries.push({ kind: 'no match', query: `${pick(random, MISSES)} ${pick(random, WORDS)}` })
  }
  return queries
}

type Sample = { kind: Kind; engine: Engine; ms: number; totalDocs: number }

type Summary = {
  kind: Kind | 'all'
  engine: Engine
  queries: number
  p50: number
  p90: number
  p99: number
  max: number
  meanTotalDocs: number
}

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]

const round1 = (value: number) => Math.round(value * 10) / 10

const summarise = (samples: Sample[]): Summary[] => {
  const summaries: Summary[] = []
  for (const kind of [...KINDS, 'all'] as const) {
    for (const engine of ENGINES) {
      const picked = samples.filter(
        (sample) => sample.engine === engine && (kind === 'all' || sample.kind === kind),
      )
      const sorted = picked.map((sample) => sample.ms).sort((a, b) => a - b)
      summaries.push({
        kind,
        engine,
        queries: picked.length,
        p50: round1(quantile(sorted, 0.5)),
        p90: round1(quantile(sorted, 0.9)),
        p99: round1(quantile(sorted, 0.99)),
        max: round1(sorted[sorted.length - 1]),
        meanTotalDocs: Math.round(
          picked.reduce((sum, sample) => sum + sample.totalDocs, 0) / picked.length,
        ),
      })
    }
  }
  return summaries
}

/**
 * The measuring process (`--measure URI`): opens Payload on the dataset, brings its search
 * index up to date if it is not, then asks both searches every query and writes the samples.
 */
const measure = async ({
  uri,
  result,
  perKind,
}: {
  uri: string
  result: string
  perKind: number
}) => {
  const env = process.env as Record<string, string>
  env.NODE_ENV = 'development'
  env.DATABASE_URI = uri
  env.PAYLOAD_SECRET ||= 'bench-search-secret-not-for-production'
  env.SEED_ON_START = 'false'
  env.SEARCH_REINDEX_ON_START = 'false'
  env.JOBS_ENABLED = 'false'
  env.LOG_LEVEL = 'warn'
  env.LOG_TO_STDERR = 'true'
  const { getPayload } = await import('payload')
  const { default: config } = await import('../src/payload.config.ts')
  const { rebuildSearchIndex, staleIndexReason } = await import('../src/plugins/search/index.ts')
  const { searchPublished } = await import('../src/endpoints/search.ts')
  const { substringSearch } = await import('./lib/substringSearch.ts')
  const payload = await getPayload({ config })

  const stale = await staleIndexReason(payload)
  if (stale) {
    console.log(`[bench:search] search index out of date (${stale}): rebuilding`)
    let last = 0
    await rebuildSearchIndex({
      payload,
      onProgress: ({ collection, done, total }) => {
        if (Date.now() - last < 5_000 && done < total) return
        last = Date.now()
        console.log(`[bench:search] indexing ${collection}: ${done}/${total}`)
      },
    })
  }

  const run: Record<Engine, (query: string) => Promise<number>> = {
    index: async (query) =>
      (await searchPublished({ payload, query, page: 1, limit: 10 })).totalDocs,
    substring: async (query) => (await substringSearch({ payload, query, limit: 10 })).totalDocs,
  }
  const queries = queriesOf(perKind)
  // Warm-up: the first queries of each pay for compiling and filling caches.
  for (const { query } of queries.slice(0, 6)) {
    for (const engine of ENGINES) await run[engine](query)
  }
  const samples: Sample[] = []
  let lastReport = Date.now()
  for (const [index, { kind, query }] of queries.entries()) {
    const order = index % 2 === 0 ? ENGINES : [...ENGINES].reverse()
    for (const engine of order) {
      const started = performance.now()
      const totalDocs = await run[engine](query)
      samples.push({ kind, engine, ms: performance.now() - started, totalDocs })
    }
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now()
      console.log(`[bench:search] ${index + 1}/${queries.length} queries`)
    }
  }
  const { totalDocs: posts } = await payload.count({
    collection: 'posts',
    where: { _status: { equals: 'published' }, deletedAt: { exists: false } },
    overrideAccess: true,
  })
  fs.writeFileSync(result, JSON.stringify({ posts, samples }))
  await payload.destroy()
  process.exit(0)
}

const program = new Command()
  .name('npm run bench:search --')
  .description('Search latency: the full-text index against the substring search it replaced.')
  .option('--posts <n>', 'published posts in the dataset', wholeNumber('--posts'), 100_000)
  .addOption(
    new Option('--database <kind>', 'the database to measure on')
      .choices([...DATABASES, 'both'])
      .default('both'),
  )
  .option('--queries <n>', 'queries of each kind', wholeNumber('--queries'), 100)
  .option('--out <dir>', 'where results go', path.join(projectRoot, 'bench', 'results'))
  .option(
    '--sqlite-file <file>',
    'SQLite: measure on a copy of this database (a site of yours, a dataset) instead of a generated one',
  )
  .addOption(new Option('--measure <uri>').hideHelp())
  .addOption(new Option('--result <file>').hideHelp())
  .parse()

const options = program.opts<{
  posts: number
  database: BenchDatabase | 'both'
  queries: number
  out: string
  sqliteFile?: string
  measure?: string
  result?: string
}>()

if (options.measure !== undefined) {
  rerunIfUnsettled('bench search measure')
  await measure({
    uri: options.measure,
    result: options.result as string,
    perKind: options.queries,
  })
}

const log = (message: string) => console.log(`[bench:search] ${message}`)
// The measuring process and PostgreSQL share one core, as a one-core server would.
const CORE = 0
const pinned = canPin()

type Measured = { posts: number; samples: Sample[] }

const measureOn = (database: BenchDatabase, uri: string): Measured => {
  const scratch = tempDir('newsroom-bench-search-')
  const result = path.join(scratch.dir, 'samples.json')
  log(
    `${DATABASE_LABELS[database]}: ${options.queries * KINDS.length} queries, each searched twice`,
  )
  const command = [
    process.execPath,
    '--no-deprecation',
    '--import',
    'tsx',
    'bench/search.ts',
    '--measure',
    uri,
    '--result',
    result,
    '--queries',
    String(options.queries),
  ]
  const [file, ...args] = pinned ? ['taskset', '-c', String(CORE), ...command] : command
  const run = spawnSync(file, args, { cwd: projectRoot, stdio: 'inherit', env: process.env })
  if (run.status !== 0) throw new Error(`measuring on ${database} failed (exit ${run.status})`)
  const measured = JSON.parse(fs.readFileSync(result, 'utf8')) as Measured
  scratch.remove()
  return measured
}

const databases: BenchDatabase[] = options.database === 'both' ? [...DATABASES] : [options.database]
const results: {
  database: BenchDatabase
  version?: string
  posts: number
  summaries: Summary[]
}[] = []
let postgres: BenchPostgres | undefined
for (const database of databases) {
  if (database === 'postgres') {
    postgres ??= await startBenchPostgres({ core: pinned ? CORE : undefined, homeCore: 1 })
    const uri = await postgresDataset(postgres, options.posts, log)
    const { posts, samples } = measureOn(database, uri)
    results.push({ database, version: postgres.version, posts, summaries: summarise(samples) })
    await postgres.dropDatabase(uri)
  } else {
    const cached = options.sqliteFile
      ? path.resolve(options.sqliteFile)
      : sqliteDataset(options.posts, log)
    if (!fs.existsSync(cached)) throw new Error(`--sqlite-file ${cached}: no such file`)
    await checkpoint(cached)
    const copy = tempDir('newsroom-bench-search-')
    const file = path.join(copy.dir, 'bench.db')
    fs.copyFileSync(cached, file)
    const { posts, samples } = measureOn(database, `file:${file}`)
    results.push({ database, posts, summaries: summarise(samples) })
    copy.remove()
  }
}
await postgres?.stop()

const date = new Date().toISOString().slice(0, 10)
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot })
  .stdout.toString()
  .trim()
const cpu = os.cpus()
const lines = [
  `# Search latency ${date}: full-text index against substring search`,
  '',
  `${date} · commit \`${commit}\` · ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'} · Node ${process.version}`,
  '',
  `Published posts written by bench/dataset.ts through the Local API (the count is under each ` +
    `database), ${options.queries} queries of each kind, asked one at a time through the Local API as a ` +
    'public reader, first page of 10; both searches get every query, in alternating order. ' +
    `The process${pinned ? ' and PostgreSQL share core 0' : ' is not pinned'}. ` +
    'Words are drawn from the dataset’s vocabulary of ' +
    `${WORDS.length}, so one word matches a large share of all posts; "no match" pairs a ` +
    'name no post contains with such a word. The substring search reads only the 100 newest ' +
    'matches of each collection, so its totals stop at 200; the index counts every match.',
  '',
]
for (const { database, version, posts, summaries } of results) {
  lines.push(
    `## ${DATABASE_LABELS[database]}${version ? ` ${version}` : ''}: ${posts.toLocaleString('en')} posts`,
    '',
    '| Queries | Search | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | mean totalDocs |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...summaries.map(
      (summary) =>
        `| ${summary.kind} (${summary.queries}) | ${ENGINE_LABELS[summary.engine]} | ${summary.p50} | ` +
        `${summary.p90} | ${summary.p99} | ${summary.max} | ${summary.meanTotalDocs.toLocaleString('en')} |`,
    ),
    '',
  )
}
fs.mkdirSync(options.out, { recursive: true })
const base = path.join(options.out, `search-${date}`)
fs.writeFileSync(`${base}.md`, lines.join('\n'))
fs.writeFileSync(
  `${base}.json`,
  `${JSON.stringify({ date, commit, queriesPerKind: options.queries, results }, null, 2)}\n`,
)
log(`written: ${path.relative(projectRoot, base)}.md and .json`)
