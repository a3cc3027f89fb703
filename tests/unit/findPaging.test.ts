import { describe, expect, it } from 'vitest'

import { firstPagePaging, pinsOneDocument } from '../../lib/findPaging.ts'

const unique = new Set(['slug', 'name'])

describe('pinsOneDocument', () => {
  it.each([
    [{ slug: { equals: 'a' } }],
    [{ id: { equals: 7 } }],
    [{ and: [{ _status: { equals: 'published' } }, { slug: { equals: 'a' } }] }],
    [{ and: [{ and: [{ name: { equals: 'x' } }] }, { or: [{ a: { equals: 1 } }] }] }],
    [{ slug: { equals: 'a' }, title: { like: 'b' } }],
    [{ slug: { in: ['a', 'a'] } }],
  ])('should see that %j matches at most one document', (where) => {
    expect(pinsOneDocument({ where, unique })).toBe(true)
  })

  it.each([
    [undefined],
    [{}],
    [{ title: { equals: 'a' } }],
    [{ slug: { like: 'a' } }],
    [{ slug: { equals: ['a', 'b'] } }],
    [{ slug: { in: ['a', 'b'] } }],
    [{ slug: { in: [] } }],
    [{ slug: { equals: { $ne: 1 } } }],
    [{ slug: { not_equals: 'a' } }],
    [{ or: [{ slug: { equals: 'a' } }, { slug: { equals: 'b' } }] }],
    [{ and: 'slug' }],
  ])('should not take %j to match one document', (where) => {
    expect(pinsOneDocument({ where, unique })).toBe(false)
  })
})

describe('firstPagePaging', () => {
  it('should page as the SQL adapters do', () => {
    expect(firstPagePaging({ total: 0, limit: 10 })).toMatchObject({
      totalDocs: 0,
      totalPages: 1,
      hasNextPage: false,
      nextPage: null,
    })
    expect(firstPagePaging({ total: 10, limit: 10 })).toMatchObject({
      totalPages: 1,
      hasNextPage: false,
    })
    expect(firstPagePaging({ total: 21, limit: 10 })).toEqual({
      hasNextPage: true,
      hasPrevPage: false,
      nextPage: 2,
      page: 1,
      pagingCounter: 1,
      prevPage: null,
      totalDocs: 21,
      totalPages: 3,
    })
  })
})
