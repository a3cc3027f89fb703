import {
  buildSchema,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type ValidationRule,
} from 'graphql'
import { describe, expect, it } from 'vitest'

import { parseKept, validateKept } from '../../src/plugins/expressApi/documents.ts'

const schema = buildSchema('type Query { post(slug: String!): Post } type Post { title: String }')
const otherSchema = buildSchema(
  'type Query { author(slug: String!): Post } type Post { name: String }',
)

/** A rule that reports an error while `state.refuse` is set: it depends on more than the document. */
const state = { refuse: false, runs: 0 }
const changingRule: ValidationRule = (context) => ({
  Document: () => {
    state.runs += 1
    if (state.refuse) context.reportError(new GraphQLError('refused by the changing rule'))
  },
})

const messages = (errors: readonly GraphQLError[]) => errors.map((error) => error.message)

describe('parseKept', () => {
  it('should give one document for one query text, and a new one for another', () => {
    const query = 'query One($slug: String!) { post(slug: $slug) { title } }'
    expect(parseKept(query)).toBe(parseKept(query))
    expect(parseKept(query)).toEqual(parse(query))
    expect(parseKept(`${query} `)).not.toBe(parseKept(query))
  })

  it('should throw the syntax error every time a query does not parse', () => {
    expect(() => parseKept('query { post(')).toThrow(/Syntax Error/)
    expect(() => parseKept('query { post(')).toThrow(/Syntax Error/)
  })
})

describe('validateKept', () => {
  it.each([
    ['a valid query', 'query Ok($slug: String!) { post(slug: $slug) { title } }'],
    ['an unknown field', 'query Bad { post(slug: "a") { body } }'],
    ['a missing argument and an unused variable', 'query Bad($x: Int) { post { title } }'],
  ])('should find what validate finds, with the same rules: %s', (_, query) => {
    const document = parseKept(query)
    const expected = messages(validate(schema, document, specifiedRules))
    expect(messages(validateKept(schema, document, specifiedRules))).toEqual(expected)
    expect(messages(validateKept(schema, document, specifiedRules))).toEqual(expected)
  })

  it('should run every rule other than GraphQL’s own on every request', () => {
    const document = parseKept('query Changing($slug: String!) { post(slug: $slug) { title } }')
    const rules = [...specifiedRules, changingRule]
    state.refuse = false
    expect(validateKept(schema, document, rules)).toEqual([])
    state.refuse = true
    expect(messages(validateKept(schema, document, rules))).toEqual([
      'refused by the changing rule',
    ])
    state.refuse = false
    const runs = state.runs
    expect(validateKept(schema, document, rules)).toEqual([])
    expect(state.runs).toBe(runs + 1)
  })

  it('should keep GraphQL’s own errors before the other rules’ ones', () => {
    const document = parseKept('query Both { post(slug: "a") { body } }')
    state.refuse = true
    const found = messages(validateKept(schema, document, [...specifiedRules, changingRule]))
    state.refuse = false
    expect(found).toEqual([
      ...messages(validate(schema, document, specifiedRules)),
      'refused by the changing rule',
    ])
  })

  it('should check a document again against another schema', () => {
    const document = parseKept('query Schemas { post(slug: "a") { title } }')
    expect(validateKept(schema, document, specifiedRules)).toEqual([])
    expect(messages(validateKept(otherSchema, document, specifiedRules))).toEqual(
      messages(validate(otherSchema, document, specifiedRules)),
    )
    expect(validateKept(otherSchema, document, specifiedRules).length).toBeGreaterThan(0)
    expect(validateKept(schema, document, specifiedRules)).toEqual([])
  })

  it('should not remember anything when given only some of GraphQL’s own rules', () => {
    const document = parseKept('query Some { post(slug: "a") { body } }')
    const some = specifiedRules.slice(0, 3)
    expect(messages(validateKept(schema, document, some))).toEqual(
      messages(validate(schema, document, some)),
    )
    expect(messages(validateKept(schema, document, specifiedRules))).toEqual(
      messages(validate(schema, document, specifiedRules)),
    )
  })
})
