import type { CollectionConfig, Config, Payload, Plugin } from 'payload'

import { SearchIndex } from '../../../collections/SearchIndex.ts'
import { slugs } from '../../../collections/slugs.ts'
import { chainOnInit } from '../onInit.ts'
import { whenOtherInstancesChange } from '../responseCache/changes.ts'
import { indexAfterChange, removeAfterDelete } from './hooks.ts'
import { isIndexedCollection, rebuildSearchIndex, staleIndexReason } from './indexer.ts'
import { ensureMongoTextIndex } from './query.ts'
import { forgetSynonyms } from './synonyms.ts'

export { rebuildSearchIndex, staleIndexReason } from './indexer.ts'
export { SKIP_SEARCH_INDEX } from './hooks.ts'

const indexed = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: {
    ...collection.hooks,
    afterChange: [...(collection.hooks?.afterChange ?? []), indexAfterChange],
    afterDelete: [...(collection.hooks?.afterDelete ?? []), removeAfterDelete],
  },
})

/** A write of a topic changes the synonyms its names stand for. */
const topicsWatched = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: {
    ...collection.hooks,
    afterChange: [
      ...(collection.hooks?.afterChange ?? []),
      ({ doc, req }): unknown => {
        forgetSynonyms(req.payload)
        return doc
      },
    ],
    afterDelete: [
      ...(collection.hooks?.afterDelete ?? []),
      ({ doc, req }): unknown => {
        forgetSynonyms(req.payload)
        return doc
      },
    ],
  },
})

/** Rebuilds the index in the background when it does not match the published documents. */
const backfill = async (payload: Payload): Promise<void> => {
  const reason = await staleIndexReason(payload)
  if (!reason) return
  payload.logger.info({ msg: `Search index out of date (${reason}): rebuilding` })
  const started = Date.now()
  const { indexed: count, removed } = await rebuildSearchIndex({ payload })
  payload.logger.info({
    msg: `Search index rebuilt: ${count} documents, ${removed} stale rows removed, ${Date.now() - started} ms`,
  })
}

/**
 * Full-text search of published posts and digests: the `search-index` collection
 * (collections/SearchIndex.ts), kept in step by hooks on posts and digests in each write's
 * transaction, and on start (when `backfillOnStart`) rebuilt in the background if it does not
 * match what is published. The endpoints are the content API's (src/endpoints/search.ts).
 */
export const search =
  ({ backfillOnStart }: { backfillOnStart: boolean }): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: [
      ...(config.collections ?? []).map((collection) =>
        isIndexedCollection(collection.slug)
          ? indexed(collection)
          : collection.slug === slugs.topics
            ? topicsWatched(collection)
            : collection,
      ),
      SearchIndex,
    ],
    onInit: chainOnInit({
      config,
      task: async (payload) => {
        // Another instance may have renamed a topic: its names are read again.
        whenOtherInstancesChange(forgetSynonyms)
        if (payload.db.name === 'mongoose') await ensureMongoTextIndex(payload)
        if (!backfillOnStart) return
        // In the background: a large index takes a while, and search answers meanwhile.
        void backfill(payload).catch((err: unknown) =>
          payload.logger.error({ err, msg: 'Search index rebuild failed' }),
        )
      },
    }),
  })
