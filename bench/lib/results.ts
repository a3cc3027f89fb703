/**
 * The shape of bench/results/<date>-<database>.json, written by bench/run.ts and read by the
 * report, and the goals the results are held to.
 */

/** The databases the CMS (and its baseline) can be measured on. */
export const DATABASES = ['sqlite', 'postgres'] as const
export type BenchDatabase = (typeof DATABASES)[number]

export const DATABASE_LABELS: Record<BenchDatabase, string> = {
  sqlite: 'SQLite',
  postgres: 'PostgreSQL',
}

/** A database a run measured on, and how it ran. */
export type DatabaseInfo = {
  kind: BenchDatabase
  /** The server's or library's version, e.g. "3.45.1" or "18.4". */
  version: string
  /** How it ran and what the baseline used there, in a sentence. */
  setup: string
}

/** The requests measured, each answered by both the CMS and the baseline server. */
export const TARGETS = [
  'restList',
  'restBySlug',
  'graphqlList',
  'graphqlBySlug',
  'search',
  'feed',
] as const
export type Target = (typeof TARGETS)[number]

export const TARGET_LABELS: Record<Target, string> = {
  restList: 'REST list (10 newest, author + sources)',
  restBySlug: 'REST post by slug',
  graphqlList: 'GraphQL list',
  graphqlBySlug: 'GraphQL post by slug',
  search: 'Search',
  feed: 'RSS feed (50 newest)',
}

/** Short target names, for goals and log lines. */
export const TARGET_SHORT_LABELS: Record<Target, string> = {
  restList: 'REST list',
  restBySlug: 'REST by slug',
  graphqlList: 'GraphQL list',
  graphqlBySlug: 'GraphQL by slug',
  search: 'Search',
  feed: 'RSS feed',
}

/**
 * The CMS's anonymous response cache during a measurement: `on` as it runs by default, `off`
 * started with API_CACHE_SECONDS=0 (what the CMS itself costs, or a cache miss).
 */
export const CACHE_MODES = ['on', 'off'] as const
export type CacheMode = (typeof CACHE_MODES)[number]

export const CACHE_LABELS: Record<CacheMode, string> = { on: 'cached', off: 'uncached' }

/** Requests per second of each round, for one target, both servers, interleaved. */
export type ThroughputResult = {
  cms: number[]
  baseline: number[]
  /** cms / baseline of each round (the rounds are paired: same round, back to back). */
  ratios: number[]
  medianRatio: number
  cmsMedianRps: number
  baselineMedianRps: number
  /** Non-2xx answers or socket errors seen while measuring (should be 0). */
  errors: number
}

/** Latency at a fixed request rate, in milliseconds. */
export type LatencyResult = {
  rate: number
  seconds: number
  cms: LatencyOf
  baseline: LatencyOf
}

/** One server's latency run; `unsent` requests were not sent, the server having fallen behind. */
export type LatencyOf = { p50: number; p99: number; max: number; errors: number; unsent?: number }

/**
 * One dataset size on one database, with the CMS in one cache mode. With both modes measured,
 * the two CMS servers ran in the same rounds against the same baseline server, and the two
 * results of a size share its baseline measurements.
 */
export type SizeResult = {
  posts: number
  database: BenchDatabase
  cache: CacheMode
  throughput: Partial<Record<Target, ThroughputResult>>
  latency: Partial<Record<Target, LatencyResult>>
  /** GraphQL throughput over REST throughput of the CMS, median of the paired rounds. */
  graphqlOverRest: { list: number; bySlug: number }
  /** Resident memory of the CMS process, MB. */
  memory: { idleMb: number; underLoadMb: number }
  /** Production start to the first 200 on /api/posts, ms. */
  coldStartMs: number
  /** Targets left out on this database, and why (the CMS did not answer them with a 200). */
  unmeasured?: Partial<Record<Target, string>>
}

