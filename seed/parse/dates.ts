const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const

/** A date found inside a longer text, with where it sits so callers can cut around it. */
export type FoundDate = {
  /** `YYYY-MM-DD`, or null when the text names a month but the day does not exist. */
  iso: string | null
  /** The matched text as written, e.g. `Octomber 22 2019`. */
  raw: string
  /** Offset of the first character of the match. */
  index: number
  /** Offset just after the match. */
  end: number
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions). Inputs are
 * month-sized words, so the quadratic table is tiny.
 */
const editDistance = ({ a, b }: { a: string; b: string }): number => {
  const rows = a.length + 1
  const cols = b.length + 1
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2][j - 2] + 1)
      }
      d[i][j] = best
    }
  }
  return d[a.length][b.length]
}

/**
 * Recognises an English month name, tolerating the typos found in scraped credits.
 *
 * Accepted: the full name, its three-letter abbreviation (and `sept`), or a word of four or
 * more letters whose first three letters name exactly one month and that is close to it:
 * within two edits of a long month (six letters or more: `Octomber`, `Octember`, `Febuary`)
 * or one edit of a short one (`Jully`). Failing that, a word of five or more letters within
 * one edit (a transposition counts as one) of exactly one month (`Ocotber`). So `Mayor`,
 * `Mars` and `Marching` stay unrecognised.
 *
 * @returns the month number 1–12, or null.
 */
export const matchMonth = ({ word }: { word: string }): number | null => {
  const w = word.toLowerCase().replace(/\.$/, '')
  if (!/^[a-z]{3,12}$/.test(w)) return null
  const exact = MONTHS.findIndex((month) => month === w || month.slice(0, 3) === w)
  if (exact >= 0) return exact + 1
  if (w === 'sept') return 9
  if (w.length >= 4) {
    const byPrefix = MONTHS.flatMap((month, index) =>
      month.slice(0, 3) === w.slice(0, 3) ? [index] : [],
    )
    const month = byPrefix.length === 1 ? MONTHS[byPrefix[0]] : undefined
    const maxEdits = month !== undefined && month.length >= 6 ? 2 : 1
    if (month !== undefined && editDistance({ a: w, b: month }) <= maxEdits) {
      return byPrefix[0] + 1
    }
  }
  if (w.length >= 5) {
    const near = MONTHS.flatMap((month, index) =>
      editDistance({ a: w, b: month }) <= 1 ? [index] : [],
    )
    if (near.length === 1) return near[0] + 1
  }
  return null
}

/** Builds `YYYY-MM-DD` when the day exists in that month (so February 30 gives null). */
export const toIsoDate = ({
  year,
  month,
  day,
}: {
  year: number
  month: number
  day: number
}): string | null => {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return null
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return date.toISOString().slice(0, 10)
}

// Each pattern has bounded repetition around its only unbounded `\s+`, so scanning a
// multi-megabyte line stays linear.
const MONTH_DAY_YEAR =
  /\b([A-Za-z]{3,12})\.?[\s\u00a0]+(\d{1,2})(?:st|nd|rd|th)?,?[\s\u00a0]+(\d{4})\b/g
const DAY_MONTH_YEAR =
  /\b(\d{1,2})(?:st|nd|rd|th)?[\s\u00a0]+([A-Za-z]{3,12})\.?,?[\s\u00a0]+(\d{4})\b/g
const YEAR_MONTH_DAY = /\b(\d{4})([/.-])(\d{1,2})\2(\d{1,2})\b/g

/**
 * Finds the first date written as `October 26 2019`, `August 30, 2019`, `June 9th, 2019`,
 * `26 October 2019`, `2019/10/26` or `2019-10-26` inside a text. A word that is not a month
 * (see {@link matchMonth}) is not a date; a real month with an impossible day is returned with
 * `iso: null` so the caller can warn about it.
 */
export const findDate = ({ text }: { text: string }): FoundDate | null => {
  const found: FoundDate[] = []
  for (const m of text.matchAll(MONTH_DAY_YEAR)) {
    const month = matchMonth({ word: m[1] })
    if (month === null) continue
    const iso = toIsoDate({ year: Number(m[3]), month, day: Number(m[2]) })
    found.push({ iso, raw: m[0], index: m.index, end: m.index + m[0].length })
    break
  }
  for (const m of text.matchAll(DAY_MONTH_YEAR)) {
    const month = matchMonth({ word: m[2] })
    if (month === null) continue
    const iso = toIsoDate({ year: Number(m[3]), month, day: Number(m[1]) })
    found.push({ iso, raw: m[0], index: m.index, end: m.index + m[0].length })
    break
  }
  for (const m of text.matchAll(YEAR_MONTH_DAY)) {
    const iso = toIsoDate({ year: Number(m[1]), month: Number(m[3]), day: Number(m[4]) })
    found.push({ iso, raw: m[0], index: m.index, end: m.index + m[0].length })
    break
  }
  return found.reduce<FoundDate | null>(
    (first, date) => (first === null || date.index < first.index ? date : first),
    null,
  )
}

/**
 * Parses a text that is only a date (surrounding spaces and trailing `.,:;` allowed), in any
 * form {@link findDate} knows, including misspelt months such as `Octomber 22 2019`.
 *
 * @returns `YYYY-MM-DD`, or null when the text is not exactly one valid date.
 */
export const parseCreditDate = ({ text }: { text: string }): string | null => {
  const trimmed = text.trim()
  const date = findDate({ text: trimmed })
  if (date === null || date.index !== 0) return null
  if (!/^[\s.,:;]*$/.test(trimmed.slice(date.end))) return null
  return date.iso
}
