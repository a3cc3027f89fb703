/**
 * Relations to documents a reader cannot read (a draft, the trash) are left out of anonymous
 * answers at every depth, instead of showing their ids; staff answers keep them as before.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { documentKey } from '../../lib/cacheDependencies.ts'
import { trackReads } from '../../src/plugins/responseCache/dependencies.ts'
import { contentVersion, freshAnswer, keepAnswer } from '../../src/plugins/responseCache/store.ts'
import { eventually } from '../helpers/eventually.ts'
import { paragraph } from '../helpers/fixtures.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'

type Id = number | string

let cms: TestCms
let editorToken: string
let ids: Record<
  | 'author'
  | 'trashedAuthor'
  | 'source'
  | 'trashedSource'
  | 'topic'
  | 'trashedTopic'
  | 'draft'
  | 'trashedPost'
  | 'related'
  | 'post'
  | 'plain'
  | 'digest',
  Id
>

/** A published post's rich text that links the draft through a relationship node. */
const contentLinking = (id: Id) => {
  const content = paragraph('Body with a reference')
  return {
    root: {
      ...content.root,
      children: [
        ...content.root.children,
        { type: 'relationship', relationTo: 'posts', value: id, format: '', version: 2 },
      ],
    },
  }
}

beforeAll(async () => {
  cms = await startTestCms()
  const { payload } = cms
  const make = async (collection: 'authors' | 'sources' | 'topics', name: string) =>
    (await payload.create({ collection, data: { name }, overrideAccess: true })).id
  // Into the trash (`delete` with `trash: true` would delete it for good).
  const trash = async (collection: 'authors' | 'sources' | 'topics' | 'posts', id: Id) => {
    await payload.update({
      collection,
      id,
      data: { deletedAt: new Date().toISOString() },
      overrideAccess: true,
    })
  }
  const author = await make('authors', 'Visible Author')
  const trashedAuthor = await make('authors', 'Gone Author')
  const source = await make('sources', 'Visible Outlet')
  const trashedSource = await make('sources', 'Gone Outlet')
  const topic = await make('topics', 'Visible Topic')
  const trashedTopic = await make('topics', 'Gone Topic')
  const draft = (
    await payload.create({
      collection: 'posts',
      data: { title: 'Unpublished draft', author, _status: 'draft' },
      draft: true,
      overrideAccess: true,
    })
  ).id
  const trashedPost = (
    await payload.create({
      collection: 'posts',
      data: { title: 'Trashed post', _status: 'published' },
      overrideAccess: true,
    })
  ).id
  // Published, related to the draft: its own relations are the last level of a depth-1 answer.
  const related = (
    await payload.create({
      collection: 'posts',
      data: {
        title: 'Related post',
        author: trashedAuthor,
        sources: [trashedSource, source],
        topics: [trashedTopic],
        relatedPosts: [draft, trashedPost],
        _status: 'published',
      },
      overrideAccess: true,
    })
  ).id
  const post = (
    await payload.create({
      collection: 'posts',
      data: {
        title: 'Main post',
        author: trashedAuthor,
        sources: [trashedSource, source],
        topics: [topic, trashedTopic],
        writers: [
          { name: 'First Writer', author: trashedAuthor },
          { name: 'Visible Writer', author },
        ],
        content: contentLinking(draft),
        relatedPosts: [related, draft, trashedPost],
        _status: 'published',
      },
      overrideAccess: true,
    })
  ).id
  // Published, every relation readable, no related posts: what most by-slug reads look like.
  const plain = (
    await payload.create({
      collection: 'posts',
      data: {
        title: 'Plain post',
        author,
        sources: [source],
        topics: [topic],
        _status: 'published',
      },
      overrideAccess: true,
    })
  ).id
  const digest = (
    await payload.create({
      collection: 'digests',
      data: {
        title: 'Digest',
        issueNumber: 7,
        author: trashedAuthor,
        sources: [trashedSource],
        items: [
          { body: paragraph('Item on the draft'), post: draft, source: trashedSource },
          { body: paragraph('Item on a live post'), post: related, source },
        ],
        relatedPosts: [draft, related],
        _status: 'published',
      },
      overrideAccess: true,
    })
  ).id
  await trash('posts', trashedPost)
  await trash('authors', trashedAuthor)
  await trash('sources', trashedSource)
  await trash('topics', trashedTopic)
  ids = {
    ...{ author, trashedAuthor, source, trashedSource, topic, trashedTopic },
    ...{ draft, trashedPost, related, post, plain, digest },
  }
  editorToken = (await cms.userWithRole('editor')).token
})