/**
 * PostgreSQL over SQLite at one size, with the CMS in one cache mode, from rounds in which the
 * servers on both databases took turns: req/s on PostgreSQL ÷ req/s on SQLite, per round.
 */
export type DatabaseComparison = {
  posts: number
  cache: CacheMode
  throughput: Partial<
    Record<
      Target,
      {
        cmsRatios: number[]
        cmsMedianRatio: number
        baselineMedianRatio: number
      }
    >
  >
}

export type ImportResult = {
  database: BenchDatabase
  posts: number
  documents: number
  importer: { seconds: number; documentsPerSecond: number }
  rawInsert: { seconds: number; rows: number; documentsPerSecond: number }
  /** importer documents/s over raw-insert documents/s. */
  ratio: number
}

export type Goal = { name: string; target: string; value: string; isMet: boolean }

export type BenchResults = {
  date: string
  commit: string
  machine: { cpus: number; cpuModel: string; node: string; platform: string }
  settings: {
    rounds: number
    roundSeconds: number
    connections: number
    latencyRate: number
    latencySeconds: number
    /** The CMS's response cache modes measured, each by a CMS server of its own. */
    cacheModes: CacheMode[]
    cmsCore: number
    loadCore: number
  }
  /** The databases measured, in the order they are reported. */
  databases: DatabaseInfo[]
  /** One entry per dataset size, database and cache mode. */
  sizes: SizeResult[]
  /** With more than one database: how they compare, size by size. */
  comparisons?: DatabaseComparison[]
  /** One per database, unless the import was skipped (`--no-import`). */
  imports: ImportResult[]
  goals: Goal[]
}

/**
 * The goals (issue 18: what a user gets, cached and uncached), each held in the cache mode it
 * concerns. Uncached, the CMS itself: its share of the baseline's req/s (the median of the
 * rounds) and its p99 at the fixed rate. Cached, as it runs by default: at least
 * `cachedRatioInEveryRound` of the baseline in every round, the slowest round included.
 */
export const GOALS = {
  uncachedRatio: {
    restList: 0.5,
    restBySlug: 0.35,
    graphqlList: 0.5,
    graphqlBySlug: 0.3,
    search: 0.5,
    feed: 0.5,
  } satisfies Record<Target, number>,
  uncachedP99Ms: 50,
  cachedRatioInEveryRound: 0.9,
  /** GraphQL ÷ REST of the CMS, uncached (cached, both are answers from memory). */
  graphqlOverRest: 0.7,
  coldStartMs: 5_000,
  idleMb: 350,
  importDocumentsPerSecond: 500,
} as const

const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value)

/** A goal's target as set (0.35, 5,000); a measured value with `digits` decimals. */
const format = (value: number, digits?: number) =>
  value.toLocaleString('en', {
    minimumFractionDigits: digits ?? 0,
    maximumFractionDigits: digits ?? 2,
  })

/** A goal of at least `target`; by default a ratio, measured to 2 decimals. */
const atLeast = ({
  name,
  target,
  value,
  unit = '×',
  digits = 2,
  note = '',
}: {
  name: string
  target: number
  value: number
  unit?: string
  digits?: number
  note?: string
}): Goal => ({
  name,
  target: `≥ ${format(target)}${unit}`,
  value: `${format(value, digits)}${unit}${note}`,
  isMet: value >= target,
})

/** A goal of at most `target` (milliseconds or megabytes). */
const atMost = ({
  name,
  target,
  value,
  unit,
  digits,
}: {
  name: string
  target: number
  value: number
  unit: string
  digits: number
}): Goal => ({
  name,
  target: `≤ ${format(target)} ${unit}`,
  value: `${format(value, digits)} ${unit}`,
  isMet: value <= target,
})

