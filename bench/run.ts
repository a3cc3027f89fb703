/**
 * `npm run bench`: the published-content API of the production server against a raw-driver
 * baseline (Express + @libsql/client on the same database file), at one or more dataset sizes,
 * plus the importer against a raw batch insert. Servers run on one core, the load generator on
 * the other; rounds of both targets are interleaved and compared pairwise. Writes
 * bench/results/<date>.json, .md and a latency chart. See the README's Performance section.
 */
import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { createClient } from '@libsql/client'
import { Command } from 'commander'

import { ensureProductionBuild, freePort, projectRoot } from '../tests/helpers/server.ts'
import { drive, latencyAtRate, median, type LoadResult } from './lib/load.ts'
import { wholeNumber } from './lib/options.ts'
import { canPin, pinSelf, rssMb, startServer, type Server } from './lib/processes.ts'
import { writeReport } from './lib/report.ts'
import { checkpoint } from './lib/sqlite.ts'
import { requestFor, type RequestInputs } from './lib/requests.ts'
import {
  TARGETS,
  type BenchResults,
  type Goal,
  type ImportResult,
  type SizeResult,
  type Target,
} from './lib/results.ts'
import { WORDS } from './lib/words.ts'

const sizeList = (value: string) =>
  value.split(',').map((part) => wholeNumber('--posts')(part.trim().replace(/_/g, '')))

const program = new Command()
  .name('npm run bench --')
  .description('Benchmark the content API and the importer against a raw-driver baseline.')
  .option('--posts <list>', 'dataset sizes, comma-separated', sizeList, [1_000, 10_000, 100_000])
  .option('--rounds <n>', 'interleaved rounds per target', wholeNumber('--rounds'), 5)
  .option('--seconds <n>', 'seconds per round and target', wholeNumber('--seconds'), 3)
  .option('--connections <n>', 'concurrent connections', wholeNumber('--connections'), 10)
  .option('--rate <n>', 'requests per second for latency', wholeNumber('--rate'), 50)
  .option('--latency-seconds <n>', 'seconds per latency run', wholeNumber('--latency-seconds'), 15)
  .option(
    '--import-posts <n>',
    'posts for the import benchmark',
    wholeNumber('--import-posts'),
    5_000,
  )
  .option('--no-import', 'skip the import benchmark')
  .option('--no-cache', 'measure the CMS with its response cache off (API_CACHE_SECONDS=0)')
  .option('--targets <list>', `only these targets (${TARGETS.join(',')})`)
  .option('--out <dir>', 'where results go', path.join(projectRoot, 'bench', 'results'))
  .parse()

type Options = {
  posts: number[]
  rounds: number
  seconds: number
  connections: number
  rate: number
  latencySeconds: number
  importPosts: number
  import: boolean
  cache: boolean
  targets?: string
  out: string
}
const options = program.opts<Options>()
const targets: Target[] = options.targets
  ? options.targets.split(',').map((name) => {
      if (!(TARGETS as readonly string[]).includes(name)) {
        program.error(`--targets: unknown target "${name}"; use ${TARGETS.join(', ')}`)
      }
      return name as Target
    })
  : [...TARGETS]

const CMS_CORE = 0
const LOAD_CORE = 1
const CACHE = path.join(projectRoot, 'bench', '.cache')
const isPinned = canPin()
if (isPinned) pinSelf(LOAD_CORE)
else console.warn('[bench] taskset or a second core is missing: servers and load share cores')
const core = isPinned ? CMS_CORE : undefined

const log = (message: string) => console.log(`[bench] ${message}`)
const round1 = (value: number) => Math.round(value * 10) / 10
const round2 = (value: number) => Math.round(value * 100) / 100

const hashFiles = (files: string[]) => {
  const hash = crypto.createHash('sha256')
  for (const file of files) hash.update(fs.readFileSync(path.join(projectRoot, file)))
  return hash.digest('hex').slice(0, 12)
}

