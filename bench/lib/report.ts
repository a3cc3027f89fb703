/**
 * Renders bench results (see results.ts) as a Markdown report and an SVG latency chart, and
 * writes both next to the raw JSON. Every table says which database it is for, and shows the
 * CMS with its response cache on and off side by side. Pure except for `writeReport`.
 */
import fs from 'node:fs/promises'
import path from 'node:path'

import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'

import {
  CACHE_LABELS,
  CACHE_MODES,
  DATABASE_LABELS,
  TARGET_LABELS,
  TARGETS,
  type BenchDatabase,
  type BenchResults,
  type CacheMode,
  type DatabaseComparison,
  type ImportResult,
  type LatencyResult,
  type SizeResult,
  type Target,
  type ThroughputResult,
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

/** What "cached" and "uncached" mean, for the modes measured. */
const CACHE_NOTES: Record<CacheMode, string> = {
  on: 'cached: the CMS as it runs by default, with its response cache',
  off: 'uncached: the same CMS started with API_CACHE_SECONDS=0',
}

const cacheSentence = (modes: CacheMode[]): string =>
  `CMS ${modes.map((mode) => CACHE_NOTES[mode]).join('; ')}` +
  (modes.length > 1
    ? '; a CMS server for each, on the same database, in the same rounds against the same ' +
      'baseline server.'
    : '.')

const settingsSection = ({ settings }: BenchResults): string =>
  `Settings: ${settings.rounds} rounds × ${settings.roundSeconds} s, ` +
  `${settings.connections} connections; latency at ${formatInteger(settings.latencyRate)} req/s ` +
  `for ${settings.latencySeconds} s; CMS pinned to core ${settings.cmsCore}, ` +
  `load generator to core ${settings.loadCore}; CMS response cache ` +
  `${settings.cacheModes.map((mode) => (mode === 'on' ? 'on' : 'off (API_CACHE_SECONDS=0)')).join(' and ')}.`

const goalsSection = ({ goals }: BenchResults): string | undefined =>
  goals.length === 0
    ? undefined
    : [
        '## Goals',
        '',
        `${goals.filter((goal) => goal.isMet).length} of ${goals.length} met. Cached goals hold ` +
          'every round; uncached goals hold the median of the rounds and p99 at the fixed rate.',
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

/** The results of one size on one database, by cache mode (measured in the same rounds). */
type SizeGroup = {
  posts: number
  database: BenchDatabase
  byMode: Partial<Record<CacheMode, SizeResult>>
  /** The modes present, cached first. */
  modes: CacheMode[]
}

/** Sizes grouped by dataset size and database, in the order they were measured. */
const groupSizes = (sizes: SizeResult[]): SizeGroup[] => {
  const groups: SizeGroup[] = []
  for (const size of sizes) {
    let group = groups.find(
      (candidate) => candidate.posts === size.posts && candidate.database === size.database,
    )
    if (group === undefined) {
      group = { posts: size.posts, database: size.database, byMode: {}, modes: [] }
      groups.push(group)
    }
    group.byMode[size.cache] = size
    group.modes = CACHE_MODES.filter((mode) => group.byMode[mode] !== undefined)
  }
  return groups
}

/** The median ratio, with the lowest and highest round in brackets. */
const formatRatios = (result: ThroughputResult | undefined): string => {
  if (result === undefined) return '–'
  const ratios = result.ratios.filter(isNumber)
  if (ratios.length < 2) return formatRatio(result.medianRatio)
  return (
    `${formatRatio(result.medianRatio)} ` +
    `(${formatRatio(Math.min(...ratios))}–${formatRatio(Math.max(...ratios))})`
  )
}

const formatLatency = (result: LatencyResult['cms'] | undefined): string => {
  if (result === undefined) return '–'
  const measured = `${formatMs(result.p50)} / ${formatMs(result.p99)}`
  // The server fell behind the rate: what was answered is a lower bound (bench/lib/load.ts).
  return result.unsent
    ? `≥ ${measured}, fell behind (${formatInteger(result.unsent)} not sent)`
    : measured
}

/** The targets measured in any mode of the group, in the usual order. */
const groupTargets = (group: SizeGroup): Target[] =>
  TARGETS.filter((target) =>
    group.modes.some((mode) => {
      const size = group.byMode[mode]
      return size?.throughput[target] !== undefined || size?.latency[target] !== undefined
    }),
  )

/** The baseline's result for `target`: the modes share one baseline server and its runs. */
const baselineOf = <T>(
  group: SizeGroup,
  pick: (size: SizeResult) => T | undefined,
): T | undefined =>
  group.modes
    .map((mode) => pick(group.byMode[mode] as SizeResult))
    .find((value) => value !== undefined)

/** Per target: CMS ÷ baseline and latency, cached and uncached side by side. */
const comparisonTable = (group: SizeGroup): string[] => {
  const rows = groupTargets(group)
  if (rows.length === 0) return []
  const { modes } = group
  const of = (mode: CacheMode) => group.byMode[mode] as SizeResult
  const hasLatency = modes.some((mode) => presentTargets(of(mode).latency).length > 0)
  return [
    '',
    table({
      head: [
        'Target',
        ...modes.map((mode) => `Ratio ${CACHE_LABELS[mode]}`),
        ...(hasLatency
          ? [
              ...modes.map((mode) => `p50 / p99 ${CACHE_LABELS[mode]} (ms)`),
              'Baseline p50 / p99 (ms)',
            ]
          : []),
      ],
      isNumeric: true,
      rows: rows.map((target) => [
        TARGET_LABELS[target],
        ...modes.map((mode) => formatRatios(of(mode).throughput[target])),
        ...(hasLatency
          ? [
              ...modes.map((mode) => formatLatency(of(mode).latency[target]?.cms)),
              formatLatency(baselineOf(group, (size) => size.latency[target]?.baseline)),
            ]
          : []),
      ]),
    }),
  ]
}

/** Per target: the median req/s of each server, and the errors seen while measuring. */
const requestsTable = (group: SizeGroup): string[] => {
  const { modes } = group
  const rows = TARGETS.filter((target) =>
    modes.some((mode) => group.byMode[mode]?.throughput[target] !== undefined),
  )
  if (rows.length === 0) return []
  const throughputOf = (mode: CacheMode, target: Target) => group.byMode[mode]?.throughput[target]
  return [
    '',
    table({
      head: [
        'Target',
        ...modes.map((mode) => `CMS ${CACHE_LABELS[mode]} req/s`),
        'Baseline req/s',
        `Errors (${modes.map((mode) => CACHE_LABELS[mode]).join(' / ')})`,
      ],
      isNumeric: true,
      rows: rows.map((target) => [
        TARGET_LABELS[target],
        ...modes.map((mode) =>
          formatInteger(throughputOf(mode, target)?.cmsMedianRps ?? Number.NaN),
        ),
        formatInteger(
          baselineOf(group, (size) => size.throughput[target]?.baselineMedianRps) ?? NaN,
        ),
        modes
          .map((mode) => formatInteger(throughputOf(mode, target)?.errors ?? Number.NaN))
          .join(' / '),
      ]),
    }),
  ]
}

/** GraphQL over REST of the CMS, in each mode. */
const graphqlLine = (group: SizeGroup): string[] => {
  const parts = group.modes.flatMap((mode) => {
    const { list, bySlug } = (group.byMode[mode] as SizeResult).graphqlOverRest
    if (!isNumber(list) || !isNumber(bySlug)) return []
    return [`${CACHE_LABELS[mode]} list ${formatRatio(list)}, by slug ${formatRatio(bySlug)}`]
  })
  if (parts.length === 0) return []
  return ['', `GraphQL over REST (CMS req/s, median of paired rounds): ${parts.join('; ')}.`]
}

/** The targets a CMS could not be measured on, with its answer. */
const unmeasuredLines = (size: SizeResult): string[] => {
  const entries = presentTargets(size.unmeasured ?? {})
  if (entries.length === 0) return []
  return [
    '',
    `Not measured on ${databaseLabel(size.database)}, ${CACHE_LABELS[size.cache]}:`,
    '',
    ...entries.map(([target, reason]) => `- ${TARGET_LABELS[target]}: ${cell(reason)}`),
  ]
}

/** One size on one database: its tables, and what could not be measured there. */
const sizePart = (group: SizeGroup): string | undefined => {
  const lines = [
    ...comparisonTable(group),
    ...requestsTable(group),
    ...graphqlLine(group),
    ...group.modes.flatMap((mode) => unmeasuredLines(group.byMode[mode] as SizeResult)),
  ]
  if (lines.length === 0) return undefined
  return [
    `### ${formatInteger(group.posts)} posts on ${databaseLabel(group.database)}`,
    ...lines,
  ].join('\n')
}

const sizesSection = (results: BenchResults): string | undefined => {
  const { sizes, settings } = results
  const parts = groupSizes(sizes).flatMap((group) => sizePart(group) ?? [])
  const latency = hasLatency(results)
    ? `; p50 / p99: latency at ${formatInteger(settings.latencyRate)} req/s`
    : ''
  return parts.length === 0
    ? undefined
    : [
        '## CMS ÷ baseline',
        'Ratio: CMS req/s ÷ baseline req/s, the median of the rounds (in brackets the lowest and ' +
          `the highest round)${latency}. ${cacheSentence(settings.cacheModes)}`,
        ...parts,
      ].join('\n\n')
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
          CACHE_LABELS[comparison.cache],
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
        'Req/s on PostgreSQL over req/s on SQLite, from the same rounds (the servers on both ' +
          'databases took turns, round by round); above 1, PostgreSQL is faster.',
        '',
        table({
          head: ['Target', 'CMS', 'N', 'CMS (median)', 'CMS per round', 'Baseline (median)'],
          isNumeric: true,
          textColumns: 2,
          rows,
        }),
      ].join('\n')
}

const latencySection = (results: BenchResults): string | undefined =>
  hasLatency(results)
    ? [
        `## Latency at ${formatInteger(results.settings.latencyRate)} req/s`,
        '',
        'p50 and p99 of each target are in the tables above; against dataset size:',
        '',
        `![Latency against N](${chartFileName(results)})`,
      ].join('\n')
    : undefined

const resourcesSection = ({ sizes }: BenchResults): string | undefined => {
  const rows = sizes.flatMap((size) => {
    const values = [size.memory?.idleMb, size.memory?.underLoadMb, size.coldStartMs]
    if (!values.some(isNumber)) return []
    return [
      [
        databaseLabel(size.database),
        CACHE_LABELS[size.cache],
        formatInteger(size.posts),
        ...values.map(formatInteger),
      ],
    ]
  })
  return rows.length === 0
    ? undefined
    : [
        '## Memory and cold start',
        '',
        'RSS of the CMS process (a PostgreSQL server uses memory of its own besides).',
        '',
        table({
          head: [
            'Database',
            'CMS',
            'Posts',
            'Idle RSS (MB)',
            'RSS under load (MB)',
            'Cold start (ms)',
          ],
          isNumeric: true,
          textColumns: 2,
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
    sizesSection(results),
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
  /** The chart's panel: database and cache mode, e.g. "SQLite · CMS uncached". */
  panel: string
  target: string
  percentile: 'p50' | 'p99'
  server: 'cms' | 'baseline'
  ms: number
}

const SERIES_LABELS: Record<CacheMode, string> = { on: 'CMS cached', off: 'CMS uncached' }

const panelOf = ({ database, cache }: { database: BenchDatabase; cache: CacheMode }): string =>
  `${databaseLabel(database)} · ${SERIES_LABELS[cache]}`

const latencyPoints = ({ sizes }: BenchResults): LatencyPoint[] =>
  sizes.flatMap((size) =>
    presentTargets(size.latency).flatMap(([target, result]) => {
      const base = {
        posts: size.posts,
        panel: panelOf(size),
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
 * Latency against dataset size as an SVG string: one panel per database and cache mode ("CMS
 * cached", "CMS uncached"; a row per mode, a column per database), each with its own latency
 * axis, since a cached answer can be a hundred times faster. In each, CMS p50 dashed and p99
 * solid, one colour per target, baseline p99 as thin grey lines. Rendered by Vega without a
 * canvas.
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
  const databases = results.databases.map((database) => database.kind)
  const modes = CACHE_MODES.filter((mode) => results.sizes.some((size) => size.cache === mode))
  const panels = modes.flatMap((cache) => databases.map((database) => panelOf({ database, cache })))
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Latency at ${formatInteger(results.settings.latencyRate)} req/s against dataset size`,
      subtitle:
        'CMS p50 dashed, p99 solid; thin grey lines: baseline p99; one panel per database and ' +
        'cache mode, each with its own scale',
    },
    background: 'white',
    data: { values: points },
    // One panel per database and cache mode, each headed with both; a row per cache mode.
    facet: {
      field: 'panel',
      type: 'nominal',
      title: null,
      sort: panels,
      header: { labelFontSize: 13, labelFontWeight: 'bold' },
    },
    columns: databases.length,
    resolve: { scale: { y: 'independent' } },
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
