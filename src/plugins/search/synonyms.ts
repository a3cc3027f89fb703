import type { Payload } from 'payload'

import { slugs } from '../../../collections/slugs.ts'
import { synonymGroups, type SynonymGroup } from '../../../lib/searchQuery.ts'

/**
 * How long an instance keeps the topics' names at most: a write here forgets them at once, and
 * another instance's as soon as this one sees it (src/plugins/responseCache/changes.ts).
 */
const TTL_MS = 30_000

const cache = new WeakMap<Payload, { at: number; groups: SynonymGroup[] }>()

/** Forgets the names read (a topic was written, here or by another instance). */
export const forgetSynonyms = (payload: Payload): void => {
  cache.delete(payload)
}

/** Each topic's name and aliases, as synonym groups (lib/searchQuery.ts), read at most every 30 s. */
export const topicSynonyms = async (payload: Payload): Promise<SynonymGroup[]> => {
  const cached = cache.get(payload)
  if (cached && Date.now() - cached.at < TTL_MS) return cached.groups
  const { docs } = await payload.find({
    collection: slugs.topics,
    select: { name: true, aliases: true },
    depth: 0,
    pagination: false,
    limit: 0,
    overrideAccess: true,
  })
  const groups = synonymGroups(docs)
  cache.set(payload, { at: Date.now(), groups })
  return groups
}
