import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { renderLatencyChart, renderMarkdown, writeReport } from '../../bench/lib/report.ts'
import {
  goalsOf,
  TARGET_LABELS,
  TARGETS,
  type BenchDatabase,
  type BenchResults,
  type CacheMode,
  type LatencyResult,
  type SizeResult,
  type ThroughputResult,
} from '../../bench/lib/results.ts'

const TITLE = 'Latency at 200 req/s against dataset size'

const throughput = ({ cms, baseline }: { cms: number[]; baseline: number[] }): ThroughputResult => {
  const ratios = cms.map((value, index) => value / baseline[index])
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[(values.length - 1) / 2]
  return {
    cms,
    baseline,
    ratios,
    medianRatio: median(ratios),
    cmsMedianRps: median(cms),
    baselineMedianRps: median(baseline),
    errors: 0,
  }
}

/** The baseline's figures do not depend on the CMS's cache mode: both CMS servers share it. */
const latency = ({
  p50,
  p99,
  index,
}: {
  p50: number
  p99: number
  index: number
}): LatencyResult => ({
  rate: 200,
  seconds: 30,
  cms: { p50, p99, max: p99 * 3, errors: 0 },
  baseline: { p50: 0.8 + index / 10, p99: 2.5 + index, max: 9, errors: 0 },
})

/** A size whose CMS answers `1 / slowdown` as fast (and `slowdown` times slower) as usual. */
const size = ({
  posts,
  slowdown,
  database = 'sqlite',
  cache = 'on',
}: {
  posts: number
  slowdown: number
  database?: BenchDatabase
  cache?: CacheMode
}): SizeResult => ({
  posts,
  database,
  cache,
  throughput: Object.fromEntries(
    TARGETS.map((target, index) => [
      target,
      throughput({
        cms: [1200.4 - index * 100, 1234.6 - index * 100, 1250.2 - index * 100].map(
          (value) => value / slowdown,
        ),
        baseline: [2700, 2600, 2800],
      }),
    ]),
  ),
  latency: Object.fromEntries(
    TARGETS.map((target, index) => [
      target,
      latency({
        p50: (3.14159 + index) * slowdown,
        p99: (12.25 + index * 2) * slowdown,
        index,
      }),
    ]),
  ),
  graphqlOverRest:
    cache === 'on' ? { list: 0.9567, bySlug: 0.9823 } : { list: 0.8567, bySlug: 0.7123 },
  memory: { idleMb: cache === 'on' ? 182.4 : 176.2, underLoadMb: cache === 'on' ? 301.7 : 254.9 },
  coldStartMs: cache === 'on' ? 2345.6 : 2012.3,
})

/** A size without one target, as when the CMS did not answer it. */
const without = (result: SizeResult, target: (typeof TARGETS)[number]): SizeResult => {
  const { [target]: _throughput, ...throughput } = result.throughput
  const { [target]: _latency, ...latency } = result.latency
  return { ...result, throughput, latency }
}

/** One database, the CMS cached (faster than the baseline) and uncached, at two sizes. */
const RESULTS: BenchResults = {
  date: '2025-06-01',
  commit: '0123456789ab',
  machine: { cpus: 2, cpuModel: 'AMD EPYC 7B13', node: 'v20.19.0', platform: 'linux' },
  settings: {
    rounds: 3,
    roundSeconds: 10,
    connections: 50,
    latencyRate: 200,
    latencySeconds: 30,
    cacheModes: ['on', 'off'],
    cmsCore: 1,
    loadCore: 0,
  },
  databases: [{ kind: 'sqlite', version: '3.45.1', setup: 'a file in the temp folder.' }],
  sizes: [
    size({ posts: 1000, slowdown: 0.4 }),
    size({ posts: 1000, slowdown: 2, cache: 'off' }),
    size({ posts: 100_000, slowdown: 0.5 }),
    size({ posts: 100_000, slowdown: 4, cache: 'off' }),
  ],
  imports: [
    {
      database: 'sqlite',
      posts: 5000,
      documents: 5600,
      importer: { seconds: 41.26, documentsPerSecond: 135.72 },
      rawInsert: { seconds: 1.83, rows: 31_000, documentsPerSecond: 3060.1 },
      ratio: 0.04435,
    },
  ],
  goals: [
    { name: 'REST list at 1,000 posts', target: '≥ 0.50 of baseline', value: '0.46', isMet: false },
    { name: 'p99 at 100,000 posts', target: '≤ 100 ms', value: '44.5 ms', isMet: true },
  ],
}

