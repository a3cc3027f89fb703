import { LRUCache } from 'lru-cache'

import { EVERYTHING } from '../../../lib/cacheDependencies.ts'
import { parseCacheSeconds } from '../../../lib/envValues.ts'
import { sharedInProcess } from '../../../lib/processState.ts'

/**
 * A small in-process cache of what anonymous readers get from the content API and the feeds.
 *
 * Correctness comes from what each answer depends on, not from the TTL. An answer is kept with
 * the keys of what it read (lib/cacheDependencies.ts: a list of posts depends on every post, a
 * post by slug on that post and the authors and sources it shows), and each committed write
 * drops the answers that depend on what it changed, and those only. An answer that read
 * something a write changed while it was being made is never kept. Other instances' writes drop
 * everything (src/plugins/responseCache/changes.ts); while they cannot be seen, nothing is
 * served from the cache. The TTL (`API_CACHE_SECONDS`, 0 turns the cache off) only frees memory.
 *
 * Payload's hooks (in Next's bundle) report the writes; the Express server reads and fills the
 * entries (src/server/middleware/httpCache.ts): one store for both (lib/processState.ts).
 */

/** Encodings of a body kept beside it (src/server/middleware/compressedAnswers.ts). */
export type KeptEncoding = 'br' | 'gzip'

/**
 * One kept answer: its status, headers and body, the content version it was read at, and the
 * keys of what it depends on.
 */
export type CachedAnswer = Readonly<{
  version: number
  status: number
  headers: [string, string][]
  body: Uint8Array
  /** The body's ETag, worked out once. */
  etag?: string
  dependsOn: readonly string[]
  /** The body encoded for readers who accept an encoding, once one has asked for it. */
  encoded?: Readonly<Partial<Record<KeptEncoding, Uint8Array>>>
}>

/** A write: the content version it made, and the keys it changed (or everything). */
type Change = { version: number; keys: ReadonlySet<string> | typeof EVERYTHING }

type Store = {
  version: number
  entries: LRUCache<string, CachedAnswer>
  /** The keys of the entries that depend on each key. */
  dependents: Map<string, Set<string>>
  /** The latest writes, to tell whether an answer read meanwhile may be kept. */
  recent: Change[]
  /** True while other instances' writes cannot be seen: nothing is served meanwhile. */
  isBlind: boolean
}

/** Entries larger than this are not kept. */
const MAX_ENTRY_BYTES = 1024 * 1024
/** All entries together. */
const MAX_TOTAL_BYTES = 64 * 1024 * 1024
/** Writes remembered; an answer that took longer than this many writes is not kept. */
const RECENT_CHANGES = 1000

/** The server validated API_CACHE_SECONDS at start (src/env.ts): same rule and default. */
const ttlSeconds = (): number => parseCacheSeconds(process.env.API_CACHE_SECONDS)

/** True unless `API_CACHE_SECONDS=0` turned the cache off. */
export const isCacheOn = (): boolean => ttlSeconds() > 0

const store = (): Store =>
  sharedInProcess<Store>('responseCache', () => {
    const dependents = new Map<string, Set<string>>()
    const entries = new LRUCache<string, CachedAnswer>({
      maxSize: MAX_TOTAL_BYTES,
      sizeCalculation: (entry) =>
        entry.body.byteLength +
        (entry.encoded?.br?.byteLength ?? 0) +
        (entry.encoded?.gzip?.byteLength ?? 0) +
        200,
      ttl: Math.max(ttlSeconds(), 1) * 1000,
      // An entry that goes (dropped, replaced, evicted or expired) leaves the index.
      dispose: (entry, key) => {
        for (const dependency of entry.dependsOn) {
          const keys = dependents.get(dependency)
          keys?.delete(key)
          if (keys?.size === 0) dependents.delete(dependency)
        }
      },
    })
    return { version: 0, entries, dependents, recent: [], isBlind: false }
  })

const dropDependentsOf = (current: Store, dependency: string) => {
  const keys = current.dependents.get(dependency)
  if (!keys) return
  for (const key of [...keys]) current.entries.delete(key)
}

