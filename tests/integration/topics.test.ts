import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { paragraph, SECRET } from '../helpers/fixtures.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'

let cms: TestCms
let editor: Awaited<ReturnType<TestCms['userWithRole']>>
let contributor: Awaited<ReturnType<TestCms['userWithRole']>>
let mek: { id: number }

beforeAll(async () => {
  cms = await startTestCms()
  editor = await cms.userWithRole('editor')
  contributor = await cms.userWithRole('contributor')
  const created = await cms.rest({
    method: 'POST',
    path: '/api/topics',
    token: editor.token,
    body: { name: 'MEK', aliases: ['MKO', 'PMOI', 'Mojahedin'], description: 'The group.' },
  })
  expect(created.status).toBe(201)
  mek = created.body.doc
})
afterAll(async () => {
  await cms?.close()
})

describe('topics', () => {
  it('should be readable by anyone and written by editors only', async () => {
    const anonymous = await cms.rest({ path: `/api/topics/${mek.id}` })
    expect(anonymous.status).toBe(200)
    expect(anonymous.body).toMatchObject({
      name: 'MEK',
      slug: 'mek',
      aliases: ['MKO', 'PMOI', 'Mojahedin'],
    })
    const byContributor = await cms.rest({
      method: 'POST',
      path: '/api/topics',
      token: contributor.token,
      body: { name: 'Sanctions' },
    })
    expect(byContributor.status).toBe(403)
    const byAnonymous = await cms.rest({
      method: 'POST',
      path: '/api/topics',
      body: { name: 'Sanctions' },
    })
    expect(byAnonymous.status).toBe(403)
  })

  it.each([
    [{ name: 'Iran talks', aliases: ['mko'] }, 'already names the topic "MEK"'],
    [{ name: 'P.M.O.I.' }, 'already names the topic "MEK"'],
    [{ name: 'Camp Ashraf', aliases: ['  ---  '] }, 'needs a letter or a digit'],
  ])('should refuse %j with a message naming the field', async (body, message) => {
    const answer = await cms.rest({
      method: 'POST',
      path: '/api/topics',
      token: editor.token,
      body,
    })
    expect(answer.status).toBe(400)
    expect(answer.body.errors[0].data.errors[0]).toMatchObject({
      path: 'aliases',
      message: expect.stringContaining(message),
    })
  })

  it('should let a topic keep its own spellings when saved again', async () => {
    const answer = await cms.rest({
      method: 'PATCH',
      path: `/api/topics/${mek.id}`,
      token: editor.token,
      body: { aliases: ['MKO', 'PMOI', 'Mojahedin', 'Mujahedin'], description: 'Renamed alias' },
    })
    expect(answer.status).toBe(200)
    expect(answer.body.doc.aliases).toContain('Mujahedin')
  })

  it('should count and filter published posts by topic and language, never drafts', async () => {
    const published = await cms.payload.create({
      collection: 'posts',
      data: {
        title: 'MEK in Tirana',
        topics: [mek.id],
        language: 'en',
        writers: [{ name: 'Negar Mortazavi' }, { name: 'Borzou Daragahi' }],
        dateline: 'Tirana, Albania',
        originalPublication: 'First Published 2005',
        tags: ['analysis'],
        content: paragraph('Public text'),
        _status: 'published',
      },
      overrideAccess: true,
    })
    await cms.payload.create({
      collection: 'posts',
      data: { title: `${SECRET} MEK draft`, topics: [mek.id], language: 'fa', _status: 'draft' },
      draft: true,
      overrideAccess: true,
    })
    const topic = await cms.rest({ path: `/api/topics/${mek.id}` })
    expect(topic.body.publishedPostCount).toBe(1)

    const byTopic = await cms.rest({
      path: `/api/posts?where[topics][in]=${mek.id}&depth=1`,
    })
    expect(byTopic.status).toBe(200)
    expect(byTopic.body.docs.map((doc: { title: string }) => doc.title)).toEqual(['MEK in Tirana'])
    expect(byTopic.body.docs[0].topics[0]).toMatchObject({ name: 'MEK', slug: 'mek' })
    expect(byTopic.body.docs[0]).toMatchObject({
      language: 'en',
      dateline: 'Tirana, Albania',
      originalPublication: 'First Published 2005',
      writers: [{ name: 'Negar Mortazavi' }, { name: 'Borzou Daragahi' }],
    })
    expect(JSON.stringify(byTopic.body)).not.toContain(SECRET)

    const persian = await cms.rest({ path: '/api/posts?where[language][equals]=fa' })
    expect(persian.body.totalDocs).toBe(0)

    const graphql = await cms.graphql({
      query: `{ Posts(where: { language: { equals: en } }) { docs { title language topics { name } writers { name } } } }`,
    })
    expect(graphql.body.errors).toBeUndefined()
    expect(graphql.body.data.Posts.docs).toEqual([
      {
        title: 'MEK in Tirana',
        language: 'en',
        topics: [{ name: 'MEK' }],
        writers: [{ name: 'Negar Mortazavi' }, { name: 'Borzou Daragahi' }],
      },
    ])
    await cms.payload.delete({ collection: 'posts', id: published.id, overrideAccess: true })
  })

  it.each([
    [{ language: 'xx' }, 'language'],
    [{ legacyUrls: ['not a url'] }, 'legacyUrls'],
    [{ writers: [{ author: null }] }, 'writers'],
  ])('should refuse a post with %j, naming the field', async (data, field) => {
    const answer = await cms.rest({
      method: 'POST',
      path: '/api/posts',
      token: editor.token,
      body: { title: 'Bad', ...data },
    })
    expect(answer.status).toBe(400)
    expect(JSON.stringify(answer.body)).toContain(field)
  })

  it('should not let a post be related to itself', async () => {
    const post = await cms.payload.create({
      collection: 'posts',
      data: { title: 'Alone' },
      draft: true,
      overrideAccess: true,
    })
    const answer = await cms.rest({
      method: 'PATCH',
      path: `/api/posts/${post.id}?draft=true`,
      token: editor.token,
      body: { relatedPosts: [post.id] },
    })
    expect(answer.status).toBe(400)
    expect(JSON.stringify(answer.body)).toContain('relatedPosts')
  })

  it('should keep a renamed topic reachable from its old path', async () => {
    const topic = await cms.payload.create({
      collection: 'topics',
      data: { name: 'Camp Liberty' },
      overrideAccess: true,
    })
    await cms.payload.update({
      collection: 'topics',
      id: topic.id,
      data: { name: 'Camp Liberty (Baghdad)', slug: 'camp-liberty-baghdad' },
      overrideAccess: true,
    })
    const answer = await cms.rest({ path: '/api/redirects?path=/topics/camp-liberty' })
    expect(answer.status).toBe(301)
    expect(answer.body.to).toBe('/topics/camp-liberty-baghdad')
  })

  it('should store a digest series, language, topics, tags and item languages', async () => {
    const digest = await cms.payload.create({
      collection: 'digests',
      data: {
        title: 'Digest with series',
        series: 'Iran Interlink Weekly Digest',
        language: 'en',
        topics: [mek.id],
        tags: ['weekly digest'],
        items: [
          { heading: 'In English', language: 'en', body: paragraph('An item') },
          { heading: 'In Persian', language: 'fa', body: paragraph('یک خبر') },
        ],
        _status: 'published',
      },
      overrideAccess: true,
    })
    const answer = await cms.rest({ path: `/api/digests/${digest.id}?depth=0` })
    expect(answer.body).toMatchObject({
      series: 'Iran Interlink Weekly Digest',
      language: 'en',
      topics: [mek.id],
      tags: ['weekly digest'],
    })
    expect(answer.body.items.map((item: { language: string }) => item.language)).toEqual([
      'en',
      'fa',
    ])
  })
})
