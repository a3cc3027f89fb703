import { normalizeName } from './normalize.ts'

/**
 * How the end of an excerpt repeated the entry's title (the scraped link text):
 * `exact`, `prefix` (a shortened title such as `Iran Interlink Weekly Digest`), `shortened`
 * (words dropped from the middle, e.g. `(2005)`), or `none` when the excerpt was kept whole.
 */
export type TitleRepeatMatch = 'exact' | 'prefix' | 'shortened' | 'none'

/** The excerpt with its repeated title removed, and how the repeat was recognised. */
export type StrippedExcerpt = {
  excerpt: string
  match: TitleRepeatMatch
  /** The removed link text, as written. */
  repeat?: string
}

type Token = { word: string; start: number }

const tokenize = ({ text, offset = 0 }: { text: string; offset?: number }): Token[] =>
  Array.from(text.matchAll(/[\p{L}\p{N}]+/gu), (m) => ({
    word: normalizeName({ name: m[0] }),
    start: m.index + offset,
  }))

const isSubsequence = ({ part, whole }: { part: string[]; whole: string[] }): boolean => {
  let j = 0
  for (const word of whole) {
    if (j < part.length && part[j] === word) j += 1
  }
  return j === part.length
}

// A repeat shorter than this is too likely to be ordinary words that happen to match.
const MIN_PARTIAL_WORDS = 3

const classify = ({ tail, title }: { tail: string[]; title: string[] }): TitleRepeatMatch => {
  const isPrefix = tail.every((word, i) => word === title[i])
  if (isPrefix && tail.length === title.length) return 'exact'
  if (isPrefix && tail.length >= Math.min(MIN_PARTIAL_WORDS, title.length)) return 'prefix'
  const isShortened =
    tail.length >= MIN_PARTIAL_WORDS &&
    tail.length * 2 >= title.length &&
    tail[tail.length - 1] === title[title.length - 1] &&
    isSubsequence({ part: tail, whole: title })
  return isShortened ? 'shortened' : 'none'
}

/**
 * Removes the title that scraped excerpts repeat at their end as link text.
 *
 * Words are compared case- and punctuation-insensitively, so trailing ` .`, `.` or
 * non-breaking spaces after the repeat do not matter. The longest tail of the excerpt that
 * starts with the title's first word and is the whole title, a prefix of it (3+ words), or the
 * title with words dropped (3+ words, at least half the title, same last word) is removed.
 * Otherwise the excerpt is returned whole with `match: 'none'`.
 *
 * Only the last few hundred characters are examined, so a huge excerpt costs linear time.
 */
export const stripTitleRepeat = ({
  excerpt,
  title,
}: {
  excerpt: string
  title: string
}): StrippedExcerpt => {
  const titleWords = tokenize({ text: title }).map((token) => token.word)
  if (titleWords.length === 0) return { excerpt, match: 'none' }
  const windowStart = Math.max(0, excerpt.length - Math.max(600, title.length * 4))
  let tail = tokenize({ text: excerpt.slice(windowStart), offset: windowStart })
  // The window may cut a word in half; that fragment cannot start a repeat.
  if (windowStart > 0 && /[\p{L}\p{N}]/u.test(excerpt[windowStart - 1])) tail = tail.slice(1)
  for (let k = Math.max(0, tail.length - titleWords.length); k < tail.length; k += 1) {
    if (tail[k].word !== titleWords[0]) continue
    const match = classify({ tail: tail.slice(k).map((token) => token.word), title: titleWords })
    if (match === 'none') continue
    const start = tail[k].start
    return {
      excerpt: excerpt.slice(0, start).trim(),
      match,
      repeat: excerpt.slice(start).trim(),
    }
  }
  return { excerpt, match: 'none' }
}
