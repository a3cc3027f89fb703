import { describe, expect, it } from 'vitest'

import { findDataTypeProblem, type TypedField } from '../../lib/dataTypes.ts'

const fields: TypedField[] = [
  { name: 'title', type: 'text' },
  { name: 'excerpt', type: 'textarea' },
  { name: '_status', type: 'select' },
  { name: 'tags', type: 'text', hasMany: true },
  { name: 'issueNumber', type: 'number' },
  { name: 'postedAt', type: 'date' },
  { name: 'isFeatured', type: 'checkbox' },
  { name: 'author', type: 'relationship' },
  { name: 'sources', type: 'relationship', hasMany: true },
  { name: 'photo', type: 'upload' },
  { name: 'content', type: 'richText' },
  { name: 'meta', type: 'group', flattenedFields: [{ name: 'line', type: 'number' }] },
  {
    name: 'items',
    type: 'array',
    flattenedFields: [
      { name: 'heading', type: 'text' },
      { name: 'post', type: 'relationship' },
    ],
  },
  {
    name: 'layout',
    type: 'blocks',
    blocks: [{ slug: 'quote', flattenedFields: [{ name: 'by', type: 'text' }] }],
  },
]
const problem = (data: unknown) => findDataTypeProblem({ fields, data })

describe('findDataTypeProblem', () => {
  it.each([
    [{}],
    [{ title: 'A', excerpt: '', _status: 'draft', tags: ['a', 'b'], unknownKey: { any: 1 } }],
    [{ title: null, excerpt: undefined, items: [], postedAt: null }],
    [{ issueNumber: 260 }],
    [{ issueNumber: '260' }],
    [{ postedAt: '2019-10-31' }],
    [{ postedAt: '2019-10-31T09:00:00.000Z' }],
    [{ isFeatured: false }],
    [{ author: 3, sources: [1, '2', { id: 4 }], photo: { relationTo: 'media', value: 1 } }],
    [{ content: 'left to the rich text check' }],
    [{ meta: { line: 12 } }],
    [{ items: [{ heading: 'In English', post: 7 }, {}] }],
    [
      {
        layout: [
          { blockType: 'quote', by: 'Someone' },
          { blockType: 'unknown', by: 5 },
        ],
      },
    ],
    // How the admin's form sends an array or blocks field with no rows.
    { items: 0, layout: 0 },
  ])('should accept %j', (data) => {
    expect(problem(data)).toBeNull()
  })

  it.each([
    [{ excerpt: { a: 1 } }, 'excerpt', 'must be text, not an object'],
    [{ title: ['a'] }, 'title', 'must be text, not a list'],
    [{ _status: [] }, '_status', 'must be text, not a list'],
    [{ _status: true }, '_status', 'must be text, not true or false'],
    [{ tags: 'a' }, 'tags', 'must be a list of texts, not text'],
    [{ tags: ['a', {}] }, 'tags.1', 'must be text, not an object'],
    [{ issueNumber: 'abc' }, 'issueNumber', 'must be a number, not text'],
    [{ postedAt: 'notadate' }, 'postedAt', /must be a date/],
    [{ postedAt: 1e308 }, 'postedAt', /must be a date/],
    [{ postedAt: { a: 1 } }, 'postedAt', /must be a date .*not an object/],
    [{ isFeatured: 'yes' }, 'isFeatured', 'must be true or false, not text'],
    [{ author: [] }, 'author', 'must be an id, not a list'],
    [{ author: { name: 'x' } }, 'author', 'must be an id, not an object'],
    [{ sources: 3 }, 'sources', 'must be a list of ids, not number'],
    [{ meta: 'x' }, 'meta', 'must be an object, not text'],
    [{ meta: { line: 'twelve' } }, 'meta.line', 'must be a number, not text'],
    [{ items: 'x' }, 'items', 'must be a list of rows, not text'],
    [{ items: 2 }, 'items', 'must be a list of rows, not number'],
    [{ items: null }, 'items', 'must be a list of rows ([] for none), not null'],
    [{ items: ['x'] }, 'items.0', 'must be a row (an object), not text'],
    [{ items: [{}, { post: [] }] }, 'items.1.post', 'must be an id, not a list'],
    [{ layout: [{ blockType: 'quote', by: [] }] }, 'layout.0.by', 'must be text, not a list'],
  ])('should refuse %j at %s', (data, path, message) => {
    const found = problem(data)
    expect(found?.path).toBe(path)
    expect(found?.message).toMatch(message)
  })
})
