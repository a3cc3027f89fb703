import type { Config, Plugin } from 'payload'

import { openApiEndpoint } from '../endpoints/openapi.ts'
import { searchEndpoint, searchGraphQLQuery } from '../endpoints/search.ts'

/**
 * What front ends read besides the collections: ranked search of published posts and digests
 * (`/api/search` and GraphQL `search`) and the OpenAPI description of the public API
 * (`/api/openapi.json`). Feeds are Next routes (src/app/(feeds)).
 */
export const contentApi =
  (): Plugin =>
  (config: Config): Config => ({
    ...config,
    endpoints: [...(config.endpoints ?? []), searchEndpoint, openApiEndpoint],
    graphQL: {
      ...config.graphQL,
      queries: (GraphQL, context) => ({
        ...config.graphQL?.queries?.(GraphQL, context),
        ...searchGraphQLQuery(GraphQL),
      }),
    },
  })
