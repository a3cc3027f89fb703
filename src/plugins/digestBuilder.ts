import type { CollectionConfig, Config, Field, Plugin } from 'payload'

import {
  buildEndpoint,
  emailEndpoint,
  issueNumberEndpoint,
  proposalEndpoint,
} from '../../collections/digestBuilder/endpoints.ts'
import { insertBefore } from '../../collections/fields/insertBefore.ts'
import { slugs } from '../../collections/slugs.ts'

/** Where the builder opens in the admin, under the digests' list: `/admin/collections/digests/build`. */
export const DIGEST_BUILDER_PATH = '/build'

/** The edit view's sidebar control: linked posts not published, and the email preview. */
const digestEmailControl: Field = {
  name: 'digestEmail',
  type: 'ui',
  admin: {
    position: 'sidebar',
    disableListColumn: true,
    components: { Field: '/components/DigestBuilder/DigestEmailControl.tsx#DigestEmailControl' },
  },
}

const withBuilder = ({
  collection,
  siteUrl,
}: {
  collection: CollectionConfig
  siteUrl: string
}): CollectionConfig => ({
  ...collection,
  admin: {
    ...collection.admin,
    components: {
      ...collection.admin?.components,
      // Under the list's title, beside "Create new": the way to the builder.
      Description: '/components/DigestBuilder/BuildDigestLink.tsx#BuildDigestLink',
      views: {
        ...collection.admin?.components?.views,
        build: {
          Component: '/components/DigestBuilder/index.tsx#DigestBuilderView',
          path: DIGEST_BUILDER_PATH,
          exact: true,
        },
      },
    },
  },
  // Before Payload's own `/:id` routes, which would read "proposal" as an id.
  endpoints: [
    proposalEndpoint,
    issueNumberEndpoint,
    buildEndpoint,
    emailEndpoint({ siteUrl }),
    ...(collection.endpoints || []),
  ],
  fields: insertBefore({
    fields: collection.fields,
    before: 'provenance',
    added: [digestEmailControl],
  }),
})

/**
 * The digest builder (README: Digest builder): an admin view that proposes a week's (or a
 * range's) published posts as digest items grouped by language and creates the draft; its
 * endpoints (`/api/digests/proposal`, `/issue-number`, `/build`); and every digest as an email
 * (`/api/digests/:id/email`), previewed from the edit view's sidebar. Links in the email point
 * to the public site (`siteUrl`, PUBLIC_SITE_URL).
 */
export const digestBuilder =
  ({ siteUrl }: { siteUrl: string }): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: (config.collections ?? []).map((collection) =>
      collection.slug === slugs.digests ? withBuilder({ collection, siteUrl }) : collection,
    ),
  })