/** A cached dataset of `posts` published posts, rebuilt when its generator changes. */
const dataset = (posts: number): string => {
  const key = hashFiles(['bench/dataset.ts', 'bench/lib/words.ts'])
  const file = path.join(CACHE, `posts-${posts}-${key}.db`)
  if (fs.existsSync(file)) {
    log(`dataset of ${posts} posts: cached (${path.relative(projectRoot, file)})`)
    return file
  }
  log(`dataset of ${posts} posts: generating through the Local API…`)
  const partial = `${file}.partial`
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/dataset.ts', '--posts', String(posts), '--out', partial],
    { cwd: projectRoot, stdio: 'inherit', env: process.env },
  )
  if (result.status !== 0) throw new Error(`dataset generation failed (exit ${result.status})`)
  // bench/dataset.ts has folded its write-ahead log in: the file is whole.
  fs.renameSync(partial, file)
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${partial}${suffix}`, { force: true })
  return file
}

/** Slugs to ask for, spread over the whole dataset (old posts as well as new). */
const sampleInputs = async (file: string): Promise<RequestInputs> => {
  const client = createClient({ url: `file:${file}` })
  const { rows } = await client.execute(
    `SELECT "slug" FROM "posts" WHERE "_status" = 'published' ORDER BY ("id" * 7919) % 1009, "id" LIMIT 500`,
  )
  client.close()
  return { slugs: rows.map((row) => row.slug as string), words: WORDS }
}

const fetchText = async (url: string, request: ReturnType<typeof requestFor>) => {
  const response = await fetch(`${url}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  })
  // The feed's build date is the time of the request.
  const body = (await response.text()).replace(/<lastBuildDate>.*?<\/lastBuildDate>/, '')
  return { status: response.status, body }
}

/** Both servers must answer every target with the same status and the same bytes. */
const verifySameAnswers = async (cms: Server, baseline: Server, inputs: RequestInputs) => {
  for (const target of targets) {
    for (const index of [0, 1, 17, 123]) {
      const request = requestFor(target, inputs, index)
      const [ours, theirs] = await Promise.all([
        fetchText(cms.url, request),
        fetchText(baseline.url, request),
      ])
      if (ours.status !== 200 || ours.status !== theirs.status || ours.body !== theirs.body) {
        let at = 0
        while (at < ours.body.length && ours.body[at] === theirs.body[at]) at += 1
        throw new Error(
          `${target} ${request.method} ${request.path}: the CMS and the baseline answer differently ` +
            `(status ${ours.status} vs ${theirs.status}), first difference at byte ${at}:\n` +
            `  cms:      …${ours.body.slice(Math.max(0, at - 60), at + 100)}\n` +
            `  baseline: …${theirs.body.slice(Math.max(0, at - 60), at + 100)}`,
        )
      }
    }
  }
  log(`both servers give identical answers for ${targets.length} targets`)
}

/** The production server on `file`, pinned to the server core. */
const startCms = async (file: string) => {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  return startServer({
    name: 'CMS',
    args: ['--no-deprecation', 'dist/src/server.js'],
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      SERVER_URL: url,
      DATABASE_URI: `file:${file}`,
      PAYLOAD_SECRET: crypto.randomBytes(24).toString('hex'),
      SEED_ON_START: 'false',
      LOG_LEVEL: 'warn',
      ...(options.cache ? {} : { API_CACHE_SECONDS: '0' }),
    },
    url,
    readyPath: '/api/posts?limit=1',
    core,
  })
}

const startPair = async (file: string) => {
  const cms = await startCms(file)
  const cmsUrl = cms.url
  const baselinePort = await freePort()
  const baseline = await startServer({
    name: 'baseline',
    args: [
      '--import',
      'tsx',
      'bench/baseline/server.ts',
      '--db',
      file,
      '--port',
      String(baselinePort),
      '--server-url',
      cmsUrl,
    ],
    env: { NODE_ENV: 'production' },
    url: `http://127.0.0.1:${baselinePort}`,
    readyPath: '/healthz',
    core,
  })
  return { cms, baseline }
}

