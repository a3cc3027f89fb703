import type { Credit } from './credit.ts'

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
