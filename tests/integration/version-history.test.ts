/** Who saved each version of a post, and its workflow stage (src/plugins/versionHistory.ts). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestCms, type TestCms } from '../helpers/payload.ts'

type User = Awaited<ReturnType<TestCms['userWithRole']>>

let cms: TestCms
let admin: User
let editor: User
let contributor: User

beforeAll(async () => {
  cms = await startTestCms()
  admin = await cms.userWithRole('admin')
  editor = await cms.userWithRole('editor')
  contributor = await cms.userWithRole('contributor')
})
afterAll(async () => {
  await cms?.close()
})

const createDraft = async (user: User, title: string) => {
  const { status, body } = await cms.rest({
    method: 'POST',
    path: '/api/posts?draft=true&depth=0',
    token: user.token,
    body: { title, _status: 'draft' },
  })
  expect(status, JSON.stringify(body)).toBe(201)
  return body.doc as { id: number }
}

const saveDraft = async (user: User, id: number, data: Record<string, unknown>) => {
  const { status, body } = await cms.rest({
    method: 'PATCH',
    path: `/api/posts/${id}?draft=true&depth=0`,
    token: user.token,
    body: { ...data, _status: 'draft' },
  })
  expect(status, JSON.stringify(body)).toBe(200)
}

/** Each version of the post, oldest first: who saved it and the stage it was in. */
const history = async (id: number) =>
  (
    await cms.payload.findVersions({
      collection: 'posts',
      where: { parent: { equals: id } },
      // Not createdAt: a restored version keeps the document's.
      sort: 'id',
      depth: 0,
      limit: 0,
      overrideAccess: true,
    })
  ).docs.map((doc) => [doc.version.lastEditedBy ?? null, doc.version.stage])

describe('who saved each version', () => {
  it('should record the signed-in user and the stage in every version', async () => {
    const post = await createDraft(contributor, 'Saved by several people')
    await saveDraft(contributor, post.id, { excerpt: 'First words' })
    const submitted = await cms.rest({
      method: 'POST',
      path: `/api/posts/${post.id}/workflow`,
      token: contributor.token,
      body: { action: 'submit' },
    })
    expect(submitted.status).toBe(200)
    await saveDraft(editor, post.id, { excerpt: 'Edited in review' })

    expect(await history(post.id)).toEqual([
      [contributor.id, 'draft'],
      [contributor.id, 'draft'],
      [contributor.id, 'in_review'],
      [editor.id, 'in_review'],
    ])
  })

  it('should ignore a lastEditedBy sent by the client', async () => {
    const post = await createDraft(editor, 'Claims another author')
    await saveDraft(editor, post.id, { lastEditedBy: admin.id })
    expect((await history(post.id)).at(-1)).toEqual([editor.id, 'draft'])
  })

  it('should leave it empty for a save made without a signed-in user', async () => {
    const post = await createDraft(editor, 'Saved by the system later')
    await cms.payload.update({
      collection: 'posts',
      id: post.id,
      data: { excerpt: 'Written by a server task', _status: 'draft' },
      draft: true,
      overrideAccess: true,
    })
    expect((await history(post.id)).at(-1)).toEqual([null, 'draft'])
  })

  it('should count restoring a version as a save by whoever restores it', async () => {
    const post = await createDraft(contributor, 'Restored later')
    await saveDraft(contributor, post.id, { excerpt: 'Second version' })
    const [oldest] = (
      await cms.payload.findVersions({
        collection: 'posts',
        where: { parent: { equals: post.id } },
        sort: 'id',
        limit: 1,
        overrideAccess: true,
      })
    ).docs
    const restored = await cms.rest({
      method: 'POST',
      path: `/api/posts/versions/${oldest.id}?draft=true`,
      token: editor.token,
    })
    expect(restored.status, JSON.stringify(restored.body)).toBe(200)
    expect((await history(post.id)).at(-1)).toEqual([editor.id, 'draft'])
  })

  it('should let an admin delete a user who saved versions', async () => {
    const leaver = await cms.userWithRole('editor')
    // Created by another editor: the leaver saved it but does not own it.
    const post = await createDraft(editor, 'Saved by someone who left')
    await saveDraft(leaver, post.id, { excerpt: 'Saved before leaving' })
    const deleted = await cms.rest({
      method: 'DELETE',
      path: `/api/users/${leaver.id}`,
      token: admin.token,
    })
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200)
    expect(await history(post.id)).toEqual([
      [editor.id, 'draft'],
      [null, 'draft'],
    ])
  })
})

