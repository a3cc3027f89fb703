import type { ImportReport, Outcome, ReportLine } from './import.ts'

const OUTCOMES: Outcome[] = ['created', 'updated', 'unchanged', 'skipped', 'failed']

const where = (line: ReportLine) =>
  line.line === undefined ? line.file : `${line.file}:${line.line}`

const describe = (line: ReportLine) =>
  `${where(line)}: ${line.collection ? `${line.collection.replace(/s$/, '')} "${line.title}": ` : ''}${line.message}`

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
  const section = (title: string, items: ReportLine[]) => {
    if (items.length === 0) return
    lines.push('', `${title} (${items.length}):`, ...items.map((item) => `  ${describe(item)}`))
  }
  section('Failed', report.failures)
  section('Skipped', report.skipped)
  section('Warnings', report.warnings)
  return lines.join('\n')
}
