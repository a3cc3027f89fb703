/**
 * Renders bench results (see results.ts) as a Markdown report and an SVG latency chart, and
 * writes both next to the raw JSON. Every table says which database it is for. Pure except for
 * `writeReport`.
 */
import fs from 'node:fs/promises'
import path from 'node:path'

import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'

import {
  DATABASE_LABELS,
  TARGET_LABELS,
  TARGETS,
  type BenchDatabase,
  type BenchResults,
  type DatabaseComparison,
  type ImportResult,
  type SizeResult,
  type Target,
} from './results.ts'

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

/** JSON turns NaN into null, so a failed measurement may arrive as anything but a number. */
const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value)

const formatInteger = (value: number): string => (isNumber(value) ? integer.format(value) : '–')
const formatRatio = (value: number): string => (isNumber(value) ? value.toFixed(2) : '–')
const formatMs = (value: number): string => (isNumber(value) ? value.toFixed(1) : '–')

/** Keeps a `|` in a goal name or machine model from splitting a table cell. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

/**
 * A Markdown table; with `isNumeric`, every column after the first `textColumns` is
 * right-aligned.
 */
const table = ({
  head,
  rows,
  isNumeric = false,
  textColumns = 1,
}: {
  head: string[]
  rows: string[][]
  isNumeric?: boolean
  textColumns?: number
}): string =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, index) => (isNumeric && index >= textColumns ? ' ---: ' : ' --- ')).join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n')

/**
 * The report's file name without extension: the date (a time part keeps its digits, ':' becomes
 * '-') and the databases measured, e.g. `2026-12-03-postgres` or `2026-12-03-sqlite-postgres`.
 */
const fileStem = ({ date, databases }: BenchResults): string =>
  [date.replace(/:/g, '-'), ...databases.map((database) => database.kind)].join('-')

const chartFileName = (results: BenchResults): string => `${fileStem(results)}-latency.svg`

const databaseLabel = (kind: BenchDatabase): string => DATABASE_LABELS[kind]

const databaseNames = ({ databases }: BenchResults): string =>
  databases.map((database) => databaseLabel(database.kind)).join(' and ')

const presentTargets = <T>(record: Partial<Record<Target, T>>): [Target, T][] =>
  TARGETS.flatMap((target) => {
    const value = record[target]
    return value === undefined ? [] : [[target, value] as [Target, T]]
  })

const hasLatency = (results: BenchResults): boolean =>
  results.sizes.some((size) => presentTargets(size.latency).length > 0)

const headerSection = (results: BenchResults): string => {
  const { date, commit, machine } = results
  return [
    `# Benchmark ${date}: ${databaseNames(results)}`,
    '',
    [
      date,
      `commit \`${commit}\``,
      `${machine.cpus} × ${machine.cpuModel}`,
      `Node ${machine.node}`,
      machine.platform,
    ].join(' · '),
  ].join('\n')
}

const databasesSection = ({ databases }: BenchResults): string =>
  [
    '## Databases',
    '',
    ...databases.map(
      (database) =>
        `- **${databaseLabel(database.kind)} ${database.version}**: ${database.setup.trim()}`,
    ),
  ].join('\n')

const settingsSection = ({ settings }: BenchResults): string =>
  `Settings: ${settings.rounds} rounds × ${settings.roundSeconds} s, ` +
  `${settings.connections} connections; latency at ${formatInteger(settings.latencyRate)} req/s ` +
  `for ${settings.latencySeconds} s; CMS pinned to core ${settings.cmsCore}, ` +
  `load generator to core ${settings.loadCore}.` +
  (settings.responseCache === undefined
    ? ''
    : ` CMS response cache: ${settings.responseCache ? 'on (the default)' : 'off'}.`)

const goalsSection = ({ goals }: BenchResults): string | undefined =>
  goals.length === 0
    ? undefined
    : [
        '## Goals',
        '',
        table({
          head: ['Goal', 'Target', 'Measured', 'Met'],
          rows: goals.map((goal) => [
            goal.name,
            goal.target,
            goal.value,
            goal.isMet ? 'yes' : '**no**',
          ]),
        }),
      ].join('\n')

