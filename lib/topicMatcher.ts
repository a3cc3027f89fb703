import { normaliseText } from './searchText.ts'

/** A topic as the matcher needs it: its name and the other spellings it goes by. */
export type TopicTerms = { name: string; aliases?: readonly string[] | null }

/**
 * Text folded for matching: search's normalisation (lib/searchText.ts: accents and Arabic-script
 * marks removed, Persian and Arabic letter forms made one, lower case) with curly apostrophes
 * made straight.
 */
export const foldForMatching = (text: string): string =>
  normaliseText(text).replace(/[‘’‚‛′`´]/g, "'")

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The pattern of one spelling: its words in order, separated by any run of spaces, hyphens or
 * apostrophes (`Mojahedin-e Khalq` also finds `Mojahedin e-Khalq`), and not inside a longer
 * word (`MEK` is not found in `Mekong`).
 */
const termPattern = (term: string): string | null => {
  const words = foldForMatching(term)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
  if (words.length === 0) return null
  return `(?<![\\p{L}\\p{N}])${words.map(escape).join("[\\s\\-'‐‑–—]*")}(?![\\p{L}\\p{N}])`
}

/**
 * Builds a matcher that tells which topics a text names, by name or alias: whole words only,
 * case-, accent- and Persian-letter-form-insensitive. Topics come back in the order given, each
 * once. Pure; build it once and use it on many texts.
 */
export const createTopicMatcher = (topics: readonly TopicTerms[]) => {
  const compiled = topics.flatMap((topic) => {
    const patterns = [topic.name, ...(topic.aliases ?? [])]
      .map(termPattern)
      .filter((pattern): pattern is string => pattern !== null)
    return patterns.length === 0
      ? []
      : [{ name: topic.name, pattern: new RegExp(patterns.join('|'), 'u') }]
  })
  return (text: string): string[] => {
    const folded = foldForMatching(text)
    return compiled.filter(({ pattern }) => pattern.test(folded)).map(({ name }) => name)
  }
}

/** The names of the topics `text` names (see {@link createTopicMatcher}). */
export const matchTopics = ({
  text,
  topics,
}: {
  text: string
  topics: readonly TopicTerms[]
}): string[] => createTopicMatcher(topics)(text)
