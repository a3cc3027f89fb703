import type { Credit } from './credit.js'

/** Where a record came from: the file name given to the parser and a 1-based line. */
export type Provenance = { file: string; line: number }

/** Something the parser could not read fully; the affected field is left empty. */
export type SeedWarning = { file: string; line: number; message: string }

/**
 * A block the parser recognised but did not turn into a record, kept so nothing is dropped
 * silently. Related excerpts keep whatever could be read from their credit line.
 */
export type SkippedItem = {
  file: string
  line: number
  reason: string
  text: string
  credit?: Credit
  excerpt?: string
}

/** `digest` for Iran Interlink Weekly Digest entries, `post` for everything else. */
export type EntryKind = 'post' | 'digest'

/** Collects warnings and skipped items for one file, stamping the file name on each. */
export type Notes = {
  warnings: SeedWarning[]
  skipped: SkippedItem[]
  warn: (args: { line: number; message: string }) => void
  skip: (args: Omit<SkippedItem, 'file'> & { isWarned?: boolean }) => void
}

/** Creates the warning/skip collector; skipped items are also warned about unless told not to. */
export const createNotes = ({ file }: { file: string }): Notes => {
  const warnings: SeedWarning[] = []
  const skipped: SkippedItem[] = []
  return {
    warnings,
    skipped,
    warn: ({ line, message }) => {
      warnings.push({ file, line, message })
    },
    skip: ({ isWarned = true, ...item }) => {
      skipped.push({ file, ...item })
      if (isWarned) warnings.push({ file, line: item.line, message: `skipped: ${item.reason}` })
    },
  }
}

const DIGEST_TITLE = /^iran interlink weekly digest\s*[–—-]/i

/**
 * True for `Iran Interlink Weekly Digest – <date or issue>` titles (en dash, em dash or
 * hyphen), which the importer files as digests rather than posts.
 */
export const isDigestTitle = ({ title }: { title: string }): boolean =>
  DIGEST_TITLE.test(title.replace(/\s+/g, ' ').trim())