/** The CMS uncached only (`--cache off`). */
const UNCACHED: BenchResults = {
  ...RESULTS,
  settings: { ...RESULTS.settings, cacheModes: ['off'] },
  sizes: RESULTS.sizes.filter((result) => result.cache === 'off'),
}

/** One size, cached only, no latency, no import, no goals. */
const SPARSE: BenchResults = {
  ...RESULTS,
  settings: { ...RESULTS.settings, cacheModes: ['on'] },
  sizes: [{ ...RESULTS.sizes[0], latency: {} }],
  imports: [],
  goals: [],
}

const UNMEASURED_SEARCH = 'the CMS answered GET /api/search?q=a with 500: {"errors":[]}'

/** Both databases in both modes, compared; search could not be measured on PostgreSQL. */
const BOTH: BenchResults = {
  ...RESULTS,
  databases: [
    RESULTS.databases[0],
    { kind: 'postgres', version: '18.4', setup: 'a throwaway server.' },
  ],
  sizes: [
    size({ posts: 1000, slowdown: 0.4 }),
    size({ posts: 1000, slowdown: 2, cache: 'off' }),
    ...(['on', 'off'] as const).map((cache) => ({
      ...without(size({ posts: 1000, slowdown: 3, database: 'postgres', cache }), 'search'),
      unmeasured: { search: UNMEASURED_SEARCH },
    })),
  ],
  comparisons: [
    {
      posts: 1000,
      cache: 'on',
      throughput: {
        restList: { cmsRatios: [0.9, 1.02, 0.97], cmsMedianRatio: 0.97, baselineMedianRatio: 0.8 },
      },
    },
    {
      posts: 1000,
      cache: 'off',
      throughput: {
        restList: { cmsRatios: [0.5, 0.52, 0.47], cmsMedianRatio: 0.5, baselineMedianRatio: 0.8 },
      },
    },
  ],
  imports: [RESULTS.imports[0], { ...RESULTS.imports[0], database: 'postgres' }],
}

const countLines = (svg: string) => svg.split('aria-roledescription="line mark"').length - 1
const count = (text: string, part: string) => text.split(part).length - 1

/** The Markdown from `heading` to the next heading of any level. */
const partOf = (markdown: string, heading: string) => {
  const start = markdown.indexOf(heading)
  const end = markdown.indexOf('\n#', start + heading.length)
  return markdown.slice(start, end === -1 ? undefined : end)
}

