import { termOfWord, termsOf, WORD_PATTERN } from './searchText.ts'
import { escapeHtml } from './values.ts'

/**
 * The search query language, pure: what a reader types becomes terms (lib/searchText.ts) in a
 * small tree every database's full-text index can answer.
 *
 * - `giuliani lobbying`: every word must appear (in any field, any order);
 * - `"paid relationship"`: the words together, in this order;
 * - `mek OR mojahedin`: either (also `|`);
 * - `-bolton`, `-"white house"`: excluded;
 * - a word or phrase equal to a topic's name or one of its aliases stands for all of them
 *   (`MKO` finds `MEK`): see `expandSynonyms`.
 */

/** The terms of words that must appear next to each other, in order (one term: a plain word). */
export type Phrase = string[]

/** Alternatives, any of which satisfies the clause. */
export type Clause = Phrase[]

export type SearchQuery = {
  /** Every clause must match. */
  required: Clause[]
  /** No phrase of these may match. */
  excluded: Phrase[]
}

/** A query a reader got wrong; the message says what to change. */
export class SearchQueryError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SearchQueryError'
  }
}

export const MAX_QUERY_LENGTH = 200
/** More clauses than this are refused: each costs a pass over the index. */
export const MAX_CLAUSES = 12

type Token =
  { kind: 'or' } | { kind: 'words'; text: string; isQuoted: boolean; isExcluded: boolean }

const tokenize = (query: string): Token[] => {
  const tokens: Token[] = []
  // A quoted phrase (its closing quote optional), or a run of anything but spaces and quotes.
  const pattern = /(-?)"([^"]*)"?|(\S+?)(?=\s|"|$)/g
  for (const match of query.matchAll(pattern)) {
    const [, minus, quoted, bare] = match
    if (quoted !== undefined) {
      tokens.push({ kind: 'words', text: quoted, isQuoted: true, isExcluded: minus === '-' })
    } else if (bare === 'OR' || bare === '|') {
      tokens.push({ kind: 'or' })
    } else if (bare !== undefined) {
      const isExcluded = bare.startsWith('-') && bare.length > 1
      tokens.push({
        kind: 'words',
        text: isExcluded ? bare.slice(1) : bare,
        isQuoted: false,
        isExcluded,
      })
    }
  }
  return tokens
}

const samePhrase = (a: Phrase, b: Phrase): boolean =>
  a.length === b.length && a.every((term, index) => term === b[index])

const addUnique = (phrases: Phrase[], phrase: Phrase): Phrase[] =>
  phrases.some((known) => samePhrase(known, phrase)) ? phrases : [...phrases, phrase]

/**
 * Reads a query. A bare word written as several (`al-Monitor`, `U.S.`) is a phrase of them;
 * single letters or digits on their own are ignored (`a`, `I`), not inside quotes.
 * Throws SearchQueryError naming `q` when nothing is left to look for, or too much.
 */
export const parseSearchQuery = (query: string): SearchQuery => {
  if (query.length > MAX_QUERY_LENGTH) {
    throw new SearchQueryError(`q must be at most ${MAX_QUERY_LENGTH} characters`)
  }
  const required: Clause[] = []
  const excluded: Phrase[] = []
  let isOrPending = false
  for (const token of tokenize(query)) {
    if (token.kind === 'or') {
      isOrPending = required.length > 0
      continue
    }
    const terms = termsOf(token.text)
    const isKept = token.isQuoted ? terms.length > 0 : terms.join('').length >= 2
    if (!isKept) continue
    if (token.isExcluded) {
      excluded.push(terms)
    } else if (isOrPending) {
      const last = required[required.length - 1]
      required[required.length - 1] = addUnique(last, terms)
    } else {
      required.push([terms])
    }
    isOrPending = false
  }
  if (required.length === 0) {
    throw new SearchQueryError(
      'q must contain a word of at least 2 letters or digits to look for (exclusions alone find nothing)',
    )
  }
  if (required.length > MAX_CLAUSES) {
    throw new SearchQueryError(`q may hold at most ${MAX_CLAUSES} words or phrases`)
  }
  return { required, excluded }
}

/** Other names of one subject (a topic's name and aliases), each as its terms. */
export type SynonymGroup = Phrase[]

/** The synonym groups of topics: each topic's name and aliases, as terms. */
export const synonymGroups = (topics: { name: string; aliases?: string[] | null }[]) =>
  topics
    .map((topic) =>
      [topic.name, ...(topic.aliases ?? [])]
        .map((name) => termsOf(name))
        .filter((terms) => terms.length > 0)
        .reduce<Phrase[]>(addUnique, []),
    )
    .filter((group) => group.length > 1)

