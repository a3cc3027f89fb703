import { LRUCache } from 'lru-cache'

import { parseCacheSeconds } from '../../../lib/envValues.ts'
import { sharedInProcess } from '../../../lib/processState.ts'

/**
 * A small in-process cache of what anonymous readers get from the content API and the feeds.
 *
 * Correctness comes from a content version, not from the TTL: every committed write (and every
 * write outside a transaction, through the collection hooks) bumps it, and an entry is served
 * only while the version it was read at is still current. A read that overlaps a write is never
 * stored. The TTL only bounds how long another server process, whose writes this one cannot see,
 * may keep serving an answer (`API_CACHE_SECONDS`, 0 turns the cache off).
 *
 * Payload's hooks (in Next's bundle) bump the version; the Express server reads and fills the
 * entries (src/server/middleware/httpCache.ts): one store for both (lib/processState.ts).
 */

/** One kept answer: its status, headers and body, and the content version it was read at. */
export type CachedAnswer = Readonly<{
  version: number
  status: number
  headers: [string, string][]
  body: Uint8Array
}>

type Store = { version: number; entries: LRUCache<string, CachedAnswer> }

/** Entries larger than this are not kept. */
const MAX_ENTRY_BYTES = 1024 * 1024
/** All entries together. */
const MAX_TOTAL_BYTES = 64 * 1024 * 1024

/** The server validated API_CACHE_SECONDS at start (src/env.ts): same rule and default. */
const ttlSeconds = (): number => parseCacheSeconds(process.env.API_CACHE_SECONDS)

/** True unless `API_CACHE_SECONDS=0` turned the cache off. */
export const isCacheOn = (): boolean => ttlSeconds() > 0

const store = (): Store =>
  sharedInProcess<Store>('responseCache', () => ({
    version: 0,
    entries: new LRUCache<string, CachedAnswer>({
      maxSize: MAX_TOTAL_BYTES,
      sizeCalculation: (entry) => entry.body.byteLength + 200,
      ttl: Math.max(ttlSeconds(), 1) * 1000,
    }),
  }))

/** Marks everything cached so far as out of date. Called after every write. */
export const bumpContentVersion = (): void => {
  const current = store()
  current.version += 1
  current.entries.clear()
}

/** The content version now: a read that starts at it may be kept if it is still current after. */
export const contentVersion = (): number => store().version

/** The kept answer for `key` when the cache is on and the answer is still current. */
export const freshAnswer = (key: string): CachedAnswer | undefined => {
  if (!isCacheOn()) return undefined
  const current = store()
  const found = current.entries.get(key)
  return found && found.version === current.version ? found : undefined
}

/**
 * Keeps an answer read at `version` under `key`, unless a write happened meanwhile (it may
 * predate the write) or the body is too large.
 */
export const keepAnswer = ({ key, answer }: { key: string; answer: CachedAnswer }): void => {
  const current = store()
  if (!isCacheOn() || answer.version !== current.version) return
  if (answer.body.byteLength > MAX_ENTRY_BYTES) return
  current.entries.set(key, answer, { ttl: ttlSeconds() * 1000 })
}