/**
 * A write changed `keys` (lib/cacheDependencies.ts), or everything: drops the answers that
 * depend on any of them, and the answers that depend on everything.
 */
export const contentChanged = (keys: readonly string[] | typeof EVERYTHING): void => {
  const current = store()
  current.version += 1
  const change: Change = {
    version: current.version,
    keys: keys === EVERYTHING ? EVERYTHING : new Set(keys),
  }
  current.recent.push(change)
  if (current.recent.length > RECENT_CHANGES) current.recent.shift()
  if (change.keys === EVERYTHING) {
    current.entries.clear()
    return
  }
  dropDependentsOf(current, EVERYTHING)
  for (const key of change.keys) dropDependentsOf(current, key)
}

/** Marks everything cached so far as out of date (a write whose extent is not known). */
export const bumpContentVersion = (): void => contentChanged(EVERYTHING)

/**
 * While other instances' writes cannot be seen (`isBlind`), nothing is served from the cache;
 * when they can again, everything kept before is dropped.
 */
export const setBlind = (isBlind: boolean): void => {
  const current = store()
  if (current.isBlind && !isBlind) bumpContentVersion()
  current.isBlind = isBlind
}

/** The content version now: a read that starts at it may be kept if it is still current after. */
export const contentVersion = (): number => store().version

/** The kept answer for `key` when the cache is on and nothing it depends on changed since. */
export const freshAnswer = (key: string): CachedAnswer | undefined => {
  if (!isCacheOn()) return undefined
  const current = store()
  return current.isBlind ? undefined : current.entries.get(key)
}

/** True when a write since `version` changed something `dependsOn` names (or may have). */
const changedSince = (current: Store, version: number, dependsOn: readonly string[]) => {
  if (version === current.version) return false
  const first = current.recent[0]
  // Older writes are forgotten: whether they touched the answer is not known.
  if (!first || first.version > version + 1) return true
  const dependsOnAll = dependsOn.includes(EVERYTHING)
  return current.recent.some(
    (change) =>
      change.version > version &&
      (change.keys === EVERYTHING ||
        dependsOnAll ||
        dependsOn.some((key) => (change.keys as ReadonlySet<string>).has(key))),
  )
}

/**
 * Keeps an answer read at `version` under `key`, unless a write changed what it depends on
 * meanwhile (it may predate the write) or the body is too large.
 */
export const keepAnswer = ({ key, answer }: { key: string; answer: CachedAnswer }): void => {
  const current = store()
  if (!isCacheOn() || current.isBlind) return
  if (changedSince(current, answer.version, answer.dependsOn)) return
  if (answer.body.byteLength > MAX_ENTRY_BYTES) return
  setEntry(current, key, answer, ttlSeconds() * 1000)
}

/** Sets an entry and indexes it by what it depends on (replacing one drops its index first). */
const setEntry = (current: Store, key: string, answer: CachedAnswer, ttl: number) => {
  current.entries.set(key, answer, { ttl })
  if (!current.entries.has(key)) return
  for (const dependency of answer.dependsOn) {
    let keys = current.dependents.get(dependency)
    if (!keys) current.dependents.set(dependency, (keys = new Set()))
    keys.add(key)
  }
}

/**
 * Keeps `body`, the answer's body in `encoding`, beside the answer kept under `key`, if that
 * answer is still the one kept (a write may have dropped it meanwhile). It keeps the time it
 * had left.
 */
export const keepEncoding = ({
  key,
  answer,
  encoding,
  body,
}: {
  key: string
  answer: CachedAnswer
  encoding: KeptEncoding
  body: Uint8Array
}): void => {
  const current = store()
  if (current.isBlind || current.entries.peek(key) !== answer) return
  const ttl = current.entries.getRemainingTTL(key)
  if (!(ttl > 0)) return
  setEntry(current, key, { ...answer, encoded: { ...answer.encoded, [encoding]: body } }, ttl)
}
