import { handleEndpoints, type Config, type Plugin } from 'payload'

import { chainOnInit } from '../onInit.ts'
import { apiHandlers, type WebHandler } from './provider.ts'

/**
 * The content API without Next's router: once Payload runs, the Express server
 * (src/server/middleware/payloadApi.ts) answers `GET /api/*` and `POST /api/graphql` with the
 * handlers Payload's own Next routes are made of (src/app/(payload)/api), and `GET /feeds/*` with
 * what the feeds' Next route answers (src/endpoints/feeds.ts), from this running Payload. Next
 * keeps the admin and everything else. The answers are the same; the 1.5–2.5 ms of CPU Next
 * spends routing a request and adapting its streams is saved on every read.
 */
export const expressApi =
  (): Plugin =>
  (config: Config): Config => ({
    ...config,
    onInit: chainOnInit({
      config,
      task: (payload) => {
        const handlers = apiHandlers()
        handlers.rest = (request) => handleEndpoints({ config: payload.config, request })
        let graphql: Promise<WebHandler> | undefined
        handlers.graphql = async (request) => {
          // Loaded when first asked: the command-line tools never load the GraphQL handler.
          graphql ??= import('./graphql.ts').then(({ graphqlPost }) => graphqlPost(payload.config))
          return (await graphql)(request)
        }
        // Loaded when first asked too, with the rich-text HTML converter it brings.
        let feeds: Promise<typeof import('../../endpoints/feeds.ts')> | undefined
        handlers.feeds = async (path) => {
          feeds ??= import('../../endpoints/feeds.ts')
          return (await feeds).feedResponse({ payload, path })
        }
      },
    }),
  })
