import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { paragraph, SECRET } from '../helpers/fixtures.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'

/**
 * Contributors read only their own unpublished work, plus what is live of everyone else's, on
 * every read path. Contributor B's never-published draft, the pending draft of B's published
 * post, B's trashed post and an unowned imported draft carry SECRET; contributor A must never
 * get it, whatever the path or parameters. A's own work carries none, and A must see all of it.
 */

type Account = Awaited<ReturnType<TestCms['userWithRole']>>
type Id = number | string

let cms: TestCms
let a: Account
let b: Account
let editor: Account
const docs = {} as Record<
  | 'bDraft'
  | 'bLive'
  | 'bTrashed'
  | 'imported'
  | 'aDraft'
  | 'aLive'
  | 'assigned'
  | 'aDigest'
  | 'digest'
  | 'bDigestDraft',
  { id: Id }
>

/** The Local API as this account, with access enforced. */
const as = async (account: Account) => {
  const user = await cms.payload.findByID({
    collection: 'users',
    id: account.id,
    overrideAccess: true,
  })
  return { overrideAccess: false as const, user: { ...user, collection: 'users' as const } }
}

const titlesOf = (body: { docs?: { title?: string }[] }) =>
  (body.docs ?? []).map((doc) => doc.title).sort()
const idsOf = (body: { docs?: { id: Id }[] }) =>
  (body.docs ?? []).map((doc) => String(doc.id)).sort()

const A_OWN_TITLES = ["A's draft", "A's pending edit", 'Assigned to A']

beforeAll(async () => {
  cms = await startTestCms()
  a = await cms.userWithRole('contributor')
  b = await cms.userWithRole('contributor')
  editor = await cms.userWithRole('editor')
  const trusted = { overrideAccess: true } as const

  docs.bDraft = await cms.payload.create({
    collection: 'posts',
    data: {
      title: `${SECRET} B's draft`,
      excerpt: `${SECRET} B's excerpt`,
      content: paragraph(`${SECRET} B's body`),
      _status: 'draft',
    },
    draft: true,
    ...(await as(b)),
  })
  docs.bLive = await cms.payload.create({
    collection: 'posts',
    data: {
      title: "B's live post",
      excerpt: "B's live excerpt",
      owner: b.id as number,
      _status: 'published',
    },
    ...trusted,
  })
  await cms.payload.update({
    collection: 'posts',
    id: docs.bLive.id,
    data: { title: `${SECRET} B's pending edit`, excerpt: `${SECRET} B's pending excerpt` },
    draft: true,
    ...trusted,
  })
  docs.bTrashed = await cms.payload.create({
    collection: 'posts',
    data: { title: `${SECRET} B's trashed post`, owner: b.id as number, _status: 'published' },
    ...trusted,
  })
  await cms.payload.delete({ collection: 'posts', id: docs.bTrashed.id, trash: true, ...trusted })
  // Imported: no owner.
  docs.imported = await cms.payload.create({
    collection: 'posts',
    data: { title: `${SECRET} imported draft`, _status: 'draft' },
    draft: true,
    ...trusted,
  })

  docs.aDraft = await cms.payload.create({
    collection: 'posts',
    data: { title: "A's draft", excerpt: "A's excerpt", _status: 'draft' },
    draft: true,
    ...(await as(a)),
  })
  docs.aLive = await cms.payload.create({
    collection: 'posts',
    data: { title: "A's live post", owner: a.id as number, _status: 'published' },
    ...trusted,
  })
  await cms.payload.update({
    collection: 'posts',
    id: docs.aLive.id,
    data: { title: "A's pending edit" },
    draft: true,
    ...trusted,
  })
  // An imported draft an editor assigned to A with a draft save: only its latest version says so.
  docs.assigned = await cms.payload.create({
    collection: 'posts',
    data: { title: 'Imported, not yet assigned', _status: 'draft' },
    draft: true,
    ...trusted,
  })
  await cms.payload.update({
    collection: 'posts',
    id: docs.assigned.id,
    data: { title: 'Assigned to A', owner: a.id as number },
    draft: true,
    ...(await as(editor)),
  })

  docs.digest = await cms.payload.create({
    collection: 'digests',
    data: {
      title: 'Published digest',
      issueNumber: 1,
      items: [
        { body: paragraph('Links B draft'), post: docs.bDraft.id as number },
        { body: paragraph('Links B live'), post: docs.bLive.id as number },
        { body: paragraph('Links imported'), post: docs.imported.id as number },
        { body: paragraph('Links A draft'), post: docs.aDraft.id as number },
      ],
      relatedPosts: [docs.bDraft, docs.bLive, docs.imported, docs.aDraft].map(
        (doc) => doc.id as number,
      ),
      _status: 'published',
    },
    ...trusted,
  })
  docs.aDigest = await cms.payload.create({
    collection: 'digests',
    data: {
      title: "A's digest",
      issueNumber: 2,
      relatedPosts: [docs.bDraft.id as number, docs.bLive.id as number],
      _status: 'draft',
    },
    draft: true,
    ...(await as(a)),
  })
  docs.bDigestDraft = await cms.payload.create({
    collection: 'digests',
    data: { title: `${SECRET} B's digest`, issueNumber: 3, _status: 'draft' },
    draft: true,
    ...(await as(b)),
  })

  // Workflow trail entries on both writers' drafts.
  for (const [account, doc] of [
    [b, docs.bDraft],
    [a, docs.aDraft],
  ] as const) {
    const { status, body } = await cms.rest({
      method: 'POST',
      path: `/api/posts/${doc.id}/workflow`,
      token: account.token,
      body: { action: 'submit', note: account === b ? `${SECRET} note` : 'A note' },
    })
    expect(status, JSON.stringify(body)).toBe(200)
  }
})
afterAll(async () => {
  await cms?.close()
})

