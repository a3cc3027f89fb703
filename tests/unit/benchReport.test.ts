import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { renderLatencyChart, renderMarkdown, writeReport } from '../../bench/lib/report.ts'
import {
  TARGET_LABELS,
  TARGETS,
  type BenchDatabase,
  type BenchResults,
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

const latency = ({ p50, p99 }: { p50: number; p99: number }): LatencyResult => ({
  rate: 200,
  seconds: 30,
  cms: { p50, p99, max: p99 * 3, errors: 0 },
  baseline: { p50: p50 / 4, p99: p99 / 4, max: p99, errors: 0 },
})

const size = ({
  posts,
  slowdown,
  database = 'sqlite',
}: {
  posts: number
  slowdown: number
  database?: BenchDatabase
}): SizeResult => ({
  posts,
  database,
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
      latency({ p50: (3.14159 + index) * slowdown, p99: (12.25 + index * 2) * slowdown }),
    ]),
  ),
  graphqlOverRest: { list: 0.8567, bySlug: 0.9123 },
  memory: { idleMb: 182.4, underLoadMb: 301.7 },
  coldStartMs: 2345.6,
})

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
    cmsCore: 1,
    loadCore: 0,
  },
  databases: [{ kind: 'sqlite', version: '3.45.1', setup: 'a file in the temp folder.' }],
  sizes: [size({ posts: 1000, slowdown: 1 }), size({ posts: 100_000, slowdown: 2 })],
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

/** One size, no latency, no import, no goals. */
const SPARSE: BenchResults = {
  ...RESULTS,
  sizes: [{ ...RESULTS.sizes[0], latency: {} }],
  imports: [],
  goals: [],
}

/** Both databases, compared; search could not be measured on PostgreSQL. */
const BOTH: BenchResults = {
  ...RESULTS,
  databases: [
    RESULTS.databases[0],
    { kind: 'postgres', version: '18.4', setup: 'a throwaway server.' },
  ],
  sizes: [
    size({ posts: 1000, slowdown: 1 }),
    (() => {
      const { search: _search, ...throughput } = size({ posts: 1000, slowdown: 2 }).throughput
      const { search: _latency, ...latency } = size({ posts: 1000, slowdown: 2 }).latency
      return {
        ...size({ posts: 1000, slowdown: 2, database: 'postgres' }),
        throughput,
        latency,
        unmeasured: { search: 'the CMS answered GET /api/search?q=a with 500: {"errors":[]}' },
      }
    })(),
  ],
  comparisons: [
    {
      posts: 1000,
      throughput: {
        restList: { cmsRatios: [0.5, 0.52, 0.47], cmsMedianRatio: 0.5, baselineMedianRatio: 0.8 },
      },
    },
  ],
  imports: [RESULTS.imports[0], { ...RESULTS.imports[0], database: 'postgres' }],
}

const countLines = (svg: string) => svg.split('aria-roledescription="line mark"').length - 1

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(RESULTS)

  it.each(TARGETS.map((target) => TARGET_LABELS[target]))('should name the target %s', (label) => {
    expect(markdown).toContain(`| ${label} |`)
  })

  it.each([
    ['an unmet goal', '| REST list at 1,000 posts | ≥ 0.50 of baseline | 0.46 | **no** |'],
    ['a met goal', '| p99 at 100,000 posts | ≤ 100 ms | 44.5 ms | yes |'],
  ])('should show %s', (_, row) => {
    expect(markdown).toContain(row)
  })

  it.each([
    ['the title with the database', '# Benchmark 2025-06-01: SQLite'],
    ['the header', '2025-06-01 · commit `0123456789ab` · 2 × AMD EPYC 7B13 · Node v20.19.0'],
    ['the database and its setup', '- **SQLite 3.45.1**: a file in the temp folder.'],
    ['the settings', '3 rounds × 10 s, 50 connections; latency at 200 req/s for 30 s'],
    ['each size and its database', '### 100,000 posts on SQLite'],
    [
      'req/s as integers, ratios with 2 decimals',
      '| REST list (10 newest, author + sources) | 1,235 | 2,700 | 0.45 | 0.44 0.47 0.45 | 0 |',
    ],
    ['the GraphQL/REST ratios', 'list 0.86, by slug 0.91'],
    [
      'latency in ms with 1 decimal',
      '| Search | SQLite | 100,000 | 200 | 14.3 | 40.5 | 3.6 | 10.1 |',
    ],
    ['memory and cold start', '| SQLite | 1,000 | 182 | 302 | 2,346 |'],
    ['the import database', '### On SQLite'],
    ['the importer', '| Importer | 136 | 41.3 |'],
    ['the raw insert', '| Raw insert (31,000 rows) | 3,060 | 1.8 |'],
    ['the import ratio', 'Importer over raw insert: 0.04.'],
    ['the chart', '![Latency against N](2025-06-01-sqlite-latency.svg)'],
  ])('should show %s', (_, text) => {
    expect(markdown).toContain(text)
  })

  it.each([
    '## Goals',
    '## Latency',
    '![Latency against N]',
    '## Import',
    '### 100,000 posts',
    '## PostgreSQL ÷ SQLite',
    'Not measured',
  ])('should leave out %s when its data is missing', (text) => {
    expect(renderMarkdown(SPARSE)).not.toContain(text)
  })

  it('should keep the sections whose data is present', () => {
    const markdown = renderMarkdown(SPARSE)

    expect(markdown).toContain('### 1,000 posts')
    expect(markdown).toContain('## Memory and cold start')
  })
})

describe('renderMarkdown with both databases', () => {
  const markdown = renderMarkdown(BOTH)

  it.each([
    ['the title with both databases', '# Benchmark 2025-06-01: SQLite and PostgreSQL'],
    ['the SQLite table', '### 1,000 posts on SQLite'],
    ['the PostgreSQL table', '### 1,000 posts on PostgreSQL'],
    [
      'the comparison',
      '| REST list (10 newest, author + sources) | 1,000 | 0.50 | 0.50 0.52 0.47 | 0.80 |',
    ],
    ['latency per database', '| REST list (10 newest, author + sources) | PostgreSQL | 1,000 |'],
    ['each import', '### On PostgreSQL'],
    [
      'why a target was not measured',
      '- Search: the CMS answered GET /api/search?q=a with 500: {"errors":[]}',
    ],
  ])('should show %s', (_, text) => {
    expect(markdown).toContain(text)
  })

  it('should leave the unmeasured target out of the PostgreSQL table', () => {
    const postgresPart = markdown.slice(
      markdown.indexOf('### 1,000 posts on PostgreSQL'),
      markdown.indexOf('Not measured on PostgreSQL'),
    )

    expect(postgresPart).not.toContain('| Search |')
  })
})

describe('renderLatencyChart', () => {
  it('should draw a CMS p50, a CMS p99 and a baseline p99 line per target', async () => {
    const svg = await renderLatencyChart(RESULTS)

    expect(svg.startsWith('<svg')).toBe(true)
    expect(svg).toContain(TITLE)
    expect(countLines(svg)).toBe(TARGETS.length * 3)
  })

  it('should draw one panel per database', async () => {
    const svg = await renderLatencyChart(BOTH)

    expect(svg).toContain('>PostgreSQL</text>')
    expect(countLines(svg)).toBe(TARGETS.length * 3 + (TARGETS.length - 1) * 3)
  })

  it('should draw a chart for a single size', async () => {
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