const measureSize = async (posts: number): Promise<SizeResult> => {
  const cached = dataset(posts)
  // Bring the cached dataset up to the current schema once, so the cold start measured below
  // is a start, not a migration.
  await (await startCms(cached)).stop()
  await checkpoint(cached)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-'))
  const file = path.join(dir, 'bench.db')
  fs.copyFileSync(cached, file)
  const { cms, baseline } = await startPair(file)
  try {
    log(`N=${posts}: CMS ready in ${Math.round(cms.startMs)} ms`)
    const inputs = await sampleInputs(file)
    await verifySameAnswers(cms, baseline, inputs)
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    const idleMb = rssMb(cms.child.pid!)

    let peakMb = idleMb
    const sampler = setInterval(() => (peakMb = Math.max(peakMb, rssMb(cms.child.pid!))), 250)
    const load = (server: Server, target: Target, seconds: number) =>
      drive({ url: server.url, target, inputs, seconds, connections: options.connections })

    // Warm both up (JIT, SQLite page cache) before anything counts.
    for (const target of targets) {
      await load(cms, target, 1)
      await load(baseline, target, 1)
    }

    const rounds = Object.fromEntries(
      targets.map((target) => [target, { cms: [] as LoadResult[], baseline: [] as LoadResult[] }]),
    ) as Record<Target, { cms: LoadResult[]; baseline: LoadResult[] }>
    for (let round = 0; round < options.rounds; round += 1) {
      for (const target of targets) {
        // Alternate who goes first, so drift in the machine's speed favours neither.
        const order = round % 2 === 0 ? ([cms, baseline] as const) : ([baseline, cms] as const)
        for (const server of order) {
          const result = await load(server, target, options.seconds)
          rounds[target][server === cms ? 'cms' : 'baseline'].push(result)
        }
      }
      log(
        `N=${posts} round ${round + 1}/${options.rounds}: ` +
          targets
            .map((target) => {
              const { cms: ours, baseline: theirs } = rounds[target]
              return `${target} ${round2(ours[round].rps / theirs[round].rps)}×`
            })
            .join(', '),
      )
    }
    clearInterval(sampler)

    const throughput: SizeResult['throughput'] = {}
    for (const target of targets) {
      const { cms: ours, baseline: theirs } = rounds[target]
      const ratios = ours.map((result, index) => result.rps / theirs[index].rps)
      throughput[target] = {
        cms: ours.map((result) => Math.round(result.rps)),
        baseline: theirs.map((result) => Math.round(result.rps)),
        ratios: ratios.map(round2),
        medianRatio: round2(median(ratios)),
        cmsMedianRps: Math.round(median(ours.map((result) => result.rps))),
        baselineMedianRps: Math.round(median(theirs.map((result) => result.rps))),
        errors: [...ours, ...theirs].reduce((sum, result) => sum + result.errors, 0),
      }
    }
    const pairedRatio = (over: Target, under: Target) => {
      if (!rounds[over] || !rounds[under]) return Number.NaN
      return round2(
        median(rounds[over].cms.map((result, index) => result.rps / rounds[under].cms[index].rps)),
      )
    }

    const latency: SizeResult['latency'] = {}
    for (const target of targets) {
      const measure = async (server: Server) => {
        const result = await latencyAtRate({
          url: server.url,
          target,
          inputs,
          seconds: options.latencySeconds,
          rate: options.rate,
        })
        return {
          p50: round1(result.p50),
          p99: round1(result.p99),
          max: round1(result.max),
          errors: result.errors,
        }
      }
      latency[target] = {
        rate: options.rate,
        seconds: options.latencySeconds,
        cms: await measure(cms),
        baseline: await measure(baseline),
      }
      log(
        `N=${posts} ${target} at ${options.rate} req/s: p50 ${latency[target].cms.p50} ms, ` +
          `p99 ${latency[target].cms.p99} ms (baseline p99 ${latency[target].baseline.p99} ms)`,
      )
    }

    return {
      posts,
      throughput,
      latency,
      graphqlOverRest: {
        list: pairedRatio('graphqlList', 'restList'),
        bySlug: pairedRatio('graphqlBySlug', 'restBySlug'),
      },
      memory: { idleMb, underLoadMb: peakMb },
      coldStartMs: Math.round(cms.startMs),
    }
  } finally {
    await cms.stop()
    await baseline.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const measureImport = (): ImportResult => {
  log(`import: ${options.importPosts} generated posts through the importer, then a raw insert…`)
  const args = ['--import', 'tsx', 'bench/import.ts', '--posts', String(options.importPosts)]
  const result = spawnSync(
    isPinned ? 'taskset' : process.execPath,
    isPinned ? ['-c', String(CMS_CORE), process.execPath, ...args] : args,
    { cwd: projectRoot, encoding: 'utf8', env: process.env, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  if (result.status !== 0) throw new Error(`the import benchmark failed (exit ${result.status})`)
  const line = result.stdout.trim().split('\n').at(-1) ?? ''
  const parsed = JSON.parse(line) as ImportResult & { failures: number }
  if (parsed.failures > 0) throw new Error(`the import benchmark had ${parsed.failures} failures`)
  return {
    posts: parsed.posts,
    documents: parsed.documents,
    importer: parsed.importer,
    rawInsert: parsed.rawInsert,
    ratio: parsed.ratio,
  }
}

const goalsOf = (sizes: SizeResult[], imported?: ImportResult): Goal[] => {
  const goals: Goal[] = []
  const atLeast = (name: string, target: number, value: number, unit = '×') =>
    goals.push({
      name,
      target: `≥ ${target}${unit}`,
      value: `${value}${unit}`,
      isMet: value >= target,
    })
  const atMost = (name: string, target: number, value: number, unit: string) =>
    goals.push({
      name,
      target: `≤ ${target} ${unit}`,
      value: `${value} ${unit}`,
      isMet: value <= target,
    })
  for (const size of sizes) {
    const n = size.posts.toLocaleString('en')
    const list = size.throughput.restList?.medianRatio
    const slug = size.throughput.restBySlug?.medianRatio
    if (list !== undefined) atLeast(`REST list vs baseline, N=${n}`, 0.35, list)
    if (slug !== undefined) atLeast(`REST by slug vs baseline, N=${n}`, 0.4, slug)
    if (!Number.isNaN(size.graphqlOverRest.list))
      atLeast(`GraphQL list vs REST list, N=${n}`, 0.7, size.graphqlOverRest.list)
    if (!Number.isNaN(size.graphqlOverRest.bySlug))
      atLeast(`GraphQL by slug vs REST by slug, N=${n}`, 0.7, size.graphqlOverRest.bySlug)
  }
  const largest = sizes.find((size) => size.posts >= 100_000)
  if (largest) {
    const slugP99 = largest.latency.restBySlug?.cms.p99
    const listP99 = largest.latency.restList?.cms.p99
    if (slugP99 !== undefined)
      atMost(`p99 by slug at ${options.rate} req/s, N=100,000`, 50, slugP99, 'ms')
    if (listP99 !== undefined)
      atMost(`p99 list at ${options.rate} req/s, N=100,000`, 150, listP99, 'ms')
  }
  if (imported) {
    atLeast('Import through the importer', 500, imported.importer.documentsPerSecond, ' docs/s')
  }
  if (sizes.length > 0) {
    atMost(
      'Cold start to first 200',
      5_000,
      Math.max(...sizes.map((size) => size.coldStartMs)),
      'ms',
    )
    atMost('Idle memory (RSS)', 350, Math.max(...sizes.map((size) => size.memory.idleMb)), 'MB')
  }
  return goals
}

const commit = () => {
  const result = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
    cwd: projectRoot,
    encoding: 'utf8',
  })
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd: projectRoot,
    encoding: 'utf8',
  }).stdout.trim()
  return `${result.stdout.trim() || 'unknown'}${dirty ? '+changes' : ''}`
}

ensureProductionBuild()
const started = Date.now()
const sizes: SizeResult[] = []
for (const posts of options.posts) sizes.push(await measureSize(posts))
const imported = options.import ? measureImport() : undefined
const cpus = os.cpus()
const results: BenchResults = {
  date: new Date().toISOString().slice(0, 10),
  commit: commit(),
  machine: {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  },
  settings: {
    rounds: options.rounds,
    roundSeconds: options.seconds,
    connections: options.connections,
    latencyRate: options.rate,
    latencySeconds: options.latencySeconds,
    responseCache: options.cache,
    cmsCore: isPinned ? CMS_CORE : -1,
    loadCore: isPinned ? LOAD_CORE : -1,
  },
  sizes,
  import: imported,
  goals: goalsOf(sizes, imported),
}
const written = await writeReport({ results, dir: options.out })
log(`done in ${Math.round((Date.now() - started) / 1000)} s`)
for (const goal of results.goals) {
  log(`${goal.isMet ? 'met    ' : 'NOT MET'} ${goal.name}: ${goal.value} (goal ${goal.target})`)
}
log(
  `wrote ${Object.values(written)
    .map((file) => path.relative(projectRoot, file))
    .join(', ')}`,
)
process.exit(0)
