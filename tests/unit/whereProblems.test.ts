import { describe, expect, it } from 'vitest'

import { findWhereProblem, type QueriedField } from '../../lib/whereProblems.ts'

const fields: Record<string, QueriedField> = {
  title: { type: 'text' },
  postedAt: { type: 'date' },
  issueNumber: { type: 'number' },
  author: { type: 'relationship' },
  sources: { type: 'relationship', hasMany: true },
  'author.name': { type: 'text' },
  isFeatured: { type: 'checkbox' },
  location: { type: 'point' },
}
const problem = (where: unknown, idType: 'number' | 'text' = 'number') =>
  findWhereProblem({ where, idType, resolve: (path) => fields[path] })

describe('findWhereProblem', () => {
  it.each([
    [{ title: { like: 'MEK' } }],
    [{ title: { contains: 'MEK' } }],
    [{ postedAt: { greater_than: '2019-10-01' } }],
    [{ postedAt: { less_than_equal: '2019-10-01T00:00:00.000Z' } }],
    [{ issueNumber: { in: '259,260' } }],
    [{ author: { equals: '3' } }],
    [{ sources: { contains: 4 } }],
    [{ sources: { all: [1, 2] } }],
    [{ title: { in: ['a', 'b'] } }],
    [{ 'author.name': { equals: 'Ali Alavi' } }],
    [{ title: { exists: 'true' } }],
    [{ or: [{ title: { equals: 'a' } }, { and: [{ postedAt: { exists: false } }] }] }],
    [{ unknownField: { whatever: 'x' } }],
    [{ location: { near: '1,2,1000' } }],
    [{ author: { equals: '64b7f2c1e4b0a1a2b3c4d5e6' } }, 'text'],
  ])('should accept %j', (where, idType = 'number') => {
    expect(problem(where, idType as 'number' | 'text')).toBeNull()
  })

  it.each([
    [
      { postedAt: { greater_than: 'notadate' } },
      'where[postedAt][greater_than]: "notadate" is not a date',
    ],
    [{ postedAt: { in: '2019-01-01,nope' } }, 'where[postedAt][in]: "nope" is not a date'],
    [{ issueNumber: { equals: 'abc' } }, 'where[issueNumber][equals]: "abc" is not a number'],
    [{ author: { equals: 'abc' } }, 'where[author][equals]: "abc" is not an id'],
    [{ sources: { contains: 'abc' } }, 'where[sources][contains]: "abc" is not an id'],
    [{ id: { in: 'abc,1' } }, 'where[id][in]: "abc" is not a number'],
    [{ title: { near: '1,2' } }, 'where[title][near]: "near" works only on point (map) fields'],
    [{ title: { within: 'x' } }, 'where[title][within]: "within" works only on point (map) fields'],
    [
      { title: { all: 'x' } },
      'where[title][all]: "all" works only on fields that hold several values',
    ],
    [{ title: { exists: 'maybe' } }, 'where[title][exists]: "maybe" is not true or false'],
    [{ isFeatured: { equals: 'yes' } }, 'where[isFeatured][equals]: "yes" is not true or false'],
    [
      { issueNumber: { like: '26' } },
      'where[issueNumber][like]: "like" does not work on number fields',
    ],
    [
      { title: { equals: ['a', 'b'] } },
      'where[title][equals]: ["a","b"] is a list: "equals" takes one value (use "in" for several)',
    ],
    [
      { title: { like: ['a'] } },
      'where[title][like]: ["a"] is a list: "like" takes one value (use "in" for several)',
    ],
    [
      { 'author.name': { not_equals: ['a'] } },
      'where[author.name][not_equals]: ["a"] is a list: "not_equals" takes one value (use "in" for several)',
    ],
    [{ title: 'plain' }, 'where[title] must name an operator, e.g. where[title][equals]=…'],
    [{ or: { title: { equals: 'a' } } }, 'where[or] must be a list of conditions'],
    [
      { or: [{ and: [{ postedAt: { equals: 'x' } }] }] },
      'where[or][0][and][0][postedAt][equals]: "x" is not a date',
    ],
    [{ author: { equals: '12' } }, 'where[author][equals]: "12" is not an id'],
  ])('should reject %j', (where, message) => {
    const idType =
      JSON.stringify(where) === JSON.stringify({ author: { equals: '12' } }) ? 'text' : 'number'
    expect(problem(where, idType)).toBe(message)
  })
})