const expandPhrase = (phrase: Phrase, groups: SynonymGroup[]): Phrase[] =>
  groups
    .filter((group) => group.some((name) => samePhrase(name, phrase)))
    .reduce<Phrase[]>((all, group) => group.reduce(addUnique, all), [phrase])

/**
 * Widens every word or phrase equal to one name of a subject to all its names: `MKO` becomes
 * `MKO OR MEK OR Mojahedin…`. Consecutive plain words that spell a multi-word name
 * (`people's mojahedin`) are read as that name.
 */
export const expandSynonyms = ({
  query,
  groups,
}: {
  query: SearchQuery
  groups: SynonymGroup[]
}): SearchQuery => {
  if (groups.length === 0) return query
  const longest = Math.max(...groups.flat().map((name) => name.length))
  const isSingle = (clause: Clause | undefined) => clause?.length === 1
  const required: Clause[] = []
  for (let at = 0; at < query.required.length;) {
    let joined = 0
    // The longest run of words (or phrases) from here that is a name of a subject.
    for (let size = Math.min(longest, query.required.length - at); size > 1; size -= 1) {
      const run = query.required.slice(at, at + size)
      if (!run.every(isSingle)) continue
      const phrase = run.flatMap((clause) => clause[0])
      if (groups.some((group) => group.some((name) => samePhrase(name, phrase)))) {
        required.push(expandPhrase(phrase, groups))
        joined = size
        break
      }
    }
    if (joined > 0) {
      at += joined
      continue
    }
    required.push(
      query.required[at].reduce<Phrase[]>(
        (all, phrase) => expandPhrase(phrase, groups).reduce(addUnique, all),
        [],
      ),
    )
    at += 1
  }
  const excluded = query.excluded.reduce<Phrase[]>(
    (all, phrase) => expandPhrase(phrase, groups).reduce(addUnique, all),
    [],
  )
  return { required, excluded }
}

/**
 * Every word or phrase a match may show (for highlighting), once each: a phrase stays whole, so
 * a topic's multi-word alias ("People's Mojahedin Organization of Iran") does not make every
 * "of" a match.
 */
export const queryPhrases = (query: SearchQuery): Phrase[] =>
  query.required.flat(1).reduce<Phrase[]>(addUnique, [])

/**
 * SQLite FTS5 `MATCH` expression: each term quoted (it holds only letters and digits), phrases
 * as one quoted string, `AND` between clauses, `OR` within, `NOT` for exclusions.
 */
export const toFts5Match = (query: SearchQuery): string => {
  const phrase = (terms: Phrase) => `"${terms.join(' ')}"`
  const clause = (alternatives: Phrase[]) =>
    alternatives.length === 1
      ? phrase(alternatives[0])
      : `(${alternatives.map(phrase).join(' OR ')})`
  const positive = query.required.map(clause).join(' AND ')
  if (query.excluded.length === 0) return positive
  return `(${positive}) NOT ${clause(query.excluded)}`
}

/**
 * PostgreSQL `to_tsquery('simple', …)` text: `&` between clauses, `|` within, `<->` between
 * the words of a phrase, `!` for exclusions. Terms hold only letters and digits; each is quoted.
 */
export const toTsquery = (query: SearchQuery): string => {
  const phrase = (terms: Phrase) =>
    terms.length === 1 ? `'${terms[0]}'` : `(${terms.map((term) => `'${term}'`).join(' <-> ')})`
  const clause = (alternatives: Phrase[]) =>
    alternatives.length === 1
      ? phrase(alternatives[0])
      : `(${alternatives.map(phrase).join(' | ')})`
  return [
    ...query.required.map(clause),
    ...query.excluded.map((excluded) => `!${phrase(excluded)}`),
  ].join(' & ')
}

/**
 * MongoDB: `$text.$search` finds documents with any of the terms (and ranks them); the regular
 * expressions on the stored terms (space separated) then demand each clause and refuse each
 * exclusion exactly.
 */
export const toMongoText = (query: SearchQuery) => {
  const pattern = (terms: Phrase) => `(^| )${terms.join(' ')}( |$)`
  const clause = (alternatives: Phrase[]) => alternatives.map(pattern).join('|')
  return {
    search: [...new Set(query.required.flat(2))].join(' '),
    required: query.required.map(clause),
    excluded: query.excluded.map(pattern),
  }
}