afterAll(async () => {
  await cms?.close()
})

/** The id of a relation's value, populated or not. */
const idOf = (value: any): unknown =>
  value && typeof value === 'object' && 'id' in value ? value.id : value
const idsOf = (values: any[] | undefined) => (values ?? []).map(idOf)

const get = async (path: string, token?: string) => {
  const answer = await cms.rest({ path, token })
  expect(answer.status, path).toBe(200)
  return answer.body
}

/** The main post as the answer to `query` (by id, or the only match of a list) gives it. */
const mainPost = async ({ query, isList }: { query: string; isList: boolean }) => {
  const path = isList
    ? `/api/posts?where[id][equals]=${ids.post}&${query}`
    : `/api/posts/${ids.post}?${query}`
  const body = await get(path)
  return isList ? body.docs[0] : body
}

describe.each([
  { read: 'by id', isList: false },
  { read: 'in a list', isList: true },
])('anonymous REST reads of a post $read', ({ isList }) => {
  it.each([0, 1, 2])('should leave out trashed or draft relations at depth %i', async (depth) => {
    const doc = await mainPost({ query: `depth=${depth}`, isList })
    expect(doc.author).toBeNull()
    expect(idsOf(doc.sources)).toEqual([ids.source])
    expect(idsOf(doc.topics)).toEqual([ids.topic])
    expect(idsOf(doc.relatedPosts)).toEqual([ids.related])
    expect(doc.writers.map((writer: any) => idOf(writer.author))).toEqual([null, ids.author])
  })

  it.each([1, 2])(
    'should leave them out of the related documents at depth %i too',
    async (depth) => {
      const doc = await mainPost({ query: `depth=${depth}`, isList })
      const [related] = doc.relatedPosts
      expect(related.title).toBe('Related post')
      expect(related.author).toBeNull()
      expect(idsOf(related.sources)).toEqual([ids.source])
      expect(related.topics).toEqual([])
      expect(related.relatedPosts).toEqual([])
    },
  )

  it('should set a rich-text reference to a draft to null at depth 0', async () => {
    const doc = await mainPost({ query: 'depth=0', isList })
    const reference = doc.content.root.children.find((node: any) => node.type === 'relationship')
    expect(reference.value).toBeNull()
  })
})

describe('anonymous REST reads whatever the query says', () => {
  it.each([
    'depth=0&draft=true',
    'depth=1&draft=true',
    'depth=0&trash=true',
    'depth=0&select[relatedPosts]=true',
    'depth=1&select[relatedPosts]=true',
    'depth=1&populate[posts][relatedPosts]=true',
    'depth=2&populate[posts][title]=true&populate[posts][relatedPosts]=true',
    'depth=5',
  ])('should answer %s with no more related posts than without it', async (attack) => {
    const plain = await mainPost({ query: 'depth=0', isList: false })
    const attacked = await mainPost({ query: attack, isList: false })
    expect(idsOf(attacked.relatedPosts)).toEqual(idsOf(plain.relatedPosts))
    expect(idsOf(attacked.relatedPosts)).toEqual([ids.related])
    const text = JSON.stringify(attacked)
    expect(text).not.toContain('Unpublished draft')
    expect(text).not.toContain('Trashed post')
    expect(text).not.toContain('Gone ')
  })

  it('should never name a draft or trashed id in a list of every post', async () => {
    for (const depth of [0, 1, 2]) {
      const { docs } = await get(`/api/posts?depth=${depth}&limit=100`)
      const hidden = [ids.draft, ids.trashedPost]
      for (const doc of docs) {
        expect(hidden).not.toContain(doc.id)
        for (const id of idsOf(doc.relatedPosts)) expect(hidden, `depth ${depth}`).not.toContain(id)
      }
    }
  })
})