const throughputTable = (size: SizeResult): string[] => {
  const entries = presentTargets(size.throughput)
  if (entries.length === 0) return []
  const lines = [
    '',
    table({
      head: [
        'Target',
        'CMS req/s (median)',
        'Baseline req/s (median)',
        'Median ratio',
        'Ratios per round',
        'Errors',
      ],
      isNumeric: true,
      rows: entries.map(([target, result]) => [
        TARGET_LABELS[target],
        formatInteger(result.cmsMedianRps),
        formatInteger(result.baselineMedianRps),
        formatRatio(result.medianRatio),
        result.ratios.map(formatRatio).join(' '),
        formatInteger(result.errors),
      ]),
    }),
  ]
  const list = size.graphqlOverRest?.list
  const bySlug = size.graphqlOverRest?.bySlug
  if (isNumber(list) && isNumber(bySlug)) {
    lines.push(
      '',
      `GraphQL over REST (CMS req/s, median of paired rounds): list ${formatRatio(list)}, ` +
        `by slug ${formatRatio(bySlug)}.`,
    )
  }
  return lines
}

/** The targets a database could not be measured on, with the CMS's answer. */
const unmeasuredLines = (size: SizeResult): string[] => {
  const entries = presentTargets(size.unmeasured ?? {})
  if (entries.length === 0) return []
  return [
    '',
    `Not measured on ${databaseLabel(size.database)}:`,
    '',
    ...entries.map(([target, reason]) => `- ${TARGET_LABELS[target]}: ${cell(reason)}`),
  ]
}

/** One size on one database: its table, and what could not be measured there. */
const throughputForSize = (size: SizeResult): string | undefined => {
  const lines = [...throughputTable(size), ...unmeasuredLines(size)]
  if (lines.length === 0) return undefined
  return [
    `### ${formatInteger(size.posts)} posts on ${databaseLabel(size.database)}`,
    ...lines,
  ].join('\n')
}

const throughputSection = ({ sizes }: BenchResults): string | undefined => {
  const parts = sizes.flatMap((size) => throughputForSize(size) ?? [])
  return parts.length === 0 ? undefined : ['## Throughput', ...parts].join('\n\n')
}

/** The same target's req/s on PostgreSQL over SQLite, from the same rounds. */
const comparisonSection = ({ comparisons = [] }: BenchResults): string | undefined => {
  const rows = TARGETS.flatMap((target) =>
    comparisons.flatMap((comparison: DatabaseComparison) => {
      const result = comparison.throughput[target]
      if (result === undefined) return []
      return [
        [
          TARGET_LABELS[target],
          formatInteger(comparison.posts),
          formatRatio(result.cmsMedianRatio),
          result.cmsRatios.map(formatRatio).join(' '),
          formatRatio(result.baselineMedianRatio),
        ],
      ]
    }),
  )
  return rows.length === 0
    ? undefined
    : [
        '## PostgreSQL ÷ SQLite',
        '',
        'Req/s on PostgreSQL over req/s on SQLite, from the same rounds (all four servers took ' +
          'turns, round by round); above 1, PostgreSQL is faster.',
        '',
        table({
          head: ['Target', 'N', 'CMS (median)', 'CMS per round', 'Baseline (median)'],
          isNumeric: true,
          rows,
        }),
      ].join('\n')
}

const latencySection = (results: BenchResults): string | undefined => {
  if (!hasLatency(results)) return undefined
  const rows = TARGETS.flatMap((target) =>
    results.sizes.flatMap((size) => {
      const result = size.latency[target]
      if (result === undefined) return []
      return [
        [
          TARGET_LABELS[target],
          databaseLabel(size.database),
          formatInteger(size.posts),
          formatInteger(result.rate),
          formatMs(result.cms.p50),
          formatMs(result.cms.p99),
          formatMs(result.baseline.p50),
          formatMs(result.baseline.p99),
        ],
      ]
    }),
  )
  return [
    `## Latency at ${formatInteger(results.settings.latencyRate)} req/s`,
    '',
    `![Latency against N](${chartFileName(results)})`,
    '',
    table({
      head: [
        'Target',
        'Database',
        'N',
        'Rate (req/s)',
        'CMS p50 (ms)',
        'CMS p99 (ms)',
        'Baseline p50 (ms)',
        'Baseline p99 (ms)',
      ],
      isNumeric: true,
      textColumns: 2,
      rows,
    }),
  ].join('\n')
}