const restAs = (account: Account, path: string) => cms.rest({ path, token: account.token })

describe("REST: a contributor does not get another's unpublished work", () => {
  it.each([
    ['/api/posts?depth=0'],
    ['/api/posts?depth=0&draft=true'],
    ['/api/posts?depth=0&draft=true&trash=true'],
    ['/api/posts?depth=0&draft=true&pagination=false'],
    ['/api/posts?depth=0&draft=true&limit=0'],
    ['/api/posts?depth=2&draft=true&sort=-title'],
    ['/api/posts?draft=true&select[title]=true&select[excerpt]=true'],
    ['/api/digests?depth=2&draft=true'],
    ['/api/digests?depth=2'],
  ])('should not reveal it through %s', async (path) => {
    const { status, body } = await restAs(a, path)
    expect(status).toBe(200)
    expect(JSON.stringify(body)).not.toContain(SECRET)
  })

  it.each([
    ["B's never-published draft", () => `/api/posts/${docs.bDraft.id}?draft=true`],
    ["B's never-published draft without draft=true", () => `/api/posts/${docs.bDraft.id}`],
    ['an unowned imported draft', () => `/api/posts/${docs.imported.id}?draft=true`],
    ["B's trashed post", () => `/api/posts/${docs.bTrashed.id}?trash=true&draft=true`],
    ["B's draft digest", () => `/api/digests/${docs.bDigestDraft.id}?draft=true`],
  ])('should answer 404 for %s by id', async (_name, path) => {
    const { status, body } = await restAs(a, path())
    expect(status).toBe(404)
    expect(JSON.stringify(body)).not.toContain(SECRET)
  })

  it("should serve B's published version, not the pending draft, by id with draft=true", async () => {
    const { status, body } = await restAs(a, `/api/posts/${docs.bLive.id}?draft=true`)
    expect(status).toBe(200)
    expect(body).toMatchObject({ title: "B's live post", excerpt: "B's live excerpt" })
  })

  it("should list B's published post as it is live with draft=true", async () => {
    const { body } = await restAs(a, '/api/posts?depth=0&draft=true&pagination=false')
    expect(body.docs.find((doc: { id: Id }) => doc.id === docs.bLive.id)).toMatchObject({
      title: "B's live post",
      _status: 'published',
    })
  })

  it('should count only what the contributor may read', async () => {
    const { body } = await restAs(a, '/api/posts/count')
    // A's three, and B's live post.
    expect(body.totalDocs).toBe(4)
  })

  it("should list versions of the contributor's own documents only", async () => {
    const { status, body } = await restAs(a, '/api/posts/versions?depth=0&limit=100')
    expect(status).toBe(200)
    const parents = new Set(body.docs.map((version: { parent: Id }) => String(version.parent)))
    expect([...parents].sort()).toEqual(
      [docs.aDraft, docs.aLive, docs.assigned].map((doc) => String(doc.id)).sort(),
    )
    expect(JSON.stringify(body)).not.toContain(SECRET)
  })

  it.each([
    ["B's draft", () => docs.bDraft.id],
    ["B's published post", () => docs.bLive.id],
  ])('should answer a version of %s by id as one that does not exist', async (_name, parent) => {
    const { docs: versions } = await cms.payload.findVersions({
      collection: 'posts',
      where: { parent: { equals: parent() } },
      overrideAccess: true,
    })
    const [existing, missing] = await Promise.all([
      restAs(a, `/api/posts/versions/${versions[0].id}`),
      restAs(a, '/api/posts/versions/999999'),
    ])
    expect(existing.status).toBe(403)
    expect(existing.body).toEqual(missing.body)
    expect(existing.status).toBe(missing.status)
  })

  it('should populate relationships only with what the contributor may read', async () => {
    const { status, body } = await restAs(a, `/api/digests/${docs.digest.id}?depth=2&draft=true`)
    expect(status).toBe(200)
    expect(JSON.stringify(body)).not.toContain(SECRET)
    // Others’ drafts are left out, not named by id (collections/hooks/hideUnreadableRelations.ts)
    expect(body.items.map((item: { post: unknown }) => item.post)).toEqual([
      null,
      expect.objectContaining({ title: "B's live post" }),
      null,
      expect.objectContaining({ title: "A's draft" }),
    ])
  })

  it("should populate B's published post as it is live in the contributor's own digest", async () => {
    const { body } = await restAs(a, `/api/digests/${docs.aDigest.id}?depth=1&draft=true`)
    expect(body.relatedPosts).toEqual([expect.objectContaining({ title: "B's live post" })])
  })

  it('should find nothing unpublished in search', async () => {
    const { status, body } = await restAs(a, `/api/search?q=${SECRET}`)
    expect(status).toBe(200)
    expect(body.totalDocs).toBe(0)
  })
})