describe('anonymous REST reads of a digest', () => {
  it.each([0, 1, 2])(
    'should leave out items’ draft posts and trashed sources at depth %i',
    async (depth) => {
      const doc = await get(`/api/digests/${ids.digest}?depth=${depth}`)
      expect(doc.author).toBeNull()
      expect(doc.sources).toEqual([])
      expect(doc.items.map((item: any) => [idOf(item.post), idOf(item.source)])).toEqual([
        [null, null],
        [ids.related, ids.source],
      ])
      expect(idsOf(doc.relatedPosts)).toEqual([ids.related])
    },
  )
})

describe('anonymous GraphQL', () => {
  it('should leave out draft and trashed relations', async () => {
    const { body } = await cms.graphql({
      query: `{ Post(id: ${JSON.stringify(ids.post)}) {
        author { id } sources { id } topics { id } writers { author { id } }
        relatedPosts { id author { id } relatedPosts { id } }
      } }`,
    })
    expect(body.errors).toBeUndefined()
    expect(body.data.Post).toEqual({
      author: null,
      sources: [{ id: ids.source }],
      topics: [{ id: ids.topic }],
      writers: [{ author: null }, { author: { id: ids.author } }],
      relatedPosts: [{ id: ids.related, author: null, relatedPosts: [] }],
    })
  })
})

describe('anonymous GraphQL rich text', () => {
  it.each(['', '(depth: 0)', '(depth: 1)'])(
    'should not name the draft a rich-text reference points to: content%s',
    async (args) => {
      const { body } = await cms.graphql({
        query: `{ Post(id: ${JSON.stringify(ids.post)}) { content${args} } }`,
      })
      expect(body.errors).toBeUndefined()
      const nodes = body.data.Post.content.root.children
      const reference = nodes.find((node: any) => node.type === 'relationship')
      expect(idOf(reference.value)).not.toBe(ids.draft)
    },
  )
})

describe('staff reads', () => {
  it('should show editors every related id at depth 0, drafts and trash included', async () => {
    const doc = await get(`/api/posts/${ids.post}?depth=0`, editorToken)
    expect(doc.author).toBe(ids.trashedAuthor)
    expect(doc.sources).toEqual([ids.trashedSource, ids.source])
    expect(doc.relatedPosts).toEqual([ids.related, ids.draft, ids.trashedPost])
  })

  it('should populate the draft for editors at depth 1', async () => {
    const doc = await get(`/api/posts/${ids.post}?depth=1&draft=true`, editorToken)
    expect(idsOf(doc.relatedPosts)).toEqual([ids.related, ids.draft])
  })

  it('should hide others’ drafts from contributors', async () => {
    const { token } = await cms.userWithRole('contributor')
    const doc = await get(`/api/posts/${ids.post}?depth=0`, token)
    expect(doc.relatedPosts).toEqual([ids.related])
  })
})

describe('versions', () => {
  it('should hide others’ drafts in the versions of a contributor’s own post', async () => {
    const { id, token } = await cms.userWithRole('contributor')
    const user = await cms.payload.findByID({ collection: 'users', id, overrideAccess: true })
    const own = await cms.payload.create({
      collection: 'posts',
      data: { title: 'Own draft', relatedPosts: [ids.draft, ids.related] as number[] },
      draft: true,
      overrideAccess: true,
      user: { ...user, collection: 'users' },
    })
    for (const depth of [0, 1]) {
      const path = `/api/posts/versions?where[parent][equals]=${own.id}&depth=${depth}`
      const { docs } = await get(path, token)
      expect(docs.length, path).toBeGreaterThan(0)
      for (const version of docs) {
        expect(idsOf(version.version.relatedPosts), path).toEqual([ids.related])
      }
      const one = await get(`/api/posts/versions/${docs[0].id}?depth=${depth}`, token)
      expect(idsOf(one.version.relatedPosts)).toEqual([ids.related])
    }
  })
})

describe('Local API reads', () => {
  it('should keep every id for the admin’s edit view, so a save loses no relation', async () => {
    const { id } = await cms.userWithRole('contributor')
    const user = await cms.payload.findByID({ collection: 'users', id, overrideAccess: true })
    // What the admin's edit view reads (@payloadcms/next getDocumentData): depth 0, the user.
    const doc = await cms.payload.findByID({
      collection: 'posts',
      id: ids.post,
      depth: 0,
      draft: true,
      overrideAccess: false,
      user: { ...user, collection: 'users' },
    })
    expect(doc.relatedPosts).toEqual([ids.related, ids.draft, ids.trashedPost])
  })
})

