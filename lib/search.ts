import { escapeHtml } from './values.ts'

/** Words of a search query: lower-cased, at most 8, each at least 2 characters. */
export const searchTerms = (query: string): string[] =>
  [
    ...new Set(
      query
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((term) => term.length >= 2),
    ),
  ].slice(0, 8)

/** The text of a search candidate, field by field. */
export type SearchText = { title: string; excerpt: string; body: string }

const WEIGHTS: Record<keyof SearchText, number> = { title: 5, excerpt: 2, body: 1 }

const count = (haystack: string, needle: string): number => {
  let found = 0
  for (
    let at = haystack.indexOf(needle);
    at !== -1;
    at = haystack.indexOf(needle, at + needle.length)
  ) {
    found += 1
  }
  return found
}

/**
 * Relevance of a document for the terms: weighted occurrences (title counts most), zero when
 * any term is missing altogether.
 */
export const scoreText = ({ text, terms }: { text: SearchText; terms: string[] }): number => {
  let score = 0
  for (const term of terms) {
    let termScore = 0
    for (const field of Object.keys(WEIGHTS) as (keyof SearchText)[]) {
      termScore += WEIGHTS[field] * Math.min(count(text[field].toLowerCase(), term), 10)
    }
    if (termScore === 0) return 0
    score += termScore
  }
  return score
}

/**
 * A short, HTML-safe extract around the first match, with every term wrapped in `<mark>`.
 */
export const snippetOf = ({
  text,
  terms,
  length = 200,
}: {
  text: string
  terms: string[]
  length?: number
}): string => {
  const lower = text.toLowerCase()
  const first = Math.min(
    ...terms.map((term) => lower.indexOf(term)).filter((at) => at >= 0),
    Infinity,
  )
  const start = first === Infinity ? 0 : Math.max(0, first - Math.floor(length / 3))
  const extract = text.slice(start, start + length)
  const pattern = new RegExp(
    `(${terms.map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`,
    'gi',
  )
  const marked = extract
    .split(pattern)
    .map((part, index) => (index % 2 === 1 ? `<mark>${escapeHtml(part)}</mark>` : escapeHtml(part)))
    .join('')
  return `${start > 0 ? '…' : ''}${marked}${start + length < text.length ? '…' : ''}`
}

/** The words of a Lexical rich-text value, paragraphs separated by spaces. */
export const plainText = (state: unknown): string => {
  const parts: string[] = []
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return
    const { text, children } = node as { text?: unknown; children?: unknown }
    if (typeof text === 'string') parts.push(text)
    if (Array.isArray(children)) children.forEach(walk)
  }
  walk((state as { root?: unknown } | null)?.root)
  return parts.join(' ')
}
