import { describe, expect, it } from 'vitest'

import { addSelectArgument, prepareGraphqlBody } from '../../lib/graphqlDocument.ts'

const selectable = new Set(['Posts', 'Post', 'Authors'])

describe('addSelectArgument', () => {
  it.each([
    ['{ Posts { docs { title } } }', '{ Posts(select: true) { docs { title } } }'],
    [
      '{ Posts(limit: 10, sort: "-postedAt") { docs { title } } }',
      '{ Posts(limit: 10, sort: "-postedAt", select: true) { docs { title } } }',
    ],
    [
      'query One($id: Int!) { Post(id: $id) { title } }',
      'query One($id: Int!) { Post(id: $id, select: true) { title } }',
    ],
    [
      '{ a: Posts { docs { id } } b: Authors(limit: 2) { docs { name } } }',
      '{ a: Posts(select: true) { docs { id } } b: Authors(limit: 2, select: true) { docs { name } } }',
    ],
  ])('should add select to %s', (query, expected) => {
    expect(addSelectArgument(query, selectable)).toBe(expected)
  })

  it.each([
    ['a query that chose already', '{ Posts(select: false) { docs { title } } }'],
    ['a field without the argument', '{ search(q: "x") { totalDocs } }'],
    ['a mutation', 'mutation { updatePost(id: 1, data: {}) { title } }'],
    ['a nested field of the same name', '{ search(q: "x") { Posts { id } } }'],
    ['a malformed query', '{ Posts( { docs } '],
    ['an empty query', ''],
  ])('should leave %s as sent', (_, query) => {
    expect(addSelectArgument(query, selectable)).toBe(query)
  })

  it('should keep comments and layout, so error locations still point at the right line', () => {
    const query = '# a comment\nquery {\n  Posts(limit: 1) {\n    docs { nope }\n  }\n}\n'
    expect(addSelectArgument(query, selectable)).toBe(
      '# a comment\nquery {\n  Posts(limit: 1, select: true) {\n    docs { nope }\n  }\n}\n',
    )
  })
})

describe('prepareGraphqlBody', () => {
  const body = (query: string) => JSON.stringify({ query, variables: { slug: 'a' } })
  const query =
    'query P($slug: String!) { Posts(where: { slug: { equals: $slug } }) { docs { id } } }'

  it('should answer the same for a query seen before, and follow the selectable fields', () => {
    const selectable = new Set(['Posts'])
    const first = prepareGraphqlBody({ text: body(query), selectable })
    expect(prepareGraphqlBody({ text: body(query), selectable })).toEqual(first)
    expect(first).toMatchObject({ isCacheable: true })
    expect(JSON.parse((first as { text: string }).text)).toMatchObject({
      query: query.replace('} })', '} }, select: true)'),
    })
    const none = prepareGraphqlBody({ text: body(query), selectable: new Set() })
    expect(none).toEqual({ text: body(query), isCacheable: true })
  })

  it('should refuse a refused query every time, and hand on one that does not parse', () => {
    const cycle = 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }'
    const selectable = new Set(['Posts'])
    for (let i = 0; i < 2; i++) {
      expect(prepareGraphqlBody({ text: body(cycle), selectable }).refusal).toBeDefined()
      expect(prepareGraphqlBody({ text: body('query {'), selectable })).toEqual({
        text: body('query {'),
        isCacheable: false,
      })
    }
  })

  it('should not take a mutation for a cacheable read', () => {
    const mutation = 'mutation { createPost(data: {}) { id } }'
    for (let i = 0; i < 2; i++) {
      expect(prepareGraphqlBody({ text: body(mutation), selectable: new Set() })).toMatchObject({
        isCacheable: false,
      })
    }
  })
})
