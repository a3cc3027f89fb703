import type { Config, Plugin, SanitizedConfig } from 'payload'

import { chainOnInit } from '../onInit.ts'
import { selectableFieldsProvider } from './provider.ts'

/**
 * Payload's GraphQL reads whole documents, runs every field hook and populates relationships
 * in full unless a query passes `select: true`; then it reads only the fields the query asks
 * for. That is what a client means anyway, so queries get it by default (the Express server
 * adds it, src/server/middleware/graphql.ts): a list of posts with author and source names no
 * longer counts each author's posts or reads every post body. A query that says
 * `select: false` keeps Payload's whole-document behaviour.
 */

/** The top-level query fields of the schema that take `select` (collection finds and reads). */
export const selectableQueryFields = async (config: SanitizedConfig): Promise<Set<string>> => {
  // Loaded when first needed: the seed CLI and other scripts never build the schema.
  const { configToSchema } = await import('@payloadcms/graphql')
  const { schema } = configToSchema(config)
  const fields = Object.values(schema.getQueryType()?.getFields() ?? {})
  return new Set(
    fields.filter((field) => field.args.some((arg) => arg.name === 'select')).map((f) => f.name),
  )
}

/**
 * Makes the schema's selectable fields known to the Express server once Payload runs: worked
 * out on the first GraphQL request, from the config Payload built.
 */
export const graphqlSelectByDefault =
  (): Plugin =>
  (config: Config): Config => ({
    ...config,
    onInit: chainOnInit({
      config,
      task: (payload) => {
        let fields: Promise<ReadonlySet<string>> | undefined
        selectableFieldsProvider().of = () => (fields ??= selectableQueryFields(payload.config))
      },
    }),
  })
