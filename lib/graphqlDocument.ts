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
import { LRUCache } from 'lru-cache'

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

/** A query read once, with the token bound: its document, or why it must be refused. */
type ReadQuery = { document?: DocumentNode; problem: GraphQLError | null }

const readQuery = (query: string): ReadQuery => {
  let document: DocumentNode
  try {
    document = parse(query, { maxTokens: MAX_GRAPHQL_TOKENS })
  } catch (err) {
    if (err instanceof GraphQLError && /tokens/.test(err.message)) {
      return {
        problem: new GraphQLError(
          `The query is too long: at most ${MAX_GRAPHQL_TOKENS} tokens (names, punctuation, values).`,
        ),
      }
    }
    return { problem: null }
  }
  return {
    document,
    problem: validate(DOCUMENT_ONLY_SCHEMA, document, [NoFragmentCyclesRule])[0] ?? null,
  }
}

/**
 * Why a GraphQL document must be refused before Payload runs it, or null. Payload's complexity
 * rule recurses through fragments before graphql-js reports a cycle, so `fragment A { ...B }
 * fragment B { ...A }` overflowed the stack (a 500 with an empty body). Syntax errors are left
 * to Payload, which answers them in the GraphQL error format.
 */
export const findGraphqlDocumentProblem = (query: string): GraphQLError | null =>
  readQuery(query).problem

/** The query with `select: true` inserted where `document` (its parse) lacks it. */
const withSelect = ({
  query,
  document,
  selectable,
}: {
  query: string
  document: DocumentNode
  selectable: ReadonlySet<string>
}): string => {
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

/** True when every operation of the document is a read (no mutation, no subscription). */
const isReadOnlyDocument = (document: DocumentNode): boolean =>
  document.definitions.every(
    (definition) =>
      definition.kind !== Kind.OPERATION_DEFINITION ||
      definition.operation === OperationTypeNode.QUERY,
  )

/** Inserts `select: true` into every top-level query field in `selectable` that lacks it. */
export const addSelectArgument = (query: string, selectable: ReadonlySet<string>): string => {
  try {
    return withSelect({ query, document: parse(query), selectable })
  } catch {
    return query // Payload answers a malformed query with its own error.
  }
}

/** True when every operation of the query is a read (no mutation, no subscription). */
export const isReadOnly = (query: string): boolean => {
  try {
    return isReadOnlyDocument(parse(query))
  } catch {
    return false
  }
}

type GraphQLBody = { query?: unknown }

/** One query as `prepareGraphqlBody` hands it on: refused, or rewritten (when it parses). */
type PreparedQuery = {
  problem: GraphQLError | null
  /** The query with `select: true` added; undefined when it does not parse (Payload answers). */
  text?: string
  isReadOnly: boolean
}

/** Queries prepared, per set of selectable fields: front ends send the same few again and again. */
const preparedQueries = new WeakMap<ReadonlySet<string>, LRUCache<string, PreparedQuery>>()
const KEPT_QUERIES = 1000
const KEPT_QUERY_CHARACTERS = 2_000_000

const prepareQuery = ({
  query,
  selectable,
}: {
  query: string
  selectable: ReadonlySet<string>
}): PreparedQuery => {
  let kept = preparedQueries.get(selectable)
  if (!kept) {
    kept = new LRUCache({
      max: KEPT_QUERIES,
      maxSize: KEPT_QUERY_CHARACTERS,
      sizeCalculation: (_prepared, text) => Math.max(1, text.length),
    })
    preparedQueries.set(selectable, kept)
  }
  const found = kept.get(query)
  if (found) return found
  const { document, problem } = readQuery(query)
  const prepared: PreparedQuery = {
    problem,
    text: document && !problem ? withSelect({ query, document, selectable }) : undefined,
    isReadOnly: document !== undefined && isReadOnlyDocument(document),
  }
  if (query.length <= KEPT_QUERY_CHARACTERS / 10) kept.set(query, prepared)
  return prepared
}

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
  const entries = Array.isArray(body) ? body : [body]
  // Each query is read once, bounded, before anything else reads it.
  const prepared = new Map<GraphQLBody, PreparedQuery>()
  for (const entry of entries) {
    if (typeof entry?.query !== 'string') continue
    const query = prepareQuery({ query: entry.query, selectable })
    if (query.problem) return { refusal: query.problem }
    prepared.set(entry, query)
  }
  const rewrite = (entry: GraphQLBody) => {
    const query = prepared.get(entry)?.text
    return query === undefined ? entry : { ...entry, query }
  }
  const rewrittenText = JSON.stringify(Array.isArray(body) ? body.map(rewrite) : rewrite(body))
  const single = Array.isArray(body) ? undefined : prepared.get(body)
  return {
    text: rewrittenText === text ? text : rewrittenText,
    isCacheable: single?.isReadOnly === true,
  }
}

/** The answer to a refused document: GraphQL's error format, for a 400. */
export const graphqlRefusalBody = (
  error: GraphQLError,
): { errors: { message: string; locations?: readonly unknown[] }[] } => ({
  errors: [{ message: error.message, ...(error.locations && { locations: error.locations }) }],
})
