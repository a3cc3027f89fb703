import type { CollectionConfig, CollectionSlug, Config, Field, Plugin } from 'payload'

import { insertBefore } from '../../collections/fields/insertBefore.ts'
import { PreviewLinks } from '../../collections/PreviewLinks/index.ts'
import {
  createPreviewLinkEndpoint,
  previewEndpoint,
  type PreviewedCollection,
} from '../../collections/PreviewLinks/endpoints.ts'

/** The sidebar control that makes a link, shows it with a copy button, and opens it. */
const previewLinkControl: Field = {
  name: 'previewLink',
  type: 'ui',
  admin: {
    position: 'sidebar',
    disableListColumn: true,
    components: { Field: '/components/PreviewLinkControl.tsx#PreviewLinkControl' },
  },
}

const withPreviewLinks = ({
  collection,
  linkTemplate,
}: {
  collection: CollectionConfig
  linkTemplate?: string
}): CollectionConfig => ({
  ...collection,
  endpoints: [
    ...(collection.endpoints || []),
    createPreviewLinkEndpoint({
      collection: collection.slug as PreviewedCollection,
      linkTemplate,
    }),
  ],
  // Below the workflow's stage and owner, above the import provenance.
  fields: insertBefore({
    fields: collection.fields,
    before: 'provenance',
    added: [previewLinkControl],
  }),
})

/**
 * Shareable, expiring links to one draft of the collections it names: staff create one from
 * the edit view's sidebar or with `POST /api/<collection>/:id/preview-link`; anyone holding it
 * reads that draft at `GET /api/preview/:token` (a page in browsers, JSON for front ends) until
 * it expires or is revoked (`preview-links`). With `linkTemplate` (PREVIEW_URL), links point to
 * a front end's preview page instead, which reads the JSON.
 */
export const previewLinks =
  ({
    collections,
    linkTemplate,
  }: {
    collections: readonly CollectionSlug[]
    linkTemplate?: string
  }): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: [
      ...(config.collections ?? []).map((collection) =>
        (collections as readonly string[]).includes(collection.slug)
          ? withPreviewLinks({ collection, linkTemplate })
          : collection,
      ),
      PreviewLinks,
    ],
    endpoints: [...(config.endpoints ?? []), previewEndpoint],
  })
