import { normalizeName } from './normalize.ts'
import { isKnownPlace } from './places.ts'

/**
 * Outlets the material names in running text (digest items, references) without a credit
 * line, so the import can recognise them. Outlets named in any credit line of the files being
 * imported, and every source already in the CMS, are recognised too. Extend as new material
 * arrives.
 */
export const KNOWN_OUTLETS = [
  'Al Arabiya',
  'Al Bawaba',
  'Al Jazeera',
  'Al Monitor',
  'Associated Press',
  'BBC',
  'Balkans Post',
  'CNN',
  'Daily Caller',
  'Foreign Policy',
  'Forbes',
  'Informed Comment',
  'Le Monde',
  'Liberation News',
  'Lobelog',
  'Middle East Eye',
  'Mother Jones',
  'New York Times',
  'Newsweek',
  'Politico',
  'Pravda',
  'Press TV',
  'Radio Farda',
  'Responsible Statecraft',
  'Reuters',
  'Sputnik Farsi',
  'Tehran Times',
  'The Daily Beast',
  'The Diplomat',
  'The Guardian',
  'The Hill',
  'The Intercept',
  'Voice of America',
  'Wall Street Journal',
  'Washington Post',
] as const

// A name of one to five capitalised words (`Liberation News`, `Al-Monitor`, `The Daily Beast`).
const WORD = String.raw`\p{Lu}[\p{L}\p{N}'’.&-]*`
const NAME = String.raw`(?:The\s+)?${WORD}(?:\s+(?:of\s+|de\s+|al-|Al\s+)?${WORD}){0,4}`
const PERSON = String.raw`\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,2}`
const KIND = String.raw`(?:magazine|newspaper|daily|weekly|website|blog|news\s+site|journal)`
const PIECE = String.raw`(?:piece|article|report|editorial|op-ed|column|interview|story|investigation|analysis|commentary)`

/** Phrases that name an outlet, each with the outlet in group 1. */
const CUES: RegExp[] = [
  // `Costantino Ceoldo, Pravda, interviewed …` at the start of an item.
  new RegExp(String.raw`^${PERSON},\s+(${NAME}),`, 'u'),
  // `in Newsweek magazine`, `on the Lobelog website`
  new RegExp(String.raw`\b(?:in|on|by)\s+(?:the\s+)?(${NAME})\s+${KIND}\b`, 'u'),
  // `A Washington Post piece by Adam Taylor`
  new RegExp(String.raw`\b(?:An?|The|a|an|the)\s+(${NAME})\s+${PIECE}\b`, 'gu'),
  // `by Mazda Majidi in Liberation News,`
  new RegExp(
    String.raw`\bby\s+${PERSON}\s+(?:in|for|on)\s+(${NAME})(?=[,.;:)]|\s+(?:takes|says|writes|argues|explains|examines|reports)\b)`,
    'u',
  ),
  // `published by Middle East Eye`, `reported in Al Jazeera`
  new RegExp(
    String.raw`\b(?:published|reported|wrote|writes|appeared)\s+(?:by|in|on|for)\s+(${NAME})`,
    'u',
  ),
]

const strippedThe = (name: string): string => normalizeName({ name }).replace(/^the /, '')

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A known name as a pattern: any case, spaces/hyphens alike, an optional leading `The`. */
const knownPattern = (name: string): RegExp => {
  const words = normalizeName({ name })
    .replace(/^the /, '')
    .split(' ')
    .filter((word) => word !== '')
    .map(escape)
  return new RegExp(
    String.raw`(?<![\p{L}\p{N}])(?:the[\s-]+)?(${words.join(String.raw`[\s\-'’.]*`)})(?![\p{L}\p{N}])`,
    'giu',
  )
}

/** A found outlet and where its name starts in the text. */
export type FoundOutlet = { name: string; index: number }

/**
 * The outlets a text names, in order of first mention, each once: names from `known` (and
 * KNOWN_OUTLETS) wherever they appear capitalised, spelt as `known` spells them (so `the
 * Intercept` is `The Intercept`, `Al-Monitor` is `Al Monitor`), and new names in phrases that
 * say they are outlets (`X, Pravda, interviewed`, `in Newsweek magazine`, `A Washington Post
 * piece`, `by X in Liberation News,`). Places, language names and `exclude` are never outlets.
 * Pure.
 */
export const findOutlets = ({
  text,
  known = [],
  exclude = [],
}: {
  text: string
  known?: readonly string[]
  exclude?: readonly string[]
}): FoundOutlet[] => {
  const excluded = new Set(
    [...exclude, 'English', 'Persian', 'Farsi', 'Arabic', 'French', 'German', 'America'].map(
      strippedThe,
    ),
  )
  const isOutlet = (name: string) =>
    name.length >= 3 && !excluded.has(strippedThe(name)) && !isKnownPlace({ text: name })
  const canonical = new Map<string, string>()
  for (const name of [...KNOWN_OUTLETS, ...known]) {
    if (!canonical.has(strippedThe(name))) canonical.set(strippedThe(name), name)
  }
  const found = new Map<string, FoundOutlet>()
  const add = (name: string, index: number) => {
    const key = strippedThe(name)
    const earlier = found.get(key)
    if (!isOutlet(name) || (earlier && earlier.index <= index)) return
    found.set(key, { name: canonical.get(key) ?? name.replace(/^the\s+/i, 'The '), index })
  }
  // Longest names first, so `Washington Post` is not also found as `Post`.
  const names = [...canonical.values()].sort((a, b) => b.length - a.length)
  const taken: [number, number][] = []
  for (const name of names) {
    for (const m of text.matchAll(knownPattern(name))) {
      const start = m.index + m[0].length - m[1].length
      const end = m.index + m[0].length
      const isCapitalised = /^\p{Lu}/u.test(m[1])
      const overlaps = taken.some(([s, e]) => start < e && end > s)
      if (!isCapitalised || overlaps) continue
      taken.push([start, end])
      add(name, start)
    }
  }
  for (const cue of CUES) {
    const matches = cue.global
      ? [...text.matchAll(cue)]
      : [cue.exec(text)].filter((m) => m !== null)
    for (const m of matches) {
      const name = m[1].replace(/[’']s$/u, '').trim()
      add(name, m.index + m[0].indexOf(m[1]))
    }
  }
  return [...found.values()].sort((a, b) => a.index - b.index)
}
