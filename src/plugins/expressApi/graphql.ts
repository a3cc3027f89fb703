import { configToSchema } from '@payloadcms/graphql'
import type { GraphQLError, validate } from 'graphql'
import { createHandler } from 'graphql-http/lib/use/fetch'
import {
  addDataAndFileToRequest,
  addLocalesToRequestFromData,
  createPayloadRequest,
  headersWithCors,
  logError,
  mergeHeaders,
  unlinkClientUploadTempFile,
  type PayloadRequest,
  type SanitizedConfig,
} from 'payload'

import { parseKept, validateKept } from './documents.ts'
import type { WebHandler } from './provider.ts'

type Graphql = ReturnType<typeof configToSchema>
type GraphqlCache = { graphql: Graphql | null; promise: Promise<Graphql> | null }

/**
 * The schema Payload's own GraphQL routes build, from the same place in the process
 * (`global._payload_graphql`, as @payloadcms/next's `getGraphql` keeps it): built once,
 * and again on every request in development, as there.
 */
const getGraphql = async (config: SanitizedConfig): Promise<Graphql> => {
  const holder = globalThis as { _payload_graphql?: GraphqlCache }
  if (!holder._payload_graphql || process.env.NODE_ENV === 'development') {
    holder._payload_graphql = { graphql: null, promise: null }
  }
  const cached = holder._payload_graphql
  if (cached.graphql) return cached.graphql
  cached.promise ??= Promise.resolve().then(() => configToSchema(config))
  try {
    cached.graphql = await cached.promise
  } catch (err) {
    cached.promise = null
    throw err
  }
  return cached.graphql
}

type OperationError = GraphQLError & {
  originalError?: (Error & { status?: number; data?: unknown }) | null
}

/** An error of an operation as Payload's GraphQL route answers it (its `handleError`). */
const formatError = async ({ err, req }: { err: OperationError; req: PayloadRequest }) => {
  const { payload } = req
  const status = err.originalError?.status || 500
  logError({ err, payload })
  // A 500 can carry anything, secrets included: its details only in debug mode.
  const message = !payload.config.debug && status === 500 ? 'Something went wrong.' : err.message
  let response: Record<string, unknown> = {
    extensions: {
      name: err.originalError?.name || undefined,
      data: err.originalError?.data || undefined,
      stack: payload.config.debug ? err.stack : undefined,
      statusCode: status,
    },
    locations: err.locations,
    message,
    path: err.path,
  }
  for (const hook of payload.config.hooks.afterError ?? []) {
    const result = await hook({
      context: req.context,
      error: err,
      graphqlResult: response,
      req,
    } as never)
    if (result) response = (result as { graphqlResult?: typeof response }).graphqlResult || response
  }
  return response
}

/**
 * Payload's GraphQL POST handler (@payloadcms/next `routes/graphql/handler.js`, 3.90.2), line for
 * line, with parsed and checked documents kept (above). Register entry
 * `graphql-parsed-per-request`; its canary fails when Payload's handler changes.
 */
export const graphqlPost =
  (config: SanitizedConfig): WebHandler =>
  async (request) => {
    const originalRequest = request.clone()
    const req = await createPayloadRequest({ canSetHeaders: true, config, request })
    const { payload } = req
    if (payload.config.graphQL?.disable) return new Response(null, { status: 404 })
    try {
      await addDataAndFileToRequest(req)
      addLocalesToRequestFromData(req)
      const { schema, validationRules } = await getGraphql(config)
      const headers: Record<string, string> = {}
      const apiResponse = await createHandler({
        context: { headers, req },
        onOperation: async (operationRequest, args, result) => {
          const response = (
            typeof payload.extensions === 'function'
              ? await payload.extensions({ args, req: operationRequest, result })
              : result
          ) as typeof result
          if (response.errors) {
            const errors = await Promise.all(
              (result.errors ?? []).map((err) => formatError({ err, req })),
            )
            return { ...response, errors } as never
          }
          return response
        },
        parse: parseKept,
        schema,
        validate: validateKept as typeof validate,
        validationRules: (_, args, defaultRules) =>
          defaultRules.concat(validationRules(args as never)),
      })(originalRequest)
      const responseHeaders = headersWithCors({ headers: new Headers(apiResponse.headers), req })
      for (const key in headers) responseHeaders.append(key, headers[key])
      return new Response(apiResponse.body, {
        headers: req.responseHeaders
          ? mergeHeaders(req.responseHeaders, responseHeaders)
          : responseHeaders,
        status: apiResponse.status,
      })
    } finally {
      // GraphQL reads the body itself, so an upload's temporary file is removed here.
      await unlinkClientUploadTempFile({ req })
    }
  }
