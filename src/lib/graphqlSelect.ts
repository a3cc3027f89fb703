import { configToSchema } from '@payloadcms/graphql'
import { Kind, OperationTypeNode, parse, type DocumentNode } from 'graphql'
import type { SanitizedConfig } from 'payload'

import { findGraphqlDocumentProblem, graphqlRefusal } from './graphqlGuard.ts'
import { cacheKeyOf } from './responseCache.ts'

/**
 * Payload's GraphQL reads whole documents, runs every field hook and populates relationships
 * in full unless a query passes `select: true`; then it reads only the fields the query asks
 * for. That is what a client means anyway, so queries get it by default: a list of posts with
 * author and source names no longer counts each author's posts or reads every post body.
 * A query that says `select: false` keeps Payload's whole-document behaviour.
 */

/** Inserts `select: true` into every top-level query field in `selectable` that lacks it. */
export const addSelectArgument = (query: string, selectable: ReadonlySet<string>): string => {
  let document: DocumentNode
  try {
    document = parse(query)
  } catch {
    return query // Payload answers a malformed query with its own error.
  }
  // Text edits at exact offsets, so the rest of the query (and error locations) stay as sent.
  const edits: { at: number; text: string }[] = []
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OPERATION_DEFINITION ||
      definition.operation !== OperationTypeNode.QUERY
    )
      continue
    for (const selection of definition.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD || !selectable.has(selection.name.value)) continue
      const args = selection.arguments ?? []
      if (args.some((arg) => arg.name.value === 'select')) continue
      const last = args.at(-1)
      if (last?.loc) edits.push({ at: last.loc.end, text: ', select: true' })
      else if (!last && selection.name.loc) {
        edits.push({ at: selection.name.loc.end, text: '(select: true)' })
      }
    }
  }
  return edits
    .sort((a, b) => b.at - a.at)
    .reduce((text, edit) => `${text.slice(0, edit.at)}${edit.text}${text.slice(edit.at)}`, query)
}

let selectableFields: Promise<Set<string>> | undefined

/** The top-level query fields of our schema that take `select` (collection finds and reads). */
const selectableOf = (config: Promise<SanitizedConfig> | SanitizedConfig): Promise<Set<string>> =>
  (selectableFields ??= (async () => {
    const { schema } = configToSchema(await config)
    const fields = Object.values(schema.getQueryType()?.getFields() ?? {})
    return new Set(
      fields.filter((field) => field.args.some((arg) => arg.name === 'select')).map((f) => f.name),
    )
  })())

type GraphQLBody = { query?: unknown }

/** True when every operation of the query is a read (no mutation, no subscription). */
export const isReadOnly = (query: string): boolean => {
  try {
    return parse(query).definitions.every(
      (definition) =>
        definition.kind !== Kind.OPERATION_DEFINITION ||
        definition.operation === OperationTypeNode.QUERY,
    )
  } catch {
    return false
  }
}

/**
 * The same request, with `select: true` added to the queries of a JSON GraphQL body; and, for a
 * single read-only operation, a key its answer can be cached under. A query
 * `findGraphqlDocumentProblem` refuses comes back as `refusal`, a 400 to answer instead: it is
 * checked here, where the body is read anyway, and before any unbounded parse of it.
 */
export const selectByDefault = async (
  request: Request,
  config: Promise<SanitizedConfig> | SanitizedConfig,
): Promise<{ request: Request; cacheKey?: string; refusal?: Response }> => {
  if (!request.headers.get('content-type')?.toLowerCase().includes('application/json')) {
    return { request }
  }
  const text = await request.clone().text()
  let body: GraphQLBody | GraphQLBody[]
  try {
    body = JSON.parse(text) as GraphQLBody | GraphQLBody[]
  } catch {
    return { request }
  }
  for (const entry of Array.isArray(body) ? body : [body]) {
    const problem =
      typeof entry?.query === 'string' ? findGraphqlDocumentProblem(entry.query) : null
    if (problem) return { request, refusal: graphqlRefusal(problem) }
  }
  const selectable = await selectableOf(config)
  const rewrite = (entry: GraphQLBody) =>
    entry && typeof entry === 'object' && typeof entry.query === 'string'
      ? { ...entry, query: addSelectArgument(entry.query, selectable) }
      : entry
  const rewritten = Array.isArray(body) ? body.map(rewrite) : rewrite(body)
  const rewrittenText = JSON.stringify(rewritten)
  // Keyed by the body as sent, so the Express server can answer from the cache before Next.
  const cacheKey =
    !Array.isArray(rewritten) && typeof rewritten?.query === 'string' && isReadOnly(rewritten.query)
      ? cacheKeyOf({
          method: 'POST',
          url: request.url,
          origin: request.headers.get('origin'),
          body: text,
        })
      : undefined
  if (rewrittenText === text) return { request, cacheKey }
  const headers = new Headers(request.headers)
  headers.delete('content-length')
  return {
    request: new Request(request.url, { method: request.method, headers, body: rewrittenText }),
    cacheKey,
  }
}