describe('leaks: attack parameters change nothing for a contributor', () => {
  const LIST = '/api/posts?depth=0&draft=true&pagination=false'
  // Each attack is compared with the same request without the attack parameter.
  it.each([
    [`${LIST}&trash=true`, LIST],
    [`${LIST}&limit=0`, LIST],
    [`${LIST}&sort=title`, LIST],
    [`${LIST}&where[title][like]=${SECRET}`, `${LIST}&where[title][like]=NO-SUCH-TITLE`],
    [`${LIST}&where[excerpt][like]=${SECRET}`, `${LIST}&where[excerpt][like]=NO-SUCH-TITLE`],
    [`${LIST}&where[_status][equals]=draft`, `${LIST}&where[owner][equals]=OWN`],
    [
      `${LIST}&where[owner][equals]=B&where[_status][equals]=draft`,
      `${LIST}&where[title][equals]=NONE`,
    ],
    [`${LIST}&where[owner][exists]=false`, `${LIST}&where[title][equals]=NONE`],
    [
      `${LIST}&where[owner][equals]=B`,
      '/api/posts?depth=0&pagination=false&where[owner][equals]=B',
    ],
    [`/api/posts/count?where[title][like]=${SECRET}`, '/api/posts/count?where[title][like]=NONE'],
    [
      '/api/posts/count?where[owner][equals]=B',
      '/api/posts/count?where[owner][equals]=B&where[_status][equals]=published',
    ],
    [
      '/api/posts/count?where[_status][equals]=draft&trash=true',
      '/api/posts/count?where[_status][equals]=draft',
    ],
    [
      `/api/posts/versions?where[version.title][like]=${SECRET}`,
      '/api/posts/versions?where[version.title][equals]=NONE',
    ],
    [
      `/api/workflow-events?where[title][like]=${SECRET}`,
      '/api/workflow-events?where[title][equals]=NONE',
    ],
    [`/api/preview-links?where[documentKey][like]=posts`, '/api/preview-links'],
  ])('should answer %s as %s', async (attack, baseline) => {
    const ids = (path: string) => path.replaceAll('=OWN', `=${a.id}`).replaceAll('=B', `=${b.id}`)
    const [attacked, expected] = await Promise.all([
      restAs(a, ids(attack)),
      restAs(a, ids(baseline)),
    ])
    expect(attacked.status).toBe(200)
    expect(JSON.stringify(attacked.body)).not.toContain(SECRET)
    expect(idsOf(attacked.body)).toEqual(idsOf(expected.body))
    expect(attacked.body.totalDocs).toBe(expected.body.totalDocs)
  })

  it.each([['hash'], ['resetPasswordToken'], ['lockUntil']])(
    "should answer a filter on the owner's hidden %s alike whether it exists or not",
    async (field) => {
      const LIST_PATH = '/api/posts?depth=0&draft=true&pagination=false'
      const [exists, missing] = await Promise.all([
        restAs(a, `${LIST_PATH}&where[owner.${field}][exists]=true`),
        restAs(a, `${LIST_PATH}&where[owner.${field}][exists]=false`),
      ])
      expect(exists.status).toBe(missing.status)
      expect(exists.body).toEqual(missing.body)
    },
  )
})