const resourcesSection = ({ sizes }: BenchResults): string | undefined => {
  const rows = sizes.flatMap((size) => {
    const values = [size.memory?.idleMb, size.memory?.underLoadMb, size.coldStartMs]
    if (!values.some(isNumber)) return []
    return [[databaseLabel(size.database), formatInteger(size.posts), ...values.map(formatInteger)]]
  })
  return rows.length === 0
    ? undefined
    : [
        '## Memory and cold start',
        '',
        'RSS of the CMS process (a PostgreSQL server uses memory of its own besides).',
        '',
        table({
          head: ['Database', 'Posts', 'Idle RSS (MB)', 'RSS under load (MB)', 'Cold start (ms)'],
          isNumeric: true,
          rows,
        }),
      ].join('\n')
}

const importSection = (imports: ImportResult[]): string | undefined =>
  imports.length === 0 ? undefined : ['## Import', ...imports.map(importPart)].join('\n\n')

const importPart = (imported: ImportResult): string =>
  [
    `### On ${databaseLabel(imported.database)}`,
    '',
    `${formatInteger(imported.posts)} posts, ${formatInteger(imported.documents)} documents.`,
    '',
    table({
      head: ['Path', 'Documents/s', 'Seconds'],
      isNumeric: true,
      rows: [
        [
          'Importer',
          formatInteger(imported.importer.documentsPerSecond),
          formatMs(imported.importer.seconds),
        ],
        [
          `Raw insert (${formatInteger(imported.rawInsert.rows)} rows)`,
          formatInteger(imported.rawInsert.documentsPerSecond),
          formatMs(imported.rawInsert.seconds),
        ],
      ],
    }),
    '',
    `Importer over raw insert: ${formatRatio(imported.ratio)}.`,
  ].join('\n')

/** The whole report as Markdown; a section whose data is missing is left out. */
export function renderMarkdown(results: BenchResults): string {
  const sections = [
    headerSection(results),
    databasesSection(results),
    settingsSection(results),
    goalsSection(results),
    throughputSection(results),
    comparisonSection(results),
    latencySection(results),
    resourcesSection(results),
    importSection(results.imports),
  ]
  return `${sections.filter((section) => section !== undefined).join('\n\n')}\n`
}

/** The first six of Vega's `category10`. */
const TARGET_COLOURS: Record<Target, string> = {
  restList: '#1f77b4',
  restBySlug: '#ff7f0e',
  graphqlList: '#2ca02c',
  graphqlBySlug: '#d62728',
  search: '#9467bd',
  feed: '#8c564b',
}

type LatencyPoint = {
  posts: number
  database: string
  target: string
  percentile: 'p50' | 'p99'
  server: 'cms' | 'baseline'
  ms: number
}

const latencyPoints = ({ sizes }: BenchResults): LatencyPoint[] =>
  sizes.flatMap((size) =>
    presentTargets(size.latency).flatMap(([target, result]) => {
      const base = {
        posts: size.posts,
        database: databaseLabel(size.database),
        target: TARGET_LABELS[target],
      }
      const points: LatencyPoint[] = [
        { ...base, server: 'cms', percentile: 'p50', ms: result.cms.p50 },
        { ...base, server: 'cms', percentile: 'p99', ms: result.cms.p99 },
        { ...base, server: 'baseline', percentile: 'p99', ms: result.baseline.p99 },
      ]
      return points.filter((point) => isNumber(point.ms))
    }),
  )

