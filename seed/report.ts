import type { ImportReport, Outcome, ReportLine } from './import.ts'
import type { LinkCounts } from './plan.ts'

const OUTCOMES: Outcome[] = ['created', 'updated', 'unchanged', 'skipped', 'failed']

const where = (line: ReportLine) =>
  line.line === undefined ? line.file : `${line.file}:${line.line}`

const describe = (line: ReportLine) =>
  `${where(line)}: ${line.collection ? `${line.collection.replace(/s$/, '')} "${line.title}": ` : ''}${line.message}`

/** The figures of the "Linked" section, in the order printed, with what each counts. */
const LINKED: [keyof Omit<LinkCounts, 'languages'>, string][] = [
  ['itemSources', 'digest items linked to their source'],
  ['itemPosts', 'digest items linked to an imported post'],
  ['itemLanguages', 'digest items with a language'],
  ['references', 'references kept'],
  ['referenceLinks', 'references kept as links (they give a URL)'],
  ['citationLinks', '[n] markers linked to their reference'],
  ['referenceSources', 'cited outlets linked as sources of their post'],
  ['textLinks', 'other URLs kept as links'],
  ['relatedPosts', 'related-post links (both ways)'],
  ['relatedExcerptPosts', 'related excerpt cards kept as posts'],
  ['topicsAssigned', 'topics assigned'],
  ['writers', 'credited writers'],
  ['writersLinkedToAuthors', 'writers linked to an author'],
  ['datelines', 'datelines'],
  ['originalPublications', 'original-publication notes'],
  ['legacyUrls', 'old-site addresses kept'],
  ['series', 'digests with a series'],
  ['tags', 'digest tags kept'],
  ['digestEntriesLinked', 'weekly digest entries merged into their issue'],
]

/** The "Linked" lines: each figure with what it counts, then languages. */
export const formatLinked = (linked: LinkCounts): string[] => {
  const width = Math.max(...LINKED.map(([key]) => String(linked[key]).length))
  const languages = Object.entries(linked.languages)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, count]) => `${code} ${count}`)
    .join(', ')
  return [
    ...LINKED.map(([key, label]) => `  ${String(linked[key]).padStart(width)}  ${label}`),
    `  languages of posts and digests: ${languages || 'none detected'}`,
  ]
}

/** The import report as text for a terminal: a table of outcomes, then every detail line. */
export const formatReport = (report: ImportReport): string => {
  const rows = Object.entries(report.counts).map(([collection, counts]) => [
    collection,
    ...OUTCOMES.map((outcome) => String(counts[outcome])),
  ])
  const header = ['', ...OUTCOMES]
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => row[column].length)),
  )
  const format = (row: string[]) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
      )
      .join('  ')
  const failedFiles = report.files.filter((file) => file.isFailed).length
  const lines = [
    `${report.isDryRun ? 'Dry run (nothing written): ' : ''}${report.files.length} file(s) read, ${failedFiles} failed, in ${(report.durationMs / 1000).toFixed(1)} s${report.isForced ? ' (--force: editor changes to drafts overwritten)' : ''}`,
    '',
    format(header),
    ...rows.map(format),
  ]
  if (report.linked) lines.push('', 'Linked and kept:', ...formatLinked(report.linked))
  const section = (title: string, items: ReportLine[]) => {
    if (items.length === 0) return
    lines.push('', `${title} (${items.length}):`, ...items.map((item) => `  ${describe(item)}`))
  }
  section('Failed', report.failures)
  section('Skipped', report.skipped)
  section('Warnings', report.warnings)
  return lines.join('\n')
}