describe("GraphQL: a contributor does not get another's unpublished work", () => {
  it.each([
    ['{ Posts(draft: true) { docs { title excerpt content } totalDocs } }'],
    ['{ Posts(draft: true, trash: true, pagination: false) { docs { title } } }'],
    [
      `{ Posts(draft: true, where: { title: { like: "${SECRET}" } }) { docs { title } totalDocs } }`,
    ],
    ['{ countPosts(where: { _status: { equals: draft } }) { totalDocs } }'],
    ['{ versionsPosts(limit: 100) { docs { parent { id } version { title excerpt } } } }'],
    [
      '{ Digests(draft: true) { docs { title items { post { title excerpt } } relatedPosts { title } } } }',
    ],
    [`{ search(q: "${SECRET}") { totalDocs docs { title } } }`],
    ['{ WorkflowEvents(limit: 100) { docs { title note documentKey } } }'],
  ])('should not reveal it through %s', async (query) => {
    const { body } = await cms.graphql({ query, token: a.token })
    expect(body.errors).toBeUndefined()
    expect(JSON.stringify(body)).not.toContain(SECRET)
  })

  it("should not reveal B's drafts by id, and serve B's live version with draft: true", async () => {
    const query = `{
      bDraft: Post(id: ${JSON.stringify(docs.bDraft.id)}, draft: true) { title }
      imported: Post(id: ${JSON.stringify(docs.imported.id)}, draft: true) { title }
      bLive: Post(id: ${JSON.stringify(docs.bLive.id)}, draft: true) { title excerpt }
    }`
    const { body } = await cms.graphql({ query, token: a.token })
    expect(JSON.stringify(body)).not.toContain(SECRET)
    expect(body.data).toMatchObject({ bDraft: null, imported: null })
    expect(body.data.bLive).toEqual({ title: "B's live post", excerpt: "B's live excerpt" })
  })

  it("should not reveal a version of B's post by id", async () => {
    const { docs: versions } = await cms.payload.findVersions({
      collection: 'posts',
      where: { parent: { equals: docs.bLive.id } },
      sort: '-updatedAt',
      overrideAccess: true,
    })
    const { body } = await cms.graphql({
      query: `{ versionPost(id: ${JSON.stringify(versions[0].id)}) { version { title } } }`,
      token: a.token,
    })
    expect(JSON.stringify(body)).not.toContain(SECRET)
    expect(body.data?.versionPost ?? null).toBeNull()
  })

  it("should list B's published post as it is live with draft: true", async () => {
    const { body } = await cms.graphql({
      query: '{ Posts(draft: true, pagination: false) { docs { id title } } }',
      token: a.token,
    })
    expect(body.data.Posts.docs.map((doc: { title: string }) => doc.title).sort()).toEqual(
      [...A_OWN_TITLES, "B's live post"].sort(),
    )
  })
})

describe('preview links and the workflow trail', () => {
  const createLink = (account: Account, id: Id, collection = 'posts') =>
    cms.rest({
      method: 'POST',
      path: `/api/${collection}/${id}/preview-link`,
      token: account.token,
      body: {},
    })

  it.each([
    ["B's draft", () => docs.bDraft.id],
    ['an unowned imported draft', () => docs.imported.id],
  ])('should answer 404 to a contributor asking a preview link for %s', async (_name, id) => {
    const { status, body } = await createLink(a, id())
    expect(status).toBe(404)
    expect(JSON.stringify(body)).not.toContain(SECRET)
  })

  it("should refuse a contributor a preview link for B's published post with a pending draft", async () => {
    const { status, body } = await createLink(a, docs.bLive.id)
    expect(status).toBe(403)
    expect(body.errors[0].message).toBe(
      'Contributors can create preview links only for their own documents.',
    )
  })

  it('should give a contributor a preview link for their own draft', async () => {
    const { status } = await createLink(a, docs.assigned.id)
    expect(status).toBe(201)
  })

  it('should show a contributor only the links they made', async () => {
    await createLink(editor, docs.bDraft.id)
    const { body } = await restAs(a, '/api/preview-links?depth=0')
    expect(body.docs.length).toBeGreaterThan(0)
    expect(body.docs.every((link: { createdBy: Id }) => link.createdBy === a.id)).toBe(true)
  })

  it('should show a contributor the trail of their own documents only', async () => {
    const own = new Set([docs.aDraft, docs.aLive, docs.assigned].map((doc) => `posts:${doc.id}`))
    const all = await cms.payload.find({
      collection: 'workflow-events',
      pagination: false,
      overrideAccess: true,
    })
    const { status, body } = await restAs(a, '/api/workflow-events?depth=0&limit=100')
    expect(status).toBe(200)
    expect(idsOf(body)).toEqual(idsOf({ docs: all.docs.filter((e) => own.has(e.documentKey)) }))
    expect(body.docs.map((event: { documentKey: string }) => event.documentKey)).toContain(
      `posts:${docs.aDraft.id}`,
    )
  })

  it('should show an editor the whole trail', async () => {
    const { totalDocs } = await cms.payload.count({
      collection: 'workflow-events',
      overrideAccess: true,
    })
    const { body } = await restAs(editor, '/api/workflow-events?depth=0&limit=100')
    expect(body.totalDocs).toBe(totalDocs)
    expect(JSON.stringify(body)).toContain(SECRET)
  })
})