/**
 * Latency against dataset size as an SVG string: CMS p50 dashed and p99 solid, one colour per
 * target, baseline p99 as thin grey lines. Rendered by Vega without a canvas.
 */
export async function renderLatencyChart(results: BenchResults): Promise<string> {
  const points = latencyPoints(results)
  const sizes = [...new Set(points.map((point) => point.posts))].sort((a, b) => a - b)
  const ticks = sizes.length > 0 ? sizes : [1]
  // Padding the log domain keeps end points off the frame and a single size from collapsing it.
  const domain = [ticks[0] / 1.5, ticks[ticks.length - 1] * 1.5]
  // Each target keeps its colour from report to report, whichever targets were measured.
  const measured = TARGETS.filter((target) =>
    points.some((point) => point.target === TARGET_LABELS[target]),
  )
  const x = {
    field: 'posts',
    type: 'quantitative',
    title: 'Posts (log scale)',
    scale: { type: 'log', domain, nice: false },
    axis: { values: ticks, format: ',d' },
  } as const
  const y = { field: 'ms', type: 'quantitative', title: 'Latency (ms)' } as const
  const databases = results.databases.map((database) => databaseLabel(database.kind))
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Latency at ${formatInteger(results.settings.latencyRate)} req/s against dataset size`,
      subtitle: 'CMS p50 dashed, p99 solid; thin grey lines: baseline p99; one panel per database',
    },
    background: 'white',
    data: { values: points },
    // One panel per database, each headed with its name.
    facet: {
      column: { field: 'database', type: 'nominal', title: null, sort: databases },
    },
    spec: {
      width: databases.length > 1 ? 420 : 560,
      height: 340,
      layer: [
        {
          transform: [{ filter: "datum.server === 'baseline'" }],
          mark: {
            type: 'line',
            point: { size: 12, color: '#9e9e9e' },
            color: '#9e9e9e',
            strokeWidth: 1,
          },
          encoding: { x, y, detail: { field: 'target', type: 'nominal' } },
        },
        {
          transform: [{ filter: "datum.server === 'cms'" }],
          mark: { type: 'line', point: true, strokeWidth: 2 },
          encoding: {
            x,
            y,
            color: {
              field: 'target',
              type: 'nominal',
              title: 'Target',
              scale: {
                domain: measured.map((target) => TARGET_LABELS[target]),
                range: measured.map((target) => TARGET_COLOURS[target]),
              },
              legend: { labelLimit: 0 },
            },
            strokeDash: {
              field: 'percentile',
              type: 'nominal',
              title: 'CMS percentile',
              scale: {
                domain: ['p50', 'p99'],
                range: [
                  [6, 4],
                  [1, 0],
                ],
              },
              legend: {
                symbolType: 'stroke',
                symbolStrokeWidth: 2,
                symbolSize: 400,
                // Vega-Lite leaves the stroke unset here, which would draw nothing.
                encoding: { symbols: { stroke: { value: '#444' } } },
              },
            },
          },
        },
      ],
    },
  }
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' })
  try {
    return await view.toSVG()
  } finally {
    view.finalize()
  }
}

/**
 * Writes `<dir>/<stem>.json`, `<dir>/<stem>.md` and `<dir>/<stem>-latency.svg`, the stem being
 * the date and the databases (`2026-12-03-postgres`; the Markdown links the chart by that
 * relative name), and returns their paths.
 */
export async function writeReport({
  results,
  dir,
}: {
  results: BenchResults
  dir: string
}): Promise<{ json: string; markdown: string; chart: string }> {
  const stem = fileStem(results)
  const paths = {
    json: path.join(dir, `${stem}.json`),
    markdown: path.join(dir, `${stem}.md`),
    chart: path.join(dir, chartFileName(results)),
  }
  const svg = await renderLatencyChart(results)
  await fs.mkdir(dir, { recursive: true })
  await Promise.all([
    fs.writeFile(paths.json, `${JSON.stringify(results, null, 2)}\n`),
    fs.writeFile(paths.markdown, renderMarkdown(results)),
    fs.writeFile(paths.chart, svg),
  ])
  return paths
}
