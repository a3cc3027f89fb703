import {
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql'
import { LRUCache } from 'lru-cache'

/** Parsed documents kept, by the text of their query. */
const KEPT_DOCUMENTS = 1000
/** And at most this many characters of query text in all. */
const KEPT_QUERY_CHARACTERS = 2_000_000

/**
 * Front ends send the same few queries over and over, with other variables: each is parsed once
 * and checked against GraphQL's own rules once (per schema), instead of on every request (parsing
 * and validation were 9% of the CPU of a GraphQL read). A document is never changed after parsing,
 * so one can serve every request that sends its text. A query that fails to parse is not kept.
 */
const documents = new LRUCache<string, DocumentNode>({
  max: KEPT_DOCUMENTS,
  maxSize: KEPT_QUERY_CHARACTERS,
  sizeCalculation: (_document, query) => Math.max(1, query.length),
})

export const parseKept = (source: Parameters<typeof parse>[0]): DocumentNode => {
  if (typeof source !== 'string') return parse(source)
  const query = source
  const kept = documents.get(query)
  if (kept) return kept
  const document = parse(query)
  if (query.length <= KEPT_QUERY_CHARACTERS / 10) documents.set(query, document)
  return document
}

const specified = new Set<ValidationRule>(specifiedRules)
/** What GraphQL's own rules found in a document, for the schema they checked it against. */
const checked = new WeakMap<
  DocumentNode,
  { schema: GraphQLSchema; errors: readonly GraphQLError[] }
>()

/**
 * `validate` with GraphQL's own rules remembered per document and schema: they depend on nothing
 * else. Every other rule (Payload's query complexity, which depends on the variables, and any
 * rule the config adds) runs on every request, as before.
 */
export const validateKept = (
  schema: GraphQLSchema,
  document: DocumentNode,
  rules: readonly ValidationRule[],
): readonly GraphQLError[] => {
  const own = rules.filter((rule) => specified.has(rule))
  const others = rules.filter((rule) => !specified.has(rule))
  if (own.length !== specified.size) return validate(schema, document, rules)
  let found = checked.get(document)
  if (found?.schema !== schema) {
    found = { schema, errors: validate(schema, document, specifiedRules) }
    checked.set(document, found)
  }
  if (others.length === 0) return found.errors
  const more = validate(schema, document, others)
  return found.errors.length === 0 ? more : [...found.errors, ...more]
}
