import { describe, expect, it } from 'vitest'

import {
  allocateIds,
  canonical,
  compareSummaries,
  copyOrder,
  documentHash,
  DOCUMENT_KEY_FIELD,
  formatComparison,
  mapDocument,
  setHash,
  type FieldShape,
  type IdMapper,
} from '../../lib/siteTransfer.ts'

/** Source ids → target ids: posts 1→11, 2→12; authors 5→15; users 7→17; nothing else exists. */
const known: Record<string, Record<string, number>> = {
  posts: { 1: 11, 2: 12 },
  authors: { 5: 15 },
  users: { 7: 17 },
}
const mapId: IdMapper = (collection, id) => known[collection]?.[String(id)]

const fields: FieldShape[] = [
  { name: 'id', type: 'number' },
  { name: 'title', type: 'text' },
  { name: 'author', type: 'relationship', relationTo: 'authors' },
  { name: 'related', type: 'relationship', relationTo: 'posts', hasMany: true },
  { name: 'subject', type: 'relationship', relationTo: ['posts', 'authors'] },
  { name: 'picks', type: 'relationship', relationTo: ['posts', 'authors'], hasMany: true },
  { name: 'content', type: 'richText' },
  { name: 'documentKey', type: 'text', custom: DOCUMENT_KEY_FIELD },
  { name: 'count', type: 'number', virtual: true },
  {
    name: 'meta',
    type: 'group',
    flattenedFields: [{ name: 'by', type: 'relationship', relationTo: 'users' }],
  },
  {
    name: 'items',
    type: 'array',
    flattenedFields: [{ name: 'post', type: 'relationship', relationTo: 'posts' }],
  },
  {
    name: 'layout',
    type: 'blocks',
    blocks: [
      {
        slug: 'quote',
        flattenedFields: [{ name: 'author', type: 'relationship', relationTo: 'authors' }],
      },
    ],
  },
  { name: 'comments', type: 'join' },
]

describe('mapDocument', () => {
  it.each([
    ['a single relationship', { author: 5 }, { author: 15 }, 0],
    ['a populated relationship', { author: { id: 5, name: 'A' } }, { author: 15 }, 0],
    ['a relationship to a document that is gone', { author: 9 }, { author: null }, 1],
    ['a hasMany relationship, gone ones dropped', { related: [2, 3, 1] }, { related: [12, 11] }, 1],
    [
      'a polymorphic relationship',
      { subject: { relationTo: 'authors', value: 5 } },
      { subject: { relationTo: 'authors', value: 15 } },
      0,
    ],
    [
      'a polymorphic hasMany',
      {
        picks: [
          { relationTo: 'posts', value: 2 },
          { relationTo: 'authors', value: 6 },
        ],
      },
      { picks: [{ relationTo: 'posts', value: 12 }] },
      1,
    ],
    [
      'rich-text relationship and link nodes',
      {
        content: {
          root: {
            children: [
              { type: 'relationship', relationTo: 'posts', value: 1 },
              {
                type: 'link',
                fields: { doc: { relationTo: 'posts', value: { id: 2, title: 'x' } } },
              },
              { type: 'upload', relationTo: 'media', value: 4 },
            ],
          },
        },
      },
      {
        content: {
          root: {
            children: [
              { type: 'relationship', relationTo: 'posts', value: 11 },
              {
                type: 'link',
                fields: { doc: { relationTo: 'posts', value: { id: 12, title: 'x' } } },
              },
              // No media 4 in the source: left as it was (nothing enforces it).
              { type: 'upload', relationTo: 'media', value: 4 },
            ],
          },
        },
      },
      0,
    ],
    ['a document key', { documentKey: 'posts:2' }, { documentKey: 'posts:12' }, 0],
    [
      'a document key of a gone document',
      { documentKey: 'posts:99' },
      { documentKey: 'posts:99' },
      0,
    ],
    ['plain text that looks like a key', { title: 'posts:2' }, { title: 'posts:2' }, 0],
    ['a virtual field and a join, not stored', { count: 3, comments: { docs: [] } }, {}, 0],
    ['inside a group', { meta: { by: 7 } }, { meta: { by: 17 } }, 0],
    [
      'inside array rows',
      { items: [{ id: 'r1', post: 1 }] },
      { items: [{ id: 'r1', post: 11 }] },
      0,
    ],
    [
      'inside blocks',
      {
        layout: [
          { blockType: 'quote', id: 'b1', author: 5 },
          { blockType: 'other', author: 5 },
        ],
      },
      {
        layout: [
          { blockType: 'quote', id: 'b1', author: 15 },
          { blockType: 'other', author: 5 },
        ],
      },
      0,
    ],
    ['fields the config does not know, kept', { extra: 1 }, { extra: 1 }, 0],
  ])('should map %s', (_name, doc, expected, dangling) => {
    const stats = { dangling: 0 }
    expect(mapDocument({ doc, fields, mapId, stats })).toEqual(expected)
    expect(stats.dangling).toBe(dangling)
  })
})

