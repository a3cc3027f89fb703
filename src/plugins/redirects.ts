import type { CollectionSlug, Config, Plugin } from 'payload'

import { redirectOnSlugChange } from '../../collections/Redirects/hooks/automatic.ts'

/**
 * Old addresses keep working: when a published page of the collections it names changes slug
 * (posts and digests on publish, authors and sources on save), a redirect from the old path to
 * the new one is stored in `redirects` in the same transaction. The collection itself (the
 * lookup `GET /api/redirects?path=…`, chains, loops) is collections/Redirects.
 */
export const redirects =
  ({ collections }: { collections: readonly CollectionSlug[] }): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: (config.collections ?? []).map((collection) =>
      (collections as readonly string[]).includes(collection.slug)
        ? {
            ...collection,
            hooks: {
              ...collection.hooks,
              afterChange: [...(collection.hooks?.afterChange ?? []), redirectOnSlugChange],
            },
          }
        : collection,
    ),
  })