describe('renderMarkdown with the cache on and off', () => {
  const markdown = renderMarkdown(RESULTS)

  it.each(TARGETS.map((target) => TARGET_LABELS[target]))('should name the target %s', (label) => {
    expect(markdown).toContain(`| ${label} |`)
  })

  it.each([
    ['an unmet goal', '| REST list at 1,000 posts | ≥ 0.50 of baseline | 0.46 | **no** |'],
    ['a met goal', '| p99 at 100,000 posts | ≤ 100 ms | 44.5 ms | yes |'],
    ['how many goals are met', '1 of 2 met.'],
  ])('should show %s', (_, row) => {
    expect(markdown).toContain(row)
  })

  it.each([
    ['the title with the database', '# Benchmark 2025-06-01: SQLite'],
    ['the header', '2025-06-01 · commit `0123456789ab` · 2 × AMD EPYC 7B13 · Node v20.19.0'],
    ['the database and its setup', '- **SQLite 3.45.1**: a file in the temp folder.'],
    ['the settings', '3 rounds × 10 s, 50 connections; latency at 200 req/s for 30 s'],
    ['the cache modes measured', 'CMS response cache on and off (API_CACHE_SECONDS=0).'],
    [
      'what cached and uncached mean',
      'CMS cached: the CMS as it runs by default, with its response cache; uncached: the same ' +
        'CMS started with API_CACHE_SECONDS=0; a CMS server for each, on the same database, in ' +
        'the same rounds against the same baseline server.',
    ],
    ['each size and its database', '### 100,000 posts on SQLite'],
    [
      'both modes side by side',
      '| Target | Ratio cached | Ratio uncached | p50 / p99 cached (ms) | p50 / p99 uncached (ms) | Baseline p50 / p99 (ms) |',
    ],
    [
      'the median ratio with the range of the rounds, and latency, in both modes',
      '| REST list (10 newest, author + sources) | 1.12 (1.11–1.19) | 0.22 (0.22–0.24) | 1.3 / 4.9 | 6.3 / 24.5 | 0.8 / 2.5 |',
    ],
    [
      'req/s of both CMS servers and the baseline as integers',
      '| REST list (10 newest, author + sources) | 3,086 | 617 | 2,700 | 0 / 0 |',
    ],
    [
      'the GraphQL/REST ratios of both modes',
      'GraphQL over REST (CMS req/s, median of paired rounds): cached list 0.96, by slug 0.98; ' +
        'uncached list 0.86, by slug 0.71.',
    ],
    ['memory and cold start, cached', '| SQLite | cached | 1,000 | 182 | 302 | 2,346 |'],
    ['memory and cold start, uncached', '| SQLite | uncached | 1,000 | 176 | 255 | 2,012 |'],
    ['the import database', '### On SQLite'],
    ['the importer', '| Importer | 136 | 41.3 |'],
    ['the raw insert', '| Raw insert (31,000 rows) | 3,060 | 1.8 |'],
    ['the import ratio', 'Importer over raw insert: 0.04.'],
    ['the chart', '![Latency against N](2025-06-01-sqlite-latency.svg)'],
  ])('should show %s', (_, text) => {
    expect(markdown).toContain(text)
  })

  it('should give each size one table for both cache modes', () => {
    expect(count(markdown, '### 1,000 posts on SQLite')).toBe(1)
    expect(count(partOf(markdown, '### 1,000 posts on SQLite'), '| Search |')).toBe(2)
  })
})

describe('renderMarkdown with one cache mode', () => {
  const markdown = renderMarkdown(UNCACHED)

  it.each([
    ['the mode measured', 'CMS uncached: the same CMS started with API_CACHE_SECONDS=0.'],
    [
      'its columns',
      '| Target | Ratio uncached | p50 / p99 uncached (ms) | Baseline p50 / p99 (ms) |',
    ],
    ['its figures', '| Search | 0.15 (0.15–0.16) | 14.3 / 40.5 | 1.2 / 6.5 |'],
  ])('should show %s', (_, text) => {
    expect(markdown).toContain(text)
  })

  it.each(['Ratio cached', 'p50 / p99 cached', 'CMS cached req/s', '| cached |'])(
    'should leave out the columns of the other mode (%s)',
    (text) => {
      expect(markdown).not.toContain(text)
    },
  )
})

describe('renderMarkdown with data missing', () => {
  it.each([
    '## Goals',
    '## Latency',
    '![Latency against N]',
    '## Import',
    '### 100,000 posts',
    '## PostgreSQL ÷ SQLite',
    'Not measured',
    'p50 / p99',
  ])('should leave out %s when its data is missing', (text) => {
    expect(renderMarkdown(SPARSE)).not.toContain(text)
  })

  it('should keep the sections whose data is present', () => {
    const markdown = renderMarkdown(SPARSE)

    expect(markdown).toContain('### 1,000 posts')
    expect(markdown).toContain('| REST list (10 newest, author + sources) | 1.12 (1.11–1.19) |')
    expect(markdown).toContain('## Memory and cold start')
  })

  it('should show a dash for a target measured in one mode only', () => {
    const markdown = renderMarkdown({
      ...RESULTS,
      sizes: [RESULTS.sizes[0], without(RESULTS.sizes[1], 'feed')],
    })

    expect(markdown).toContain(
      '| RSS feed (50 newest) | 0.67 (0.65–0.71) | – | 3.3 / 8.9 | – | 1.3 / 7.5 |',
    )
  })
})

