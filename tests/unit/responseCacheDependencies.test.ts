import { afterEach, describe, expect, it } from 'vitest'

import { changeDependencies, EVERYTHING, readDependencies } from '../../lib/cacheDependencies.ts'
import {
  bumpContentVersion,
  contentChanged,
  contentVersion,
  freshAnswer,
  keepAnswer,
  setBlind,
} from '../../src/plugins/responseCache/store.ts'

const unique = new Set(['slug'])

describe('readDependencies', () => {
  it.each([
    ['a list', { where: { _status: { equals: 'published' } } }, ['posts#*']],
    ['a post by slug', { where: { slug: { equals: 'a' } } }, ['posts#slug=a']],
    ['population by id', { where: { id: { in: [3, 4, 3] } } }, ['posts#id=3', 'posts#id=4']],
    [
      'a slug among published posts',
      { where: { and: [{ _status: { equals: 'published' } }, { slug: { equals: 'b' } }] } },
      ['posts#slug=b'],
    ],
    ['a filter through a relation', { where: { 'author.slug': { equals: 'x' } } }, [EVERYTHING]],
    ['a sort through a relation', { sort: '-author.name' }, [EVERYTHING]],
    ['an or of slugs', { where: { or: [{ slug: { equals: 'a' } }] } }, ['posts#*']],
  ])('should make %s depend on %j', (_what, args, expected) => {
    expect(readDependencies({ collection: 'posts', unique, ...args })).toEqual(expected)
  })
})

describe('changeDependencies', () => {
  it('should name the collection, the id and the unique values before and after', () => {
    expect(
      changeDependencies({
        collection: 'posts',
        id: 7,
        docs: [{ id: 7, slug: 'new' }, { id: 7, slug: 'old' }, undefined],
        unique,
      }).sort(),
    ).toEqual(['posts#*', 'posts#id=7', 'posts#slug=new', 'posts#slug=old'])
  })
})

const answer = (dependsOn: string[], version = contentVersion()) => ({
  version,
  status: 200,
  headers: [] as [string, string][],
  body: new Uint8Array([1]),
  dependsOn,
})

describe('the response cache store', () => {
  afterEach(() => {
    setBlind(false)
    bumpContentVersion()
  })

  it('should drop only the answers that depend on what a write changed', () => {
    keepAnswer({ key: 'by-slug-a', answer: answer(['posts#slug=a', 'authors#id=1']) })
    keepAnswer({ key: 'by-slug-b', answer: answer(['posts#slug=b']) })
    keepAnswer({ key: 'list', answer: answer(['posts#*', 'authors#id=1']) })
    keepAnswer({ key: 'search', answer: answer([EVERYTHING]) })
    keepAnswer({ key: 'digests', answer: answer(['digests#*']) })

    contentChanged(['posts#*', 'posts#id=9', 'posts#slug=c'])
    expect(freshAnswer('by-slug-a')).toBeDefined()
    expect(freshAnswer('by-slug-b')).toBeDefined()
    expect(freshAnswer('digests')).toBeDefined()
    expect(freshAnswer('list')).toBeUndefined()
    expect(freshAnswer('search')).toBeUndefined()

    contentChanged(['authors#*', 'authors#id=1'])
    expect(freshAnswer('by-slug-a')).toBeUndefined()
    expect(freshAnswer('by-slug-b')).toBeDefined()

    contentChanged(EVERYTHING)
    expect(freshAnswer('by-slug-b')).toBeUndefined()
    expect(freshAnswer('digests')).toBeUndefined()
  })

  it('should keep an answer read during a write only when the write changed nothing it read', () => {
    const before = contentVersion()
    contentChanged(['posts#*', 'posts#slug=other'])
    keepAnswer({ key: 'unrelated', answer: answer(['posts#slug=a'], before) })
    keepAnswer({ key: 'related', answer: answer(['posts#*'], before) })
    keepAnswer({ key: 'everything', answer: answer([EVERYTHING], before) })
    expect(freshAnswer('unrelated')).toBeDefined()
    expect(freshAnswer('related')).toBeUndefined()
    expect(freshAnswer('everything')).toBeUndefined()
  })

  it('should not keep an answer that outlived the writes it remembers', () => {
    const before = contentVersion()
    for (let i = 0; i < 1001; i += 1) contentChanged([`authors#id=${i}`])
    keepAnswer({ key: 'slow', answer: answer(['posts#slug=a'], before) })
    expect(freshAnswer('slow')).toBeUndefined()
  })

  it('should answer nothing while other instances cannot be seen, and drop everything after', () => {
    keepAnswer({ key: 'kept', answer: answer(['posts#slug=a']) })
    setBlind(true)
    expect(freshAnswer('kept')).toBeUndefined()
    keepAnswer({ key: 'while-blind', answer: answer(['posts#slug=b']) })
    setBlind(false)
    expect(freshAnswer('kept')).toBeUndefined()
    expect(freshAnswer('while-blind')).toBeUndefined()
  })

  it('should forget a replaced answer’s dependencies', () => {
    keepAnswer({ key: 'k', answer: answer(['posts#slug=a']) })
    keepAnswer({ key: 'k', answer: answer(['posts#slug=b']) })
    contentChanged(['posts#slug=a'])
    expect(freshAnswer('k')).toBeDefined()
    contentChanged(['posts#slug=b'])
    expect(freshAnswer('k')).toBeUndefined()
  })
})