/** Keeps the anonymous answer to `path` in the response cache, as the server does; its key. */
const keepInCache = async (path: string): Promise<string> => {
  const version = contentVersion()
  const { result, reads } = await trackReads(() => cms.rest({ path }))
  const key = `unreadable-relations ${path}`
  const body = new TextEncoder().encode(JSON.stringify(result.body))
  keepAnswer({ key, answer: { version, status: 200, headers: [], body, dependsOn: [...reads] } })
  expect(freshAnswer(key), path).toBeDefined()
  return key
}

const cachedPaths = {
  depth0: () => `/api/posts/${ids.post}?depth=0`,
  depth1: () => `/api/posts/${ids.post}?depth=1`,
  unrelated: () => '/api/posts?where[slug][equals]=plain-post&depth=1',
}
const cacheKeys: Partial<Record<keyof typeof cachedPaths, string>> = {}

describe('the response cache', () => {
  it.each([0, 1])('should note a read of the hidden draft at depth %i', async (depth) => {
    const { reads } = await trackReads(() =>
      cms.rest({ path: `/api/posts/${ids.post}?depth=${depth}` }),
    )
    expect([...reads]).toContain(documentKey('posts', 'id', ids.draft))
  })

  it('should keep the answers that left the draft out (dropped once it is published)', async () => {
    for (const [name, path] of Object.entries(cachedPaths)) {
      cacheKeys[name as keyof typeof cachedPaths] = await keepInCache(path())
    }
  })
})

/** The collections the readability checks of one request asked, in order. */
const checksOf = async (path: string, token?: string): Promise<string[]> => {
  const find = vi.spyOn(cms.payload, 'find')
  try {
    await get(path, token)
    // The checks are the only finds at a nested depth that populate nothing.
    return find.mock.calls
      .map(([args]) => args)
      .filter((args) => args.currentDepth === 1 && args.depth === 0)
      .map((args) => args.collection)
      .sort()
  } finally {
    find.mockRestore()
  }
}

describe('queries', () => {
  it('should add none to a by-slug read at depth 1 whose relations are all readable', async () => {
    expect(await checksOf('/api/posts?where[slug][equals]=plain-post&depth=1')).toEqual([])
  })

  it('should add none at depth 1 for a draft Payload could not populate', async () => {
    const query = 'depth=1&select[relatedPosts]=true&populate[posts][title]=true'
    const path = `/api/posts/${ids.post}?${query}`
    expect(await checksOf(path)).toEqual([])
  })

  it('should ask about the last populated level once per related collection', async () => {
    // The related post's relations: nobody tried them at depth 1.
    const checks = await checksOf(`/api/posts/${ids.post}?depth=1&select[relatedPosts]=true`)
    expect(checks).toEqual(['authors', 'sources', 'topics'])
  })

  it('should ask about no id the answer already settles', async () => {
    // The related post's relations are shown populated, or unreadable, at the first level.
    expect(await checksOf(`/api/posts/${ids.post}?depth=1`)).toEqual([])
  })

  it('should ask each related collection at most once at depth 0, for a whole list', async () => {
    expect(await checksOf('/api/posts?depth=0&limit=100')).toEqual([
      'authors',
      'posts',
      'sources',
      'topics',
    ])
  })

  it('should add none for editors, who read every collection whole', async () => {
    expect(await checksOf('/api/posts?depth=0&limit=100', editorToken)).toEqual([])
  })
})

