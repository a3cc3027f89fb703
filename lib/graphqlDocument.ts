import {
  Kind,
  OperationTypeNode,
  type DocumentNode,
  GraphQLBoolean,
  GraphQLError,
  GraphQLObjectType,
  GraphQLSchema,
  NoFragmentCyclesRule,
  parse,
  validate,
} from 'graphql'

/**
 * Most tokens a GraphQL document may hold. The complexity limit (1000) already bounds what a
 * query may ask for; this bounds the work of reading it: a 1 MB body of aliases took seconds of
 * CPU to parse before the complexity check could refuse it.
 */
export const MAX_GRAPHQL_TOKENS = 10_000

// The fragment-cycle rule reads the document only; validate() still wants some schema.
const DOCUMENT_ONLY_SCHEMA = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLBoolean } } }),
})

/**
 * Why a GraphQL document must be refused before Payload runs it, or null. Payload's complexity
 * rule recurses through fragments before graphql-js reports a cycle, so `fragment A { ...B }
 * fragment B { ...A }` overflowed the stack (a 500 with an empty body). Syntax errors are left
 * to Payload, which answers them in the GraphQL error format.
 */
export const findGraphqlDocumentProblem = (query: string): GraphQLError | null => {
  let document
  try {
    document = parse(query, { maxTokens: MAX_GRAPHQL_TOKENS })
  } catch (err) {
    if (err instanceof GraphQLError && /tokens/.test(err.message)) {
      return new GraphQLError(
        `The query is too long: at most ${MAX_GRAPHQL_TOKENS} tokens (names, punctuation, values).`,
      )
    }
    return null
  }
  return validate(DOCUMENT_ONLY_SCHEMA, document, [NoFragmentCyclesRule])[0] ?? null
}

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

type GraphQLBody = { query?: unknown }

/** What to do with a GraphQL request body before Payload sees it. */
export type PreparedGraphqlBody =
  | { refusal: GraphQLError }
  | {
      refusal?: undefined
      /** The body to hand on: `select: true` added where a query lacks it. */
      text: string
      /** True for one read-only operation: its answer may be cached, keyed by the body as sent. */
      isCacheable: boolean
    }

/**
 * Reads a JSON GraphQL body (one operation or a batch): refuses documents
 * `findGraphqlDocumentProblem` finds fault with, before any unbounded parse of them, and adds
 * `select: true` to the queries of the `selectable` top-level fields. A body that is not JSON
 * is handed on untouched: Payload answers it with its own error.
 */
export const prepareGraphqlBody = ({
  text,
  selectable,
}: {
  text: string
  selectable: ReadonlySet<string>
}): PreparedGraphqlBody => {
  let body: GraphQLBody | GraphQLBody[]
  try {
    body = JSON.parse(text) as GraphQLBody | GraphQLBody[]
  } catch {
    return { text, isCacheable: false }
  }
  for (const entry of Array.isArray(body) ? body : [body]) {
    const problem =
      typeof entry?.query === 'string' ? findGraphqlDocumentProblem(entry.query) : null
    if (problem) return { refusal: problem }
  }
  const rewrite = (entry: GraphQLBody) =>
    entry && typeof entry === 'object' && typeof entry.query === 'string'
      ? { ...entry, query: addSelectArgument(entry.query, selectable) }
      : entry
  const rewritten = Array.isArray(body) ? body.map(rewrite) : rewrite(body)
  const rewrittenText = JSON.stringify(rewritten)
  return {
    text: rewrittenText === text ? text : rewrittenText,
    isCacheable:
      !Array.isArray(rewritten) &&
      typeof rewritten?.query === 'string' &&
      isReadOnly(rewritten.query),
  }
}

/** The answer to a refused document: GraphQL's error format, for a 400. */
export const graphqlRefusalBody = (
  error: GraphQLError,
): { errors: { message: string; locations?: readonly unknown[] }[] } => ({
  errors: [{ message: error.message, ...(error.locations && { locations: error.locations }) }],
})
