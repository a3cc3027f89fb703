import { describe, expect, it } from 'vitest'

import { findGraphqlDocumentProblem, MAX_GRAPHQL_TOKENS } from '../../lib/graphqlDocument.ts'

const aliases = (count: number) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: Posts { totalDocs }`).join(' ')} }`

describe('findGraphqlDocumentProblem', () => {
  it.each([
    ['{ Posts { docs { title } } }'],
    ['fragment F on Post { title } { Posts { docs { ...F } } }'],
    ['fragment A on Post { ...B } fragment B on Post { title } { Posts { docs { ...A } } }'],
    ['mutation { loginUser(email: "a", password: "b") { token } }'],
    ['{ unknownField }'],
    ['{ not valid'],
    [aliases(500)],
  ])('should leave %.80s to Payload', (query) => {
    expect(findGraphqlDocumentProblem(query)).toBeNull()
  })

  it.each([
    ['fragment A on Post { ...A } { Posts { docs { ...A } } }', /"A" within itself/],
    [
      'fragment A on Post { ...B } fragment B on Post { ...A } { Posts { docs { ...A } } }',
      /"A" within itself via "B"/,
    ],
    [aliases(3000), new RegExp(`at most ${MAX_GRAPHQL_TOKENS} tokens`)],
  ])('should refuse %.80s', (query, message) => {
    expect(findGraphqlDocumentProblem(query)?.message).toMatch(message)
  })
})
