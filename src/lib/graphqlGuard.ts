import {
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

/** A 400 in the GraphQL error format for a refused document. */
export const graphqlRefusal = (error: GraphQLError): Response =>
  Response.json(
    {
      errors: [{ message: error.message, ...(error.locations && { locations: error.locations }) }],
    },
    { status: 400 },
  )