/**
 * A short, HTML-safe extract around the first match, the words of every match wrapped in
 * `<mark>`: a word whose term is a one-word phrase of `phrases`, or consecutive words whose terms
 * spell a longer one.
 */
export const highlightSnippet = ({
  text,
  phrases,
  length = 200,
}: {
  text: string
  phrases: Phrase[]
  length?: number
}): string => {
  const words = [...text.matchAll(WORD_PATTERN)].map((match) => ({
    at: match.index,
    word: match[0],
    term: termOfWord(match[0]),
    isMatch: false,
  }))
  const byFirstTerm = new Map<string, Phrase[]>()
  for (const phrase of phrases) {
    if (phrase.length === 0) continue
    byFirstTerm.set(phrase[0], [...(byFirstTerm.get(phrase[0]) ?? []), phrase])
  }
  words.forEach((word, index) => {
    for (const phrase of byFirstTerm.get(word.term) ?? []) {
      if (!phrase.every((term, offset) => words[index + offset]?.term === term)) continue
      for (let offset = 0; offset < phrase.length; offset += 1) words[index + offset].isMatch = true
    }
  })
  const first = words.find((word) => word.isMatch)
  let start = first ? Math.max(0, first.at - Math.floor(length / 3)) : 0
  // Never start in the middle of a word.
  const cut = words.find((word) => word.at < start && word.at + word.word.length > start)
  if (cut) start = cut.at
  const end = Math.min(text.length, start + length)
  let html = ''
  let position = start
  for (const word of words) {
    if (!word.isMatch || word.at < start || word.at + word.word.length > end) continue
    html += `${escapeHtml(text.slice(position, word.at))}<mark>${escapeHtml(word.word)}</mark>`
    position = word.at + word.word.length
  }
  html += escapeHtml(text.slice(position, end))
  return `${start > 0 ? '…' : ''}${html.trim()}${end < text.length ? '…' : ''}`
}

/** Which published documents a search looks at (every filter optional). */
export type SearchFilters = {
  collection?: 'posts' | 'digests'
  language?: string
  /** First and last day, `YYYY-MM-DD`, both included. */
  from?: string
  to?: string
  /** An id (digits, or 24 hex digits on MongoDB) or a slug. */
  author?: string
  source?: string
  topic?: string
}

export const SEARCH_COLLECTIONS = ['posts', 'digests'] as const

const DAY = /^\d{4}-\d{2}-\d{2}$/
const REFERENCE = /^[a-z0-9][a-z0-9-]{0,99}$/i

const dayParam = (name: string, value: string): string => {
  const date = new Date(`${value}T00:00:00.000Z`)
  if (!DAY.test(value) || Number.isNaN(date.getTime()) || !date.toISOString().startsWith(value)) {
    throw new SearchQueryError(`${name} "${value}" must be a day written YYYY-MM-DD`)
  }
  return value
}

/**
 * Reads the filters of a search request (`get` as URLSearchParams'). Throws SearchQueryError
 * naming the parameter for a value that cannot be right; `isLanguage` says which languages exist.
 */
export const parseSearchFilters = ({
  get,
  isLanguage,
}: {
  get: (name: string) => string | null | undefined
  isLanguage: (code: string) => boolean
}): SearchFilters => {
  const filters: SearchFilters = {}
  const value = (name: string) => {
    const raw = get(name)?.trim()
    return raw ? raw : undefined
  }
  const collection = value('collection')
  if (collection !== undefined) {
    if (!(SEARCH_COLLECTIONS as readonly string[]).includes(collection)) {
      throw new SearchQueryError(`collection "${collection}" must be posts or digests`)
    }
    filters.collection = collection as SearchFilters['collection']
  }
  const language = value('language')
  if (language !== undefined) {
    if (!isLanguage(language)) {
      throw new SearchQueryError(`language "${language}" is not a language code (e.g. en, fa)`)
    }
    filters.language = language
  }
  const from = value('from')
  if (from !== undefined) filters.from = dayParam('from', from)
  const to = value('to')
  if (to !== undefined) filters.to = dayParam('to', to)
  if (filters.from && filters.to && filters.from > filters.to) {
    throw new SearchQueryError(`from (${filters.from}) must not be after to (${filters.to})`)
  }
  for (const name of ['author', 'source', 'topic'] as const) {
    const reference = value(name)
    if (reference === undefined) continue
    if (!REFERENCE.test(reference)) {
      throw new SearchQueryError(`${name} "${reference}" must be an id or a slug`)
    }
    filters[name] = reference
  }
  return filters
}
