import { findDate } from './dates.ts'
import { isKnownPlace } from './places.ts'
import { cleanText } from './text.ts'

/**
 * Who published a quoted piece, parsed from a credit such as
 * `Casey Michel, The New Republic, October 16 2019`.
 */
export type Credit = {
  /** The writer segment(s) as written, e.g. `Negar Mortazavi and Borzou Daragahi`. */
  writer?: string
  /**
   * `writer` split into people: `Negar Mortazavi and Borzou Daragahi` gives two, and so does
   * `Anne and Massoud Khodabandeh` (`Anne Khodabandeh`, `Massoud Khodabandeh`: a one-word
   * side takes the other side's surname).
   */
  writers: string[]
  /** One or more outlets; `ABC News and Ora News` gives two. */
  outlets: string[]
  /** Known places after the outlet, e.g. `Tirana, Albania`. */
  place?: string
  /** `YYYY-MM-DD`; absent when the credit has no readable date. */
  date?: string
  /** The date as written, e.g. `Octomber 22 2019`. */
  dateText?: string
  /** Text after the date, e.g. `(Fist Published 2005)`. */
  note?: string
  /** An original-publication note read from `note`, spelt right: `First Published 2005`. */
  originalPublication?: string
  /** The whole credit, whitespace cleaned. */
  raw: string
}

/** A parsed credit plus messages about anything that could not be read (field left empty). */
export type CreditResult = { credit: Credit; warnings: string[] }

/** A credit line split into its credit and the excerpt that follows `:…`. */
export type CreditLineParts = { head: string; excerpt: string }

/** A credit line fully parsed: credit, excerpt and warnings. */
export type CreditLine = CreditResult & { excerpt: string }

// Credits are short; a colon further into a line belongs to the excerpt, not the credit.
const MAX_CREDIT_LENGTH = 250

const HONORIFIC = /^(?:dr|prof|professor|mr|mrs|ms|miss|sir|dame|rev|sen|senator|rep)\.?\s/i

const AND = /\s+(?:and|&)\s+/

/** Shortens a text for a warning so a huge line never floods the log. */
export const quote = ({ text }: { text: string }): string =>
  JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text)

/** Trims the given characters from both ends with index loops (no backtracking regex). */
const trimChars = ({ text, chars }: { text: string; chars: string }): string => {
  let start = 0
  let end = text.length
  while (start < end && chars.includes(text[start])) start += 1
  while (end > start && chars.includes(text[end - 1])) end -= 1
  return text.slice(start, end)
}

/** Splits on commas that are not inside parentheses, so `Congress (ICC, Canada)` stays whole. */
const splitSegments = ({ text }: { text: string }): string[] => {
  const segments: string[] = []
  let depth = 0
  let current = ''
  for (const char of text) {
    if (char === '(') depth += 1
    if (char === ')') depth = Math.max(0, depth - 1)
    if (char === ',' && depth === 0) {
      segments.push(current)
      current = ''
    } else {
      current += char
    }
  }
  segments.push(current)
  return segments.map((segment) => segment.trim()).filter((segment) => segment !== '')
}

