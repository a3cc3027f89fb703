import { sharedInProcess } from '../../../lib/processState.ts'

/** A Fetch-API request handler: what Payload's Next route handlers are made of. */
export type WebHandler = (request: Request) => Promise<Response>

type ApiHandlers = {
  /** Payload's REST API (`handleEndpoints`), for every path under /api. */
  rest?: WebHandler
  /** Payload's GraphQL POST handler. */
  graphql?: WebHandler
  /** The feeds (src/endpoints/feeds.ts): `path` is what follows /feeds/, segment by segment. */
  feeds?: (path: string[]) => Promise<Response>
}

/**
 * Where the Express server finds the request handlers of the running Payload, set by the
 * `expressApi` plugin once Payload has started (inside Next). Kept apart so the server does not
 * load Payload for it.
 */
export const apiHandlers = (): ApiHandlers =>
  sharedInProcess<ApiHandlers>('apiHandlers', () => ({}))
