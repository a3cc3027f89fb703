import type { CollectionSlug, Config, Plugin } from 'payload'

import { PreviewLinks } from '../../collections/PreviewLinks/index.ts'
import {
  createPreviewLinkEndpoint,
  previewEndpoint,
} from '../../collections/PreviewLinks/endpoints.ts'

type PreviewedSlug = Parameters<typeof createPreviewLinkEndpoint>[0]

/**
 * Shareable, expiring links to one draft of the collections it names: staff create one with
 * `POST /api/<collection>/:id/preview-link`, anyone holding it reads that draft at
 * `GET /api/preview/:token` until it expires or is revoked (`preview-links`).
 */
export const previewLinks =
  ({ collections }: { collections: readonly CollectionSlug[] }): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: [
      ...(config.collections ?? []).map((collection) =>
        (collections as readonly string[]).includes(collection.slug)
          ? {
              ...collection,
              endpoints: [
                ...(collection.endpoints || []),
                createPreviewLinkEndpoint(collection.slug as PreviewedSlug),
              ],
            }
          : collection,
      ),
      PreviewLinks,
    ],
    endpoints: [...(config.endpoints ?? []), previewEndpoint],
  })
