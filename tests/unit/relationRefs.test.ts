import { describe, expect, it } from 'vitest'

import {
  findRelationRefs,
  planRelationChecks,
  withoutRelations,
  type ReadScope,
  type RelationRef,
  type RelationSchemaField,
} from '../../lib/relationRefs.ts'

const FIELDS: Record<string, RelationSchemaField[]> = {
  posts: [
    { type: 'relationship', name: 'author', relationTo: 'authors' },
    { type: 'relationship', name: 'sources', relationTo: 'sources', hasMany: true },
    { type: 'relationship', name: 'relatedPosts', relationTo: 'posts', hasMany: true },
    { type: 'relationship', name: 'shallow', relationTo: 'posts', maxDepth: 0 },
    { type: 'relationship', name: 'either', relationTo: ['posts', 'authors'] },
    { type: 'upload', name: 'image', relationTo: 'media' },
    {
      type: 'array',
      name: 'writers',
      flattenedFields: [{ type: 'relationship', name: 'author', relationTo: 'authors' }],
    },
    {
      type: 'group',
      name: 'meta',
      flattenedFields: [{ type: 'relationship', name: 'source', relationTo: 'sources' }],
    },
    {
      type: 'blocks',
      name: 'layout',
      blocks: [
        {
          slug: 'quote',
          flattenedFields: [{ type: 'relationship', name: 'post', relationTo: 'posts' }],
        },
      ],
    },
    { type: 'join', name: 'mentions', collection: 'posts' },
    { type: 'richText', name: 'content' },
  ],
  authors: [{ type: 'text', name: 'name' }],
  sources: [{ type: 'text', name: 'name' }],
  media: [],
}

const fieldsOf = (collection: string) => FIELDS[collection]

const refsOf = (doc: unknown, depth: number) =>
  findRelationRefs({ docs: [doc], collection: 'posts', fieldsOf, depth })

const richText = (...children: unknown[]) => ({ root: { type: 'root', children } })

describe('findRelationRefs', () => {
  it.each<[string, Record<string, unknown>, number, RelationRef[]]>([
    [
      'a single relation at depth 0',
      { id: 1, author: 5 },
      0,
      [{ collection: 'authors', id: 5, isPopulationTried: false }],
    ],
    [
      'a single relation left as an id at depth 1',
      { id: 1, author: 5 },
      1,
      [{ collection: 'authors', id: 5, isPopulationTried: true }],
    ],
    [
      'each id of a hasMany relation',
      { id: 1, sources: [2, { id: 3, name: 'Shown' }] },
      1,
      [{ collection: 'sources', id: 2, isPopulationTried: true }],
    ],
    [
      'the relations of a populated document, beyond the depth',
      { id: 1, relatedPosts: [{ id: 2, author: 7, relatedPosts: [9] }] },
      1,
      [
        { collection: 'authors', id: 7, isPopulationTried: false },
        { collection: 'posts', id: 9, isPopulationTried: false },
      ],
    ],
    [
      'the relations of a populated document within the depth',
      { id: 1, relatedPosts: [{ id: 2, author: 7 }] },
      2,
      [{ collection: 'authors', id: 7, isPopulationTried: true }],
    ],
    [
      'a relation whose maxDepth stops population',
      { id: 1, shallow: 4 },
      2,
      [{ collection: 'posts', id: 4, isPopulationTried: false }],
    ],
    [
      'a polymorphic relation',
      { id: 1, either: { relationTo: 'authors', value: 6 } },
      0,
      [{ collection: 'authors', id: 6, isPopulationTried: false }],
    ],
    [
      'an upload',
      { id: 1, image: 8 },
      0,
      [{ collection: 'media', id: 8, isPopulationTried: false }],
    ],
    [
      'relations inside arrays, groups and blocks',
      {
        id: 1,
        writers: [{ author: 3 }],
        meta: { source: 4 },
        layout: [{ blockType: 'quote', post: 5 }],
      },
      0,
      [
        { collection: 'authors', id: 3, isPopulationTried: false },
        { collection: 'sources', id: 4, isPopulationTried: false },
        { collection: 'posts', id: 5, isPopulationTried: false },
      ],
    ],
    [
      'rich-text references, never tried when still an id',
      {
        id: 1,
        content: richText(
          { type: 'relationship', relationTo: 'posts', value: 3 },
          {
            type: 'link',
            fields: { linkType: 'internal', doc: { relationTo: 'posts', value: 4 } },
          },
          { type: 'upload', relationTo: 'media', value: null },
        ),
      },
      1,
      [
        { collection: 'posts', id: 3, isPopulationTried: false },
        { collection: 'posts', id: 4, isPopulationTried: false },
      ],
    ],
    ['no join ids (read with the reader’s access)', { id: 1, mentions: { docs: [2, 3] } }, 0, []],
    ['nothing for null relations', { id: 1, author: null, sources: [] }, 0, []],
  ])('should find %s', (_what, doc, depth, refs) => {
    expect(refsOf(doc, depth).refs).toEqual(refs)
  })

  it('should find only rich-text references when asked to', () => {
    const doc = {
      id: 1,
      author: 5,
      writers: [{ author: 3 }],
      content: richText({ type: 'relationship', relationTo: 'posts', value: 3 }),
    }
    const { refs } = findRelationRefs({
      docs: [doc],
      collection: 'posts',
      fieldsOf,
      depth: 0,
      isRichTextOnly: true,
    })
    expect(refs).toEqual([{ collection: 'posts', id: 3, isPopulationTried: false }])
  })

  it('should note the documents the answer shows', () => {
    const { shown } = refsOf({ id: 1, author: { id: 2, name: 'A' }, relatedPosts: [3] }, 1)
    expect([...shown].sort()).toEqual(['authors:2', 'posts:1'])
  })
})

