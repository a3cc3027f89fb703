import { normalizeName } from './names.ts'

/**
 * The comparison key of a spelling: a normalised name without its spaces, so "P.M.O.I.",
 * "PMOI" and "pmoi" are one spelling.
 */
export const spellingKey = (spelling: string): string =>
  normalizeName({ name: spelling }).replace(/ /g, '')

/** A topic as its spellings: its name and the other names the material gives it. */
export type TopicSpellings = {
  id?: number | string
  name: string
  aliases?: readonly string[] | null
}

/** Every spelling of a topic, name first, each once (compared by {@link spellingKey}). */
export const spellingsOf = ({ name, aliases }: TopicSpellings): string[] => {
  const seen = new Set<string>()
  const out: string[] = []
  for (const spelling of [name, ...(aliases ?? [])]) {
    const key = spellingKey(spelling)
    if (key === '' || seen.has(key)) continue
    seen.add(key)
    out.push(spelling.trim())
  }
  return out
}

/**
 * Why a topic's aliases cannot be saved, or undefined when they can: an alias must have a
 * letter or digit, and no spelling may belong to two topics ("MKO" names one group only), so
 * a search or an import that meets it knows which topic is meant.
 */
export const aliasProblem = ({
  topic,
  others,
}: {
  topic: TopicSpellings
  others: readonly TopicSpellings[]
}): string | undefined => {
  for (const alias of topic.aliases ?? []) {
    if (spellingKey(alias) === '')
      return `"${alias}" is not a spelling: an alias needs a letter or a digit`
  }
  const taken = new Map<string, string>()
  for (const other of others) {
    if (topic.id !== undefined && String(other.id) === String(topic.id)) continue
    for (const spelling of spellingsOf(other)) taken.set(spellingKey(spelling), other.name)
  }
  for (const spelling of spellingsOf(topic)) {
    const owner = taken.get(spellingKey(spelling))
    if (owner !== undefined) return `"${spelling}" already names the topic "${owner}"`
  }
  return undefined
}