describe('copyOrder', () => {
  it('should copy what is pointed at first', () => {
    const order = copyOrder([
      { slug: 'posts', fields: [{ name: 'author', type: 'relationship', relationTo: 'authors' }] },
      { slug: 'authors', fields: [{ name: 'user', type: 'relationship', relationTo: 'users' }] },
      { slug: 'users', fields: [] },
    ])
    expect(order).toEqual([
      { slug: 'users', deferred: [] },
      { slug: 'authors', deferred: [] },
      { slug: 'posts', deferred: [] },
    ])
  })

  it('should defer the fields that close a cycle or point at their own collection', () => {
    const order = copyOrder([
      {
        slug: 'posts',
        fields: [
          { name: 'author', type: 'relationship', relationTo: 'authors' },
          { name: 'related', type: 'relationship', relationTo: 'posts', hasMany: true },
        ],
      },
      {
        slug: 'authors',
        fields: [
          {
            name: 'profile',
            type: 'group',
            flattenedFields: [{ name: 'featured', type: 'relationship', relationTo: 'posts' }],
          },
        ],
      },
    ])
    expect(order).toEqual([
      { slug: 'authors', deferred: ['profile'] },
      { slug: 'posts', deferred: ['related'] },
    ])
  })

  it('should ignore collections it does not copy and fields nothing stores', () => {
    expect(
      copyOrder([
        {
          slug: 'posts',
          fields: [
            { name: 'lock', type: 'relationship', relationTo: 'payload-locked-documents' },
            { name: 'comments', type: 'join', relationTo: 'posts' },
          ],
        },
      ]),
    ).toEqual([{ slug: 'posts', deferred: [] }])
  })
})

describe('allocateIds', () => {
  it('should keep ids the target can store', () => {
    expect([...allocateIds({ ids: [3, 9, 4], type: 'number' })]).toEqual([
      [3, 3],
      [9, 9],
      [4, 4],
    ])
    const objectIds = ['65a1b2c3d4e5f60718293a4b', '65a1b2c3d4e5f60718293a4c']
    expect([...allocateIds({ ids: objectIds, type: 'text' }).values()]).toEqual(objectIds)
  })

  it('should number ObjectIds 1, 2, 3… in their order for an SQL database', () => {
    const map = allocateIds({
      ids: ['65a1b2c3d4e5f60718293a4c', '65a1b2c3d4e5f60718293a4b'],
      type: 'number',
    })
    expect(map.get('65a1b2c3d4e5f60718293a4b')).toBe(1)
    expect(map.get('65a1b2c3d4e5f60718293a4c')).toBe(2)
  })

  it('should give numbers ObjectIds that keep their order for MongoDB', () => {
    const map = allocateIds({ ids: [10, 2, 33], type: 'text', seconds: 0x65000000 })
    expect(map.get(2)).toBe('650000000000000000000001')
    expect(map.get(10)).toBe('650000000000000000000002')
    expect(map.get(33)).toBe('650000000000000000000003')
  })
})

describe('canonical and the content hash', () => {
  it.each([
    ['key order', { a: 1, b: { d: 2, c: 3 } }, { b: { c: 3, d: 2 }, a: 1 }],
    ['absent, null and empty values', { a: 1, b: null, c: [], d: {} }, { a: 1 }],
    [
      'dates as text or as Date',
      { at: '2026-12-03 10:00:00.5+00' },
      { at: new Date('2026-12-03T10:00:00.500Z') },
    ],
    [
      'a date with an offset',
      { at: '2026-12-03T12:00:00+02:00' },
      { at: '2026-12-03T10:00:00.000Z' },
    ],
    ['negative zero', { n: -0 }, { n: 0 }],
  ])('should read %s the same on every database', (_name, one, other) => {
    expect(canonical(one)).toEqual(canonical(other))
    expect(documentHash(one)).toBe(documentHash(other))
  })

  it.each([
    ['a changed value', { title: 'A' }, { title: 'B' }],
    ['a number stored as text', { n: 1 }, { n: '1' }],
    ['a reordered list', { tags: [1, 2] }, { tags: [2, 1] }],
    ['a false flag and a missing one', { flag: false }, {}],
    ['text that is not a date', { t: '2026-12-03' }, { t: '2026-12-03T00:00:00.000Z' }],
  ])('should tell apart %s', (_name, one, other) => {
    expect(documentHash(one)).not.toBe(documentHash(other))
  })

  it('should hash a set the same in any order, and differently with one more member', () => {
    expect(setHash(['a', 'b', 'c'])).toBe(setHash(['c', 'a', 'b']))
    expect(setHash(['a', 'b'])).not.toBe(setHash(['a', 'b', 'b']))
  })
})

describe('compareSummaries', () => {
  it('should say which collections differ and print both sides', () => {
    const same = { docs: 2, versions: 3, hash: 'a'.repeat(64) }
    const rows = compareSummaries(
      { posts: same, users: { docs: 1, versions: 0, hash: 'b'.repeat(64) } },
      {
        posts: same,
        users: { docs: 1, versions: 0, hash: 'c'.repeat(64) },
        media: { docs: 1, versions: 0, hash: 'd'.repeat(64) },
      },
    )
    expect(rows.map((r) => [r.collection, r.same])).toEqual([
      ['posts', true],
      ['users', false],
      ['media', false],
    ])
    const table = formatComparison(rows)
    expect(table.split('\n')[0]).toMatch(
      /^collection\s+source docs\s+target docs\s+versions\s+source hash\s+target hash$/,
    )
    expect(table).toMatch(/^posts\s+2\s+2\s+3\s+aaaaaaaaaaaa\s+aaaaaaaaaaaa\s+same$/m)
    expect(table).toMatch(/^users\s+1\s+1\s+0\s+bbbbbbbbbbbb\s+cccccccccccc\s+DIFFERENT$/m)
    expect(table).toMatch(/^media\s+0\s+1\s+0\s+e3b0c44298fc\s+dddddddddddd\s+DIFFERENT$/m)
  })
})