describe('withoutRelations', () => {
  const hide =
    (...keys: string[]) =>
    (ref: RelationRef) =>
      keys.includes(`${ref.collection}:${ref.id}`)

  const pruned = (doc: Record<string, unknown>, depth: number, ...keys: string[]) =>
    withoutRelations({
      docs: [doc],
      collection: 'posts',
      fieldsOf,
      depth,
      isHidden: hide(...keys),
    })[0]

  it.each<[string, Record<string, unknown>, string[], Record<string, unknown>]>([
    ['a single relation to null', { author: 5 }, ['authors:5'], { author: null }],
    ['an id out of a hasMany list', { sources: [2, 3] }, ['sources:2'], { sources: [3] }],
    [
      'a polymorphic relation to null',
      { either: { relationTo: 'posts', value: 4 } },
      ['posts:4'],
      { either: null },
    ],
    [
      'an id inside a populated document',
      { relatedPosts: [{ id: 2, relatedPosts: [4, 5] }] },
      ['posts:4'],
      { relatedPosts: [{ id: 2, relatedPosts: [5] }] },
    ],
    [
      'a rich-text reference’s value to null',
      { content: richText({ type: 'relationship', relationTo: 'posts', value: 3 }) },
      ['posts:3'],
      { content: richText({ type: 'relationship', relationTo: 'posts', value: null }) },
    ],
    [
      'an internal link’s document to null',
      { content: richText({ type: 'link', fields: { doc: { relationTo: 'posts', value: 3 } } }) },
      ['posts:3'],
      {
        content: richText({ type: 'link', fields: { doc: { relationTo: 'posts', value: null } } }),
      },
    ],
  ])('should take %s', (_what, doc, keys, expected) => {
    expect(pruned(doc, 0, ...keys)).toEqual(expected)
  })

  it('should give back the same document when nothing is hidden', () => {
    const doc = { id: 1, author: 5, sources: [2], relatedPosts: [{ id: 2, author: 6 }] }
    expect(pruned(doc, 1, 'authors:9')).toBe(doc)
  })
})

describe('planRelationChecks', () => {
  const scopes: Record<string, ReadScope> = { posts: 'some', authors: 'all', media: 'none' }
  const plan = (refs: RelationRef[], shown: string[] = []) => {
    const { hidden, toCheck } = planRelationChecks({
      refs,
      shown: new Set(shown),
      scopeOf: (collection) => scopes[collection] ?? 'some',
    })
    return { hidden: [...hidden], toCheck: Object.fromEntries(toCheck) }
  }
  const ref = (collection: string, id: number, isPopulationTried = false): RelationRef => ({
    collection,
    id,
    isPopulationTried,
  })

  it.each<[string, RelationRef[], string[], ReturnType<typeof plan>]>([
    ['hide an id Payload tried', [ref('posts', 4, true)], [], { hidden: ['posts:4'], toCheck: {} }],
    ['ask about an untried id', [ref('posts', 4)], [], { hidden: [], toCheck: { posts: [4] } }],
    [
      'ask once per collection and id',
      [ref('posts', 4), ref('posts', 5), ref('posts', 4)],
      [],
      { hidden: [], toCheck: { posts: [4, 5] } },
    ],
    ['keep ids of a collection read whole', [ref('authors', 4)], [], { hidden: [], toCheck: {} }],
    [
      'hide ids of a collection read not at all',
      [ref('media', 4)],
      [],
      { hidden: ['media:4'], toCheck: {} },
    ],
    ['keep an id the answer shows', [ref('posts', 4)], ['posts:4'], { hidden: [], toCheck: {} }],
    [
      'not ask about an id already found unreadable',
      [ref('posts', 4), ref('posts', 4, true)],
      [],
      { hidden: ['posts:4'], toCheck: {} },
    ],
  ])('should %s', (_what, refs, shown, expected) => {
    expect(plan(refs, shown)).toEqual(expected)
  })
})
