import type { Config, Plugin } from 'payload'

import { ContentChanges } from '../../../collections/ContentChanges.ts'
import { chainOnInit } from '../onInit.ts'
import { watchOtherInstances } from './changes.ts'
import { invalidateResponses } from './hooks.ts'
import { bumpContentVersion } from './store.ts'

/**
 * The response cache's Payload side: every write to any collection drops the cached anonymous
 * answers that depend on what it changed (drafts and staff-only collections excepted, see
 * `changesPublicAnswers`), in this process at once, and in the other instances through the
 * journal of content changes (changes.ts). What an answer depends on is noted as it is read
 * (dependencies.ts, applied by the defect register's "no-read-listener"). The answers
 * themselves are kept and served by the Express server (src/server/middleware/httpCache.ts);
 * commits are signalled by the workaround register.
 */
export const responseCache =
  (): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: [
      ...(config.collections ?? []).map((collection) => ({
        ...collection,
        hooks: {
          ...collection.hooks,
          afterChange: [...(collection.hooks?.afterChange ?? []), invalidateResponses],
          afterDelete: [...(collection.hooks?.afterDelete ?? []), invalidateResponses],
        },
      })),
      ContentChanges,
    ],
    // A new Payload may be looking at another database than the last one in this process.
    onInit: chainOnInit({
      config: {
        ...config,
        onInit: chainOnInit({ config, task: bumpContentVersion, when: 'before' }),
      },
      task: watchOtherInstances,
    }),
  })