describe('renderMarkdown with both databases', () => {
  const markdown = renderMarkdown(BOTH)

  it.each([
    ['the title with both databases', '# Benchmark 2025-06-01: SQLite and PostgreSQL'],
    ['the SQLite table', '### 1,000 posts on SQLite'],
    ['the PostgreSQL table', '### 1,000 posts on PostgreSQL'],
    [
      'the comparison, cached',
      '| REST list (10 newest, author + sources) | cached | 1,000 | 0.97 | 0.90 1.02 0.97 | 0.80 |',
    ],
    [
      'the comparison, uncached',
      '| REST list (10 newest, author + sources) | uncached | 1,000 | 0.50 | 0.50 0.52 0.47 | 0.80 |',
    ],
    ['memory per database', '| PostgreSQL | uncached | 1,000 | 176 | 255 | 2,012 |'],
    ['each import', '### On PostgreSQL'],
    ['why a target was not measured', `- Search: ${UNMEASURED_SEARCH}`],
    ['in which mode it was not measured, cached', 'Not measured on PostgreSQL, cached:'],
    ['in which mode it was not measured, uncached', 'Not measured on PostgreSQL, uncached:'],
  ])('should show %s', (_, text) => {
    expect(markdown).toContain(text)
  })

  it('should leave the unmeasured target out of the PostgreSQL tables', () => {
    const tables = markdown.slice(
      markdown.indexOf('### 1,000 posts on PostgreSQL'),
      markdown.indexOf('Not measured on PostgreSQL'),
    )

    expect(tables).not.toContain('| Search |')
  })
})

describe('goalsOf', () => {
  const goals = goalsOf({ sizes: RESULTS.sizes.slice(0, 2), imports: RESULTS.imports })
  const goal = (name: string) => goals.find((candidate) => candidate.name === name)

  it.each([
    [
      'REST list ÷ baseline in every round, cached, N=1,000, SQLite',
      { target: '≥ 0.9×', value: '1.11× (slowest round)', isMet: true },
    ],
    [
      'RSS feed ÷ baseline in every round, cached, N=1,000, SQLite',
      { target: '≥ 0.9×', value: '0.65× (slowest round)', isMet: false },
    ],
    [
      'REST list ÷ baseline, uncached, N=1,000, SQLite',
      { target: '≥ 0.5×', value: '0.22×', isMet: false },
    ],
    [
      'REST by slug ÷ baseline, uncached, N=1,000, SQLite',
      { target: '≥ 0.35×', value: '0.21×', isMet: false },
    ],
    [
      'GraphQL by slug ÷ baseline, uncached, N=1,000, SQLite',
      { target: '≥ 0.3×', value: '0.17×', isMet: false },
    ],
    [
      'REST list p99 at 200 req/s, uncached, N=1,000, SQLite',
      { target: '≤ 50 ms', value: '24.5 ms', isMet: true },
    ],
    [
      'RSS feed p99 at 200 req/s, uncached, N=1,000, SQLite',
      { target: '≤ 50 ms', value: '44.5 ms', isMet: true },
    ],
    [
      'GraphQL by slug ÷ REST by slug, uncached, N=1,000, SQLite',
      { target: '≥ 0.7×', value: '0.71×', isMet: true },
    ],
    ['Cold start to first 200, SQLite', { target: '≤ 5,000 ms', value: '2,346 ms', isMet: true }],
    ['Idle memory (RSS), SQLite', { target: '≤ 350 MB', value: '182 MB', isMet: true }],
    [
      'Import through the importer, SQLite',
      { target: '≥ 500 docs/s', value: '136 docs/s', isMet: false },
    ],
  ])('should hold %s', (name, expected) => {
    expect(goal(name)).toEqual({ name, ...expected })
  })

  it('should hold every target to its uncached ratio and p99, and to its cached slowest round', () => {
    expect(goals.filter((candidate) => candidate.name.includes(', uncached,'))).toHaveLength(
      TARGETS.length * 2 + 2,
    )
    expect(goals.filter((candidate) => candidate.name.includes(', cached,'))).toHaveLength(
      TARGETS.length,
    )
  })

  it('should hold the cached CMS to no latency goal', () => {
    expect(goals.filter((candidate) => /p99.*, cached,/.test(candidate.name))).toEqual([])
  })

  it('should list a target the CMS did not answer as an unmet goal', () => {
    const unanswered = goalsOf({ sizes: [BOTH.sizes[3]], imports: [] })

    expect(unanswered).toContainEqual({
      name: 'Every target answered, uncached, N=1,000, PostgreSQL',
      target: 'all',
      value: 'not: search',
      isMet: false,
    })
  })
})