describe('a preview link', () => {
  let previewed: Id
  let livePost: Id

  beforeAll(async () => {
    const { payload } = cms
    livePost = (
      await payload.create({
        collection: 'posts',
        data: { title: 'Live title', _status: 'published' },
        overrideAccess: true,
      })
    ).id
    await payload.update({
      collection: 'posts',
      id: livePost,
      data: { title: 'Pending title' },
      draft: true,
      overrideAccess: true,
    })
    previewed = (
      await payload.create({
        collection: 'posts',
        // The generated types say number; MongoDB's ids are text.
        data: {
          title: 'Previewed draft',
          author: ids.trashedAuthor as number,
          sources: [ids.source, ids.trashedSource] as number[],
          relatedPosts: [ids.draft, ids.related, livePost] as number[],
          _status: 'draft',
        },
        draft: true,
        overrideAccess: true,
      })
    ).id
  })

  const previewOf = async (id: Id) => {
    const created = await cms.rest({
      method: 'POST',
      path: `/api/posts/${id}/preview-link`,
      token: editorToken,
      body: {},
    })
    expect(created.status).toBe(201)
    const { body } = await cms.rest({
      path: `${new URL(created.body.url).pathname}?format=json`,
    })
    return body.doc
  }

  it('should show its own draft but no other draft or trashed document', async () => {
    const doc = await previewOf(previewed)
    expect(doc.title).toBe('Previewed draft')
    expect(doc.author).toBeNull()
    expect(idsOf(doc.sources)).toEqual([ids.source])
    expect(idsOf(doc.relatedPosts)).toEqual([ids.related, livePost])
    expect(JSON.stringify(doc)).not.toContain('Unpublished draft')
  })

  it('should show related documents as they are live, not their pending drafts', async () => {
    const doc = await previewOf(previewed)
    expect(doc.relatedPosts.map((post: any) => post.title)).toEqual(['Related post', 'Live title'])
    expect(JSON.stringify(doc)).not.toContain('Pending title')
  })

  it('should give no staff account of who saved it', async () => {
    const editor = await cms.userWithRole('editor')
    const saved = await cms.rest({
      method: 'POST',
      path: '/api/posts?draft=true',
      token: editor.token,
      body: { title: 'Saved by an editor', _status: 'draft' },
    })
    expect(saved.status).toBe(201)
    const doc = await previewOf(saved.body.doc.id)
    expect(doc.lastEditedBy ?? null).toBeNull()
    expect(JSON.stringify(doc)).not.toContain(editor.email)
  })

  it('should name no unreadable id in the related documents', async () => {
    const [related] = (await previewOf(previewed)).relatedPosts
    expect([related.author, related.relatedPosts, related.topics]).toEqual([null, [], []])
  })
})

describe('after the draft is published', () => {
  beforeAll(async () => {
    // Still kept: nothing written since changed what they read.
    for (const key of Object.values(cacheKeys)) expect(freshAnswer(key), key).toBeDefined()
    await cms.payload.update({
      collection: 'posts',
      id: ids.draft,
      data: { _status: 'published' },
      overrideAccess: true,
    })
  })

  it('should drop the cached answers that left it out, and only those', async () => {
    const kept = () =>
      Promise.resolve(
        Object.fromEntries(
          Object.entries(cacheKeys).map(([name, key]) => [name, Boolean(freshAnswer(key))]),
        ),
      )
    // Dropped when the publish commits.
    await eventually({
      read: kept,
      isDone: (value) => !value.depth0 && !value.depth1,
      what: 'answers relating to the published draft dropped',
    })
    expect(await kept()).toEqual({ depth0: false, depth1: false, unrelated: true })
  })

  it.each(['(depth: 0)', '(depth: 1)'])(
    'should show it in rich text to anonymous GraphQL readers: content%s',
    async (args) => {
      const { body } = await cms.graphql({
        query: `{ Post(id: ${JSON.stringify(ids.post)}) { content${args} } }`,
      })
      const nodes = body.data.Post.content.root.children
      expect(idOf(nodes.find((node: any) => node.type === 'relationship').value)).toBe(ids.draft)
    },
  )

  it('should keep readable ids below the deepest level anonymous readers get', async () => {
    const doc = await mainPost({ query: 'depth=5', isList: false })
    const [related] = doc.relatedPosts
    // depth=5 is read as 2: the draft, now published, at the second level, its author an id.
    expect(related.relatedPosts.map((post: any) => [post.id, post.author])).toEqual([
      [ids.draft, ids.author],
    ])
  })

  it.each([0, 1])('should show it to anonymous readers at depth %i', async (depth) => {
    const doc = await mainPost({ query: `depth=${depth}`, isList: false })
    expect(idsOf(doc.relatedPosts)).toEqual([ids.related, ids.draft])
  })
})