describe('who saved it, to other readers', () => {
  let publishedId: number

  beforeAll(async () => {
    const { status, body } = await cms.rest({
      method: 'POST',
      path: '/api/posts?depth=0',
      token: editor.token,
      body: { title: 'Published by an editor', _status: 'published' },
    })
    expect(status, JSON.stringify(body)).toBe(201)
    publishedId = body.doc.id
  })

  it('should show it to staff', async () => {
    const { body } = await cms.rest({
      path: `/api/posts/${publishedId}?depth=0`,
      token: contributor.token,
    })
    expect(body.lastEditedBy).toBe(editor.id)
  })

  it('should not give it to anonymous REST readers', async () => {
    const { status, body } = await cms.rest({ path: `/api/posts/${publishedId}?depth=1` })
    expect([status, Object.keys(body)]).toEqual([200, expect.not.arrayContaining(['lastEditedBy'])])
  })

  it('should not answer anonymous queries on it', async () => {
    const [with_, without] = await Promise.all(
      [`[lastEditedBy][equals]=${editor.id}`, `[lastEditedBy][not_equals]=${editor.id}`].map(
        (filter) => cms.rest({ path: `/api/posts?depth=0&where${filter}` }),
      ),
    )
    // Refused, or answered the same whatever the filter says: either way no oracle.
    expect(with_.status).toBeLessThan(500)
    expect(JSON.stringify(with_.body.docs ?? null)).toBe(JSON.stringify(without.body.docs ?? null))
  })

  it('should not give it to anonymous GraphQL readers', async () => {
    const { body } = await cms.graphql({
      query: `{ Post(id: ${publishedId}) { title lastEditedBy { email } } }`,
    })
    expect(JSON.stringify(body)).not.toContain(editor.email)
  })
})

describe('versions past the limit', () => {
  /** Creates a post and saves it 51 times more (in `req`'s transaction when given). */
  const saveFiftyTwoTimes = async (title: string, req?: { transactionID: number | string }) => {
    const post = await cms.payload.create({
      collection: 'posts',
      data: { title, _status: 'draft' },
      overrideAccess: true,
      req,
    })
    for (let save = 2; save <= 52; save += 1) {
      await cms.payload.update({
        collection: 'posts',
        id: post.id,
        data: { title: `${title}, save ${save}` },
        draft: true,
        overrideAccess: true,
        req,
      })
    }
    return post.id
  }

  /** The titles of the first and last versions kept, and how many there are. */
  const kept = async (id: number) => {
    const { docs } = await cms.payload.findVersions({
      collection: 'posts',
      where: { parent: { equals: id } },
      sort: 'id',
      depth: 0,
      limit: 0,
      overrideAccess: true,
    })
    return [docs.length, docs[0].version.title, docs.at(-1)?.version.title]
  }

  it('should keep the 50 newest versions of a post saved 52 times', async () => {
    const id = await saveFiftyTwoTimes('Saved again and again')
    expect(await kept(id)).toEqual([
      50,
      'Saved again and again, save 3',
      'Saved again and again, save 52',
    ])
  })

  it('should keep the 50 newest versions of a post created and saved 52 times in one transaction', async () => {
    const transactionID = await cms.payload.db.beginTransaction()
    if (transactionID === null) throw new Error('this adapter has no transactions')
    const id = await saveFiftyTwoTimes('Saved in one go', { transactionID })
    await cms.payload.db.commitTransaction(transactionID)
    expect(await kept(id)).toEqual([50, 'Saved in one go, save 3', 'Saved in one go, save 52'])
  })
})