/** Cached: every target at `cachedRatioInEveryRound` of the baseline in its slowest round. */
const cachedGoals = (size: SizeResult, at: string): Goal[] =>
  TARGETS.flatMap((target) => {
    const ratios = size.throughput[target]?.ratios ?? []
    if (ratios.length === 0) return []
    return atLeast({
      name: `${TARGET_SHORT_LABELS[target]} ÷ baseline in every round, ${at}`,
      target: GOALS.cachedRatioInEveryRound,
      value: Math.min(...ratios),
      note: ' (slowest round)',
    })
  })

/** Uncached: each target's median share of the baseline, its p99, and GraphQL against REST. */
const uncachedGoals = (size: SizeResult, at: string): Goal[] => {
  const goals: Goal[] = []
  for (const target of TARGETS) {
    const name = TARGET_SHORT_LABELS[target]
    const ratio = size.throughput[target]?.medianRatio
    if (isNumber(ratio)) {
      goals.push(
        atLeast({
          name: `${name} ÷ baseline, ${at}`,
          target: GOALS.uncachedRatio[target],
          value: ratio,
        }),
      )
    }
    const latency = size.latency[target]
    if (latency && isNumber(latency.cms.p99)) {
      goals.push(
        atMost({
          name: `${name} p99 at ${latency.rate} req/s, ${at}`,
          target: GOALS.uncachedP99Ms,
          value: latency.cms.p99,
          unit: 'ms',
          digits: 1,
        }),
      )
    }
  }
  const { list, bySlug } = size.graphqlOverRest
  if (isNumber(list)) {
    goals.push(
      atLeast({
        name: `GraphQL list ÷ REST list, ${at}`,
        target: GOALS.graphqlOverRest,
        value: list,
      }),
    )
  }
  if (isNumber(bySlug)) {
    goals.push(
      atLeast({
        name: `GraphQL by slug ÷ REST by slug, ${at}`,
        target: GOALS.graphqlOverRest,
        value: bySlug,
      }),
    )
  }
  return goals
}

/**
 * Every goal the results can be held to: per size, database and cache mode, the goals of that
 * mode (and whether every target was answered); per database, cold start and idle memory (the
 * worst of its sizes and modes); per import, the importer's speed. A goal whose measurement is
 * missing is left out.
 */
export const goalsOf = ({
  sizes,
  imports,
}: {
  sizes: SizeResult[]
  imports: ImportResult[]
}): Goal[] => {
  const goals: Goal[] = []
  for (const size of sizes) {
    const at = `${CACHE_LABELS[size.cache]}, N=${format(size.posts)}, ${DATABASE_LABELS[size.database]}`
    const unmeasured = Object.keys(size.unmeasured ?? {})
    if (unmeasured.length > 0) {
      goals.push({
        name: `Every target answered, ${at}`,
        target: 'all',
        value: `not: ${unmeasured.join(', ')}`,
        isMet: false,
      })
    }
    goals.push(...(size.cache === 'on' ? cachedGoals(size, at) : uncachedGoals(size, at)))
  }
  for (const database of new Set(sizes.map((size) => size.database))) {
    const ofDatabase = sizes.filter((size) => size.database === database)
    goals.push(
      atMost({
        name: `Cold start to first 200, ${DATABASE_LABELS[database]}`,
        target: GOALS.coldStartMs,
        value: Math.max(...ofDatabase.map((size) => size.coldStartMs)),
        unit: 'ms',
        digits: 0,
      }),
      atMost({
        name: `Idle memory (RSS), ${DATABASE_LABELS[database]}`,
        target: GOALS.idleMb,
        value: Math.max(...ofDatabase.map((size) => size.memory.idleMb)),
        unit: 'MB',
        digits: 0,
      }),
    )
  }
  for (const imported of imports) {
    goals.push(
      atLeast({
        name: `Import through the importer, ${DATABASE_LABELS[imported.database]}`,
        target: GOALS.importDocumentsPerSecond,
        value: imported.importer.documentsPerSecond,
        unit: ' docs/s',
        digits: 0,
      }),
    )
  }
  return goals
}
