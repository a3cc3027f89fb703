import { createHash } from 'node:crypto'

/** One line of a seed file, numbered from 1 as an editor shows it. */
export type SeedLine = {
  /** 1-based line number in the normalised text. */
  line: number
  /** The line with non-breaking spaces turned into spaces, whitespace collapsed and trimmed. */
  text: string
}

/**
 * Normalises raw seed text before any parsing: strips a UTF-8 byte order mark and turns CRLF
 * and lone CR into LF, so line numbers and matching do not depend on the editor that saved
 * the file.
 */
export const normalizeInput = ({ text }: { text: string }): string =>
  text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')

/**
 * Collapses every run of whitespace (including U+00A0, which the scraped pages use for layout
 * only) into one space and trims the ends.
 */
export const cleanText = ({ text }: { text: string }): string =>
  text.replace(/[\s\u00a0\u2007\u202f]+/g, ' ').trim()

/** Splits normalised text into cleaned, numbered lines. */
export const toLines = ({ text }: { text: string }): SeedLine[] =>
  text.split('\n').map((raw, index) => ({ line: index + 1, text: cleanText({ text: raw }) }))

/**
 * The sha256 hex digest of some lines' cleaned text joined by LF; the importer compares it
 * with the stored one to detect changed entries without diffing fields.
 */
export const hashLines = ({ lines }: { lines: string[] }): string =>
  createHash('sha256')
    .update(lines.filter((line) => line !== '').join('\n'), 'utf8')
    .digest('hex')

/** True for a `http://` or `https://` URL standing alone on a line. */
export const isUrl = ({ text }: { text: string }): boolean => /^https?:\/\/\S+$/i.test(text)
