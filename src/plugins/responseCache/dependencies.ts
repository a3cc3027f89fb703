import { AsyncLocalStorage } from 'node:async_hooks'

import type { Payload } from 'payload'

import { anyDocumentOf, EVERYTHING, readDependencies } from '../../../lib/cacheDependencies.ts'
import { sharedInProcess } from '../../../lib/processState.ts'
import { uniqueFieldsOf } from '../uniqueFields.ts'

/**
 * What an answer read, found out while it is made: the Express server runs Payload's handler
 * inside `trackReads` (src/server/middleware/payloadApi.ts), and the database adapter's reads
 * note their keys (lib/cacheDependencies.ts) on the way. A read the adapter does not see (the
 * search's own SQL) says so with `dependOnEverything`.
 */

type Reads = Set<string>

const tracker = (): AsyncLocalStorage<Reads> =>
  sharedInProcess('responseCacheReads', () => new AsyncLocalStorage<Reads>())

/** What each request's answer read, noted by the Express server for the response cache. */
const requestReads = (): WeakMap<object, ReadonlySet<string>> =>
  sharedInProcess('responseCacheRequestReads', () => new WeakMap<object, ReadonlySet<string>>())

/** Notes that the answer to `request` read `reads`. */
export const rememberReads = (request: object, reads: ReadonlySet<string>): void => {
  requestReads().set(request, reads)
}

/** The keys the answer to `request` depends on: everything unless its reads were tracked. */
export const dependenciesOf = (request: object): string[] => {
  const reads = requestReads().get(request)
  return reads ? [...reads] : [EVERYTHING]
}

/** Runs `work`, noting what it reads; gives its result and the keys of what it read. */
export const trackReads = async <T>(
  work: () => Promise<T>,
): Promise<{ result: T; reads: Reads }> => {
  const reads: Reads = new Set()
  const result = await tracker().run(reads, work)
  return { result, reads }
}

const note = (keys: readonly string[]) => {
  const reads = tracker().getStore()
  if (reads) for (const key of keys) reads.add(key)
}

/** The answer being made depends on everything (any write drops it). */
export const dependOnEverything = (): void => note([EVERYTHING])

type Adapter = Payload['db']
type CollectionRead = { collection: string; where?: unknown; sort?: unknown }

/** Adapter reads of one collection that depend on whichever documents `where` pins. */
const PINNABLE = ['find', 'findOne'] as const
/** Adapter reads of one collection that depend on all its documents. */
const WHOLE_COLLECTION = ['count', 'queryDrafts', 'findDistinct'] as const
/** Adapter reads the cache does not break down: they depend on everything. */
const ANYTHING = [
  'findGlobal',
  'findGlobalVersions',
  'findVersions',
  'countVersions',
  'countGlobalVersions',
] as const

/**
 * Makes the adapter of `payload` note what each of its reads depends on, when a read is being
 * tracked (the defect register's "no-read-listener": Payload has no such hook). A collection
 * with join fields depends on the collections they list as well.
 */
export const trackAdapterReads = (payload: Payload): void => {
  const db = payload.db as Adapter & Record<string, unknown>
  const unique = uniqueFieldsOf(payload)
  const joined = new Map<string, string[]>(
    Object.values(payload.collections).map(({ config }) => [
      config.slug,
      config.flattenedFields.flatMap((field) =>
        field.type === 'join'
          ? (Array.isArray(field.collection) ? field.collection : [field.collection]).map(
              anyDocumentOf,
            )
          : [],
      ),
    ]),
  )
  const wrap = (name: string, keysOf: (args: CollectionRead) => string[]) => {
    const original = db[name]
    if (typeof original !== 'function') return
    const bound = (original as (args: unknown) => unknown).bind(db)
    db[name] = (args: CollectionRead) => {
      if (tracker().getStore()) {
        note(keysOf(args))
        note(joined.get(args.collection) ?? [])
      }
      return bound(args)
    }
  }
  for (const name of PINNABLE) {
    wrap(name, ({ collection, where, sort }) =>
      readDependencies({ collection, where, sort, unique: unique.get(collection) ?? new Set() }),
    )
  }
  for (const name of WHOLE_COLLECTION) wrap(name, ({ collection }) => [anyDocumentOf(collection)])
  for (const name of ANYTHING) wrap(name, () => [EVERYTHING])
}