describe('renderLatencyChart', () => {
  it('should draw a CMS p50, a CMS p99 and a baseline p99 line per target and cache mode', async () => {
    const svg = await renderLatencyChart(RESULTS)

    expect(svg.startsWith('<svg')).toBe(true)
    expect(svg).toContain(TITLE)
    expect(countLines(svg)).toBe(TARGETS.length * 3 * 2)
  })

  it.each(['SQLite · CMS cached', 'SQLite · CMS uncached'])(
    'should head a panel %s',
    async (panel) => {
      const svg = await renderLatencyChart(RESULTS)

      expect(svg).toContain(`>${panel}</text>`)
    },
  )

  it('should draw one panel per database and cache mode', async () => {
    const svg = await renderLatencyChart(BOTH)

    expect(svg).toContain('>PostgreSQL · CMS uncached</text>')
    expect(countLines(svg)).toBe(TARGETS.length * 3 * 2 + (TARGETS.length - 1) * 3 * 2)
  })

  it('should draw a chart for a single size in a single mode', async () => {
    const svg = await renderLatencyChart({ ...RESULTS, sizes: [RESULTS.sizes[0]] })

    expect(svg.startsWith('<svg')).toBe(true)
    expect(svg).toContain(TITLE)
    expect(countLines(svg)).toBe(TARGETS.length * 3)
  })
})

describe('writeReport', () => {
  const dirs: string[] = []
  const tempDir = async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-report-'))
    dirs.push(dir)
    return dir
  }

  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })))
  })

  it('should write the JSON, the Markdown and the chart it links', async () => {
    const dir = await tempDir()

    const paths = await writeReport({ results: RESULTS, dir })

    expect(paths).toEqual({
      json: path.join(dir, '2025-06-01-sqlite.json'),
      markdown: path.join(dir, '2025-06-01-sqlite.md'),
      chart: path.join(dir, '2025-06-01-sqlite-latency.svg'),
    })
    expect(JSON.parse(await fs.readFile(paths.json, 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(RESULTS)),
    )
    expect(await fs.readFile(paths.markdown, 'utf8')).toContain(
      '![Latency against N](2025-06-01-sqlite-latency.svg)',
    )
    expect(await fs.readFile(paths.chart, 'utf8')).toMatch(/^<svg/)
  })

  it('should say in the JSON which cache mode each size was measured in', async () => {
    const dir = await tempDir()

    const paths = await writeReport({ results: RESULTS, dir })

    const written = JSON.parse(await fs.readFile(paths.json, 'utf8')) as BenchResults
    expect(written.sizes.map((result) => result.cache)).toEqual(['on', 'off', 'on', 'off'])
  })

  it('should replace the colons of a date with a time', async () => {
    const dir = await tempDir()

    const paths = await writeReport({ results: { ...RESULTS, date: '2025-06-01T10:30' }, dir })

    expect(await fs.readdir(dir)).toEqual(
      [
        '2025-06-01T10-30-sqlite-latency.svg',
        '2025-06-01T10-30-sqlite.json',
        '2025-06-01T10-30-sqlite.md',
      ].sort(),
    )
    expect(await fs.readFile(paths.markdown, 'utf8')).toContain(
      '(2025-06-01T10-30-sqlite-latency.svg)',
    )
  })

  it('should name the files after every database measured', async () => {
    const dir = await tempDir()

    const paths = await writeReport({ results: BOTH, dir })

    expect(path.basename(paths.markdown)).toBe('2025-06-01-sqlite-postgres.md')
  })
})
