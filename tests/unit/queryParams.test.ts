import { describe, expect, it } from 'vitest'

import { findQueryProblem } from '../../lib/queryParams.ts'

const problem = (query: string) => findQueryProblem(new URLSearchParams(query))

describe('findQueryProblem', () => {
  it.each([
    [''],
    ['limit=10&page=2&depth=1'],
    ['limit=0'],
    ['draft=true&trash=false&pagination=false'],
    ['where[title][like]=MEK&sort=-postedAt'],
    ['where={"title":{"equals":"x"}}'],
    ['sort=title&sort=-postedAt'],
  ])('should accept %s', (query) => {
    expect(problem(query)).toBeNull()
  })

  it.each([
    ['limit=abc', /limit "abc"/],
    ['limit=-1', /limit "-1"/],
    ['limit=1.5', /limit "1.5"/],
    ['limit=99999999999', /limit/],
    ['page=0', /page "0"/],
    ['page=-2', /page "-2"/],
    ['depth=11', /depth "11"/],
    ['depth=x', /depth "x"/],
    ['draft=yes', /draft "yes" must be true or false/],
    ['trash=1', /trash "1"/],
    ['pagination=nope', /pagination "nope"/],
    ['where={bad json', /where is not valid JSON/],
    ['where=[1,2]', /where must be a JSON object/],
    ['limit=1&limit=2', /"limit" is given more than once/],
    ['title=a%00b', /NUL character/],
    ['a%00=1', /NUL character/],
  ])('should reject %s', (query, message) => {
    expect(problem(query)).toMatch(message)
  })
})
