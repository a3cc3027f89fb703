/**
 * The shape of bench/results/<date>-<database>.json, written by bench/run.ts and read by the
 * report.
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
  cms: { p50: number; p99: number; max: number; errors: number }
  baseline: { p50: number; p99: number; max: number; errors: number }
}

/** One dataset size on one database. */
export type SizeResult = {
  posts: number
  database: BenchDatabase
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
 * PostgreSQL over SQLite at one size, from rounds in which all four servers (the CMS and the
 * baseline on each database) took turns: req/s on PostgreSQL ÷ req/s on SQLite, per round.
 */
export type DatabaseComparison = {
  posts: number
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
    /** Whether the CMS ran with its anonymous response cache on (the default). */
    responseCache?: boolean
    cmsCore: number
    loadCore: number
  }
  /** The databases measured, in the order they are reported. */
  databases: DatabaseInfo[]
  /** One entry per dataset size and database. */
  sizes: SizeResult[]
  /** With more than one database: how they compare, size by size. */
  comparisons?: DatabaseComparison[]
  /** One per database, unless the import was skipped (`--no-import`). */
  imports: ImportResult[]
  goals: Goal[]
}