const startsUpper = ({ text }: { text: string }): boolean => /^[\p{Lu}\p{N}"'“‘]/u.test(text)

/** `ABC News and Ora News` → two outlets, but only when each side looks like a name. */
const splitOutlets = ({ text }: { text: string }): string[] => {
  const parts = text.split(AND).map((part) => part.trim())
  return parts.length > 1 && parts.every((part) => startsUpper({ text: part })) ? parts : [text]
}

/**
 * `Negar Mortazavi and Borzou Daragahi` → two people; `Anne and Massoud Khodabandeh` → `Anne
 * Khodabandeh` and `Massoud Khodabandeh`, because a one-word first name before the last side
 * shares that side's surname. Sides that do not all start with a capital stay one entry.
 */
const splitPeople = ({ text }: { text: string }): string[] => {
  const parts = text.split(AND).map((part) => part.trim())
  if (parts.length < 2 || !parts.every((part) => startsUpper({ text: part }))) return [text]
  const last = parts[parts.length - 1].split(' ')
  if (last.length < 2) return [text]
  const surname = last[last.length - 1]
  return parts.map((part) => (part.split(' ').length === 1 ? `${part} ${surname}` : part))
}

// `(Fist Published 2005)`, `First published in 2005`, `Originally published March 2005`.
const ORIGINAL_PUBLICATION =
  /\b(?:first|fist|frist|originally)\s+published\s*(?:in\s+|on\s+)?([^()]*?\d{4})\b/i

/** `(Fist Published 2005)` → `First Published 2005`; undefined when the note says no such thing. */
export const readOriginalPublication = ({ note }: { note: string }): string | undefined => {
  const match = ORIGINAL_PUBLICATION.exec(note)
  return match ? `First Published ${match[1].trim()}` : undefined
}

/**
 * Parses a credit: everything before the date names the writer, outlet and place; text after
 * the date is a note.
 *
 * Heuristics, in order:
 * 1. The first date (see `findDate`, misspelt months allowed) ends the names. No date, or an
 *    impossible one, leaves `date` empty with a warning.
 * 2. The names are split on commas outside parentheses (`Iranian Canadian Congress (ICC)` is
 *    one segment; stray spaces before commas are ignored).
 * 3. Trailing segments that are known places (`places.ts`) become `place`
 *    (`Tirana, Albania`). The first segment is never a place.
 * 4. With two or more segments left, the last is the outlet and the ones before it are the
 *    writer (`Shenaz Kermalli, Ricochet Media`).
 * 5. With one segment left it is the outlet (`NBC News`, `Exit`), unless it starts with an
 *    honorific such as `Dr.`: then it is a writer and the credit names no outlet (warning).
 * 6. The outlet is split on ` and ` / ` & ` when every side starts with a capital
 *    (`FaxWeb and Albanian Gazette`).
 */
export const parseCredit = ({ text }: { text: string }): CreditResult => {
  const raw = cleanText({ text })
  const warnings: string[] = []
  const found = findDate({ text: raw })
  const names = trimChars({ text: found ? raw.slice(0, found.index) : raw, chars: ' ,;:' })
  const note = found ? trimChars({ text: raw.slice(found.end), chars: ' ,;:.' }) : ''

  if (found === null) warnings.push(`no date in credit ${quote({ text: raw })}`)
  if (found !== null && found.iso === null) {
    warnings.push(`unreadable date ${quote({ text: found.raw })} in credit; date left empty`)
  }

  const segments = splitSegments({ text: names })
  const places: string[] = []
  while (segments.length > 1 && isKnownPlace({ text: segments[segments.length - 1] })) {
    places.unshift(segments.pop() as string)
  }

  let writerSegments: string[] = []
  let outlet: string | undefined
  if (segments.length >= 2) {
    writerSegments = segments.slice(0, -1)
    outlet = segments[segments.length - 1]
  } else if (segments.length === 1 && HONORIFIC.test(segments[0])) {
    writerSegments = segments
    warnings.push(`credit ${quote({ text: raw })} names a writer but no outlet`)
  } else if (segments.length === 1) {
    outlet = segments[0]
  } else {
    warnings.push(`credit ${quote({ text: raw })} names no writer or outlet`)
  }

  const writer = writerSegments.length > 0 ? writerSegments.join(', ') : undefined
  const credit: Credit = {
    writers: writerSegments.flatMap((segment) => splitPeople({ text: segment })),
    outlets: outlet === undefined ? [] : splitOutlets({ text: outlet }),
    raw,
  }
  if (writer !== undefined) credit.writer = writer
  if (places.length > 0) credit.place = places.join(', ')
  if (found?.iso) credit.date = found.iso
  if (found) credit.dateText = found.raw
  if (note !== '') credit.note = note
  const originalPublication = readOriginalPublication({ note })
  if (originalPublication) credit.originalPublication = originalPublication
  return { credit, warnings }
}

/**
 * Splits `CREDIT, DATE:… EXCERPT` at the first colon followed by an ellipsis (`…` or `...`)
 * within the first 250 characters; a colon inside a note (`2021: (Fist Published 2005):…`) is
 * skipped. Without an ellipsis, falls back to the first colon shortly after a date.
 *
 * @returns null when the text does not start with a credit.
 */
export const splitCreditLine = ({ text }: { text: string }): CreditLineParts | null => {
  let from = 0
  for (;;) {
    const colon = text.indexOf(':', from)
    if (colon < 0 || colon > MAX_CREDIT_LENGTH) break
    let i = colon + 1
    while (i < text.length && (text[i] === ' ' || text[i] === '\u00a0')) i += 1
    if (text.startsWith('…', i)) return { head: text.slice(0, colon), excerpt: text.slice(i + 1) }
    if (text.startsWith('...', i)) {
      return { head: text.slice(0, colon), excerpt: text.slice(i + 3) }
    }
    from = colon + 1
  }
  const date = findDate({ text: text.slice(0, MAX_CREDIT_LENGTH) })
  if (date === null) return null
  const colon = text.indexOf(':', date.end)
  if (colon < 0 || colon - date.end > 100) return null
  return { head: text.slice(0, colon), excerpt: text.slice(colon + 1) }
}

/**
 * Parses a whole credit line (`CREDIT, DATE:… EXCERPT`). The excerpt is returned as written
 * (cleaned); stripping the repeated title is the caller's job because only it knows the title.
 *
 * @returns null unless the line splits as a credit line and its credit contains a date.
 */
export const parseCreditLine = ({ text }: { text: string }): CreditLine | null => {
  const parts = splitCreditLine({ text })
  if (parts === null || findDate({ text: parts.head }) === null) return null
  return { ...parseCredit({ text: parts.head }), excerpt: cleanText({ text: parts.excerpt }) }
}