describe('what a contributor and an editor do see', () => {
  it("should list all of the contributor's own work, each at its latest version", async () => {
    const { body } = await restAs(a, '/api/posts?depth=0&draft=true&pagination=false')
    expect(titlesOf(body)).toEqual([...A_OWN_TITLES, "B's live post"].sort())
  })

  it("should page and count the contributor's list exactly", async () => {
    const first = await restAs(a, '/api/posts?depth=0&draft=true&limit=3&sort=title')
    const second = await restAs(a, '/api/posts?depth=0&draft=true&limit=3&sort=title&page=2')
    expect(first.body).toMatchObject({ totalDocs: 4, totalPages: 2 })
    expect([...idsOf(first.body), ...idsOf(second.body)].sort()).toEqual(
      [docs.aDraft, docs.aLive, docs.assigned, docs.bLive].map((doc) => String(doc.id)).sort(),
    )
  })

  it("should match the contributor's own drafts by their latest version", async () => {
    const { body } = await restAs(
      a,
      '/api/posts?depth=0&draft=true&where[title][equals]=Assigned%20to%20A',
    )
    expect(idsOf(body)).toEqual([String(docs.assigned.id)])
  })

  it('should give the contributor the pending draft of their own published post', async () => {
    const { body } = await restAs(a, `/api/posts/${docs.aLive.id}?draft=true`)
    expect(body.title).toBe("A's pending edit")
  })

  it('should open a draft an editor assigned to the contributor', async () => {
    const { status, body } = await restAs(a, `/api/posts/${docs.assigned.id}?draft=true`)
    expect(status).toBe(200)
    expect(body.title).toBe('Assigned to A')
  })

  it('should read the same through the Local API with access enforced', async () => {
    const { docs: found } = await cms.payload.find({
      collection: 'posts',
      draft: true,
      pagination: false,
      depth: 0,
      ...(await as(a)),
    })
    expect(found.map((doc) => doc.title).sort()).toEqual([...A_OWN_TITLES, "B's live post"].sort())
  })

  it('should show an editor every draft', async () => {
    const { body } = await restAs(editor, '/api/posts?depth=0&draft=true&pagination=false')
    expect(titlesOf(body)).toEqual(
      [
        ...A_OWN_TITLES,
        `${SECRET} B's draft`,
        `${SECRET} B's pending edit`,
        `${SECRET} imported draft`,
      ].sort(),
    )
  })

  it("should show B their own drafts and A's work only as it is live", async () => {
    const { body } = await restAs(b, '/api/posts?depth=0&draft=true&pagination=false')
    expect(titlesOf(body)).toEqual(
      [`${SECRET} B's draft`, `${SECRET} B's pending edit`, "A's live post"].sort(),
    )
  })
})

// Last: a copy becomes the contributor's own document and would change the lists above.
describe('duplicating', () => {
  const duplicate = (id: Id) =>
    cms.rest({ method: 'POST', path: `/api/posts/${id}/duplicate`, token: a.token, body: {} })

  it("should refuse a contributor a copy of B's draft", async () => {
    const before = await cms.payload.count({ collection: 'posts', overrideAccess: true })
    const { status, body } = await duplicate(docs.bDraft.id)
    expect(status).toBe(403)
    expect(JSON.stringify(body)).not.toContain(SECRET)
    expect(await cms.payload.count({ collection: 'posts', overrideAccess: true })).toEqual(before)
  })

  it("should copy B's published post as it is live, not its pending draft", async () => {
    const { status, body } = await duplicate(docs.bLive.id)
    expect(status).toBe(200)
    expect(body.doc).toMatchObject({ title: "B's live post", excerpt: "B's live excerpt" })
  })
})
