import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { SECRET } from '../helpers/fixtures.ts'
import { htmlProblems, linkedAddresses, notAbsolute } from '../helpers/emailHtml.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'

/**
 * The digest builder over HTTP (Payload's route handling) on a real database: the week of
 * 14–20 October 2019 proposes exactly its published posts (both end days whole, in the server's
 * time zone); drafts, trashed posts and the days either side are left out. Building makes a
 * draft digest linking them through the digests' access and hooks; the email export validates,
 * links only absolute addresses, and never shows a draft to anyone but staff.
 */

const SITE = 'https://site.example'
const WEEK = { from: '2019-10-14', to: '2019-10-20' }
/** A local time on a day of October 2019, as the server's time zone sees it. */
const at = (day: number, hour = 12, minute = 0) =>
  new Date(2019, 9, day, hour, minute).toISOString()

let cms: TestCms
let editor: { id: number | string; token: string }
let contributor: { id: number | string; token: string }
const ids: Record<string, number> = {}

const createPost = async (
  name: string,
  data: Record<string, unknown>,
  status: 'published' | 'draft' = 'published',
) => {
  const doc = await cms.payload.create({
    collection: 'posts',
    data: { title: name, ...data, _status: status } as never,
    draft: status === 'draft',
    overrideAccess: true,
  })
  ids[name] = doc.id
  return doc
}

/** Moves a document to the trash (a `delete` with `trash: true` would delete it for good). */
const moveToTrash = async (collection: 'posts' | 'digests', id: number | string) => {
  await cms.payload.update({
    collection,
    id,
    data: { deletedAt: new Date().toISOString() },
    overrideAccess: true,
  })
}

beforeAll(async () => {
  cms = await startTestCms({ env: { PUBLIC_SITE_URL: SITE } })
  editor = await cms.userWithRole('editor')
  contributor = await cms.userWithRole('contributor')
  const pravda = await cms.payload.create({
    collection: 'sources',
    data: { name: 'Pravda', website: 'https://www.pravda.ru/' },
    overrideAccess: true,
  })
  const lobelog = await cms.payload.create({
    collection: 'sources',
    data: { name: 'Lobelog' },
    overrideAccess: true,
  })
  ids.pravda = pravda.id
  ids.lobelog = lobelog.id
  await createPost('First minute of Monday', {
    postedAt: at(14, 0, 0),
    language: 'en',
    excerpt: 'Opens the week.',
    sources: [pravda.id, lobelog.id],
  })
  await createPost('Last minute of Sunday', {
    postedAt: at(20, 23, 59),
    language: 'en',
    sources: [lobelog.id],
  })
  await createPost('گزارش هفته', { postedAt: at(16), language: 'fa' })
  await createPost('No language given', { postedAt: at(17) })
  await createPost('Sunday before', { postedAt: at(13, 23, 59), language: 'en' })
  await createPost('Monday after', { postedAt: at(21, 0, 0), language: 'en' })
  await createPost(`${SECRET} draft of the week`, { postedAt: at(15), language: 'en' }, 'draft')
  const trashed = await createPost(`${SECRET} trashed of the week`, {
    postedAt: at(15),
    language: 'en',
  })
  await moveToTrash('posts', trashed.id)
  const live = await createPost('Live of the week', { postedAt: at(18), language: 'en' })
  await cms.payload.update({
    collection: 'posts',
    id: live.id,
    data: { title: `${SECRET} pending edit` },
    draft: true,
    overrideAccess: true,
  })
  // Issue numbers in use: 259 live, 260 in the trash.
  await cms.payload.create({
    collection: 'digests',
    data: { title: 'Issue 259', issueNumber: 259, _status: 'published' },
    overrideAccess: true,
  })
  const trashedDigest = await cms.payload.create({
    collection: 'digests',
    data: { title: 'Issue 260', issueNumber: 260, series: 'Iran Interlink Weekly Digest' },
    overrideAccess: true,
  })
  await moveToTrash('digests', trashedDigest.id)
})

afterAll(async () => {
  await cms?.close()
})

type ProposalBody = {
  issueNumber: number
  title: string
  issueDate: string
  groups: {
    language: string | null
    heading: string | null
    items: { post: { id: number | string; title: string }; source: { id: unknown } | null }[]
  }[]
  totalPosts: number
}

const proposal = async (query = `from=${WEEK.from}&to=${WEEK.to}`, token = editor.token) =>
  cms.rest({ path: `/api/digests/proposal?${query}`, token })

describe('the proposal', () => {
  it("should propose exactly the week's published posts, grouped by language", async () => {
    const { status, body } = await proposal()
    expect(status).toBe(200)
    const groups = (body as ProposalBody).groups.map((group) => [
      group.heading,
      group.items.map((item) => item.post.title),
    ])
    expect(groups).toEqual([
      ['In English', ['First minute of Monday', 'Live of the week', 'Last minute of Sunday']],
      ['In Persian', ['گزارش هفته']],
      [null, ['No language given']],
    ])
    expect((body as ProposalBody).totalPosts).toBe(5)
    expect(JSON.stringify(body)).not.toContain(SECRET)
  })

  it("should link each item's first source", async () => {
    const { body } = await proposal()
    const first = (body as ProposalBody).groups[0].items[0]
    expect(first.source).toEqual({ id: ids.pravda, name: 'Pravda' })
  })

  it('should propose the next free number (after the trashed 260), the series and the last day', async () => {
    const { body } = await proposal()
    expect(body).toMatchObject({
      issueNumber: 261,
      title: 'Iran Interlink Weekly Digest – 261',
      issueDate: WEEK.to,
    })
  })

  it('should give contributors the same published posts', async () => {
    const { status, body } = await proposal(undefined, contributor.token)
    expect(status).toBe(200)
    expect((body as ProposalBody).totalPosts).toBe(5)
  })

  it.each([
    ['', /^from must be a day/],
    ['from=2019-10-14', /^to must be a day/],
    ['from=2019-10-14&to=2019-10-32', /^to must be a day/],
    ['from=2019-10-20&to=2019-10-14', /^to \(2019-10-14\) must not be before from/],
    ['from=2019-10-14&from=2019-10-15&to=2019-10-20', /^from: give it once/],
  ])('should answer 400 naming the parameter for %j', async (query, message) => {
    const { status, body } = await proposal(query)
    expect(status).toBe(400)
    expect(body.errors[0].message).toMatch(message)
  })

  it('should answer 401 to anonymous callers', async () => {
    const { status } = await cms.rest({
      path: `/api/digests/proposal?from=${WEEK.from}&to=${WEEK.to}`,
    })
    expect(status).toBe(401)
  })
})

describe('the next issue number', () => {
  it('should be one more than the highest in use, trashed issues included', async () => {
    const { status, body } = await cms.rest({
      path: '/api/digests/issue-number',
      token: editor.token,
    })
    expect([status, body]).toEqual([200, { issueNumber: 261 }])
  })

  it('should answer 401 to anonymous callers', async () => {
    expect((await cms.rest({ path: '/api/digests/issue-number' })).status).toBe(401)
  })
})

describe('building a digest', () => {
  let built: { id: number | string; adminUrl: string }

  it("should create a draft linking the week's posts, in the order given", async () => {
    const order = [ids['گزارش هفته'], ids['First minute of Monday']]
    const { status, body } = await cms.rest({
      method: 'POST',
      path: '/api/digests/build',
      token: editor.token,
      body: {
        title: 'Weekly 261',
        issueNumber: 261,
        issueDate: '2019-10-20',
        items: [
          { post: order[0], heading: 'In Persian', language: 'fa' },
          { post: order[1], source: ids.pravda, heading: 'In English', language: 'en' },
        ],
      },
    })
    expect(status, JSON.stringify(body)).toBe(201)
    built = { id: body.doc.id, adminUrl: body.adminUrl }
    expect(body.adminUrl).toBe(`/admin/collections/digests/${body.doc.id}`)
    expect(body.unpublished).toEqual([])
    const doc = await cms.payload.findByID({
      collection: 'digests',
      id: built.id,
      draft: true,
      depth: 0,
      overrideAccess: true,
    })
    expect(doc).toMatchObject({
      title: 'Weekly 261',
      issueNumber: 261,
      issueDate: new Date(2019, 9, 20).toISOString(),
      _status: 'draft',
      stage: 'draft',
      sources: [ids.pravda],
    })
    expect(
      doc.items?.map((item) => [item.post, item.source ?? null, item.heading, item.language]),
    ).toEqual([
      [order[0], null, 'In Persian', 'fa'],
      [order[1], ids.pravda, 'In English', 'en'],
    ])
    expect(JSON.stringify(doc.items?.[1].body)).toContain('Opens the week.')
  })

  it('should go through the workflow hooks: the editor who built it owns it and last edited it', async () => {
    const doc = await cms.payload.findByID({
      collection: 'digests',
      id: built.id,
      draft: true,
      depth: 0,
      overrideAccess: true,
    })
    expect([doc.owner, doc.lastEditedBy]).toEqual([editor.id, editor.id])
  })

  it('should build the whole proposal of a range when no items are given', async () => {
    const { status, body } = await cms.rest({
      method: 'POST',
      path: '/api/digests/build',
      token: contributor.token,
      body: WEEK,
    })
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body.doc).toMatchObject({
      title: 'Iran Interlink Weekly Digest – 262',
      issueNumber: 262,
      series: 'Iran Interlink Weekly Digest',
      _status: 'draft',
    })
    expect(body.doc.items).toHaveLength(5)
    expect(body.doc.items.map((item: { heading: string | null }) => item.heading)).toEqual([
      'In English',
      'In English',
      'In English',
      'In Persian',
      null,
    ])
  })

  it('should refuse an issue number in use, even by a trashed issue, naming it', async () => {
    const { status, body } = await cms.rest({
      method: 'POST',
      path: '/api/digests/build',
      token: editor.token,
      body: { ...WEEK, issueNumber: 260 },
    })
    expect(status).toBe(400)
    expect(body.errors[0].message).toBe('issueNumber 260 is taken by "Issue 260"')
  })

  it('should refuse a post the caller cannot read, naming the item', async () => {
    const { status, body } = await cms.rest({
      method: 'POST',
      path: '/api/digests/build',
      token: contributor.token,
      body: {
        items: [
          { post: ids['First minute of Monday'] },
          { post: ids[`${SECRET} draft of the week`] },
        ],
      },
    })
    expect(status).toBe(400)
    expect(body.errors[0].message).toMatch(/^items\[1\]\.post: no post/)
  })

  it('should refuse a range without published posts', async () => {
    const { status, body } = await cms.rest({
      method: 'POST',
      path: '/api/digests/build',
      token: editor.token,
      body: { from: '2001-01-01', to: '2001-01-07' },
    })
    expect(status).toBe(400)
    expect(body.errors[0].message).toMatch(/^from\/to: no published posts/)
  })

  it('should answer 401 to anonymous callers and create nothing', async () => {
    const before = await cms.payload.count({
      collection: 'digests',
      overrideAccess: true,
      trash: true,
    })
    const { status } = await cms.rest({ method: 'POST', path: '/api/digests/build', body: WEEK })
    const after = await cms.payload.count({
      collection: 'digests',
      overrideAccess: true,
      trash: true,
    })
    expect([status, after.totalDocs]).toEqual([401, before.totalDocs])
  })
})

describe('the email export', () => {
  let published: { id: number | string; slug: string }
  let draft: { id: number | string }

  beforeAll(async () => {
    const body = (text: string) => ({
      root: {
        type: 'root',
        format: '',
        indent: 0,
        version: 1,
        direction: 'ltr',
        children: [
          {
            type: 'paragraph',
            format: '',
            indent: 0,
            version: 1,
            direction: 'ltr',
            textFormat: 0,
            textStyle: '',
            children: [
              { type: 'text', text, format: 0, style: '', mode: 'normal', detail: 0, version: 1 },
              {
                type: 'link',
                format: '',
                indent: 0,
                version: 3,
                direction: 'ltr',
                fields: { linkType: 'custom', url: '/relative/path', newTab: false },
                children: [
                  {
                    type: 'text',
                    text: ' relative',
                    format: 0,
                    style: '',
                    mode: 'normal',
                    detail: 0,
                    version: 1,
                  },
                ],
              },
            ],
          },
        ],
      },
    })
    const doc = await cms.payload.create({
      collection: 'digests',
      data: {
        title: 'Published digest 300',
        issueNumber: 300,
        _status: 'published',
        items: [
          {
            heading: 'In English',
            body: body('Linked live post.') as never,
            post: ids['First minute of Monday'],
            source: ids.pravda,
          },
          {
            heading: 'In English',
            body: body('Linked draft post.') as never,
            post: ids[`${SECRET} draft of the week`],
            source: ids.lobelog,
          },
        ],
      },
      overrideAccess: true,
    })
    published = { id: doc.id, slug: doc.slug as string }
    const secret = await cms.payload.create({
      collection: 'digests',
      data: { title: `${SECRET} draft digest`, issueNumber: 301, _status: 'draft' },
      draft: true,
      overrideAccess: true,
    })
    draft = { id: secret.id }
  })

  const email = (id: number | string, format?: string, token?: string) =>
    cms.rest({ path: `/api/digests/${id}/email${format ? `?format=${format}` : ''}`, token })

  it('should give anyone a published digest as HTML that passes the validator', async () => {
    const { status, body, headers } = await email(published.id)
    expect(status).toBe(200)
    expect(headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await htmlProblems(body as string)).toEqual([])
  })

  it('should have only absolute links, to the public site and the sources', async () => {
    const { body } = await email(published.id)
    const addresses = linkedAddresses(body as string)
    expect(notAbsolute(addresses)).toEqual([])
    const post = await cms.payload.findByID({
      collection: 'posts',
      id: ids['First minute of Monday'],
      overrideAccess: true,
    })
    expect(addresses).toEqual([
      `${SITE}/posts/${post.slug}`,
      'https://www.pravda.ru/',
      `${SITE}/digests/${published.slug}`,
    ])
  })

  it('should have no style sheet, script or class', async () => {
    const { body } = await email(published.id)
    expect(body as string).not.toMatch(/<style|<script|<link|\sclass=|\son\w+=/i)
  })

  it('should not link nor name a draft post to anonymous readers', async () => {
    const { body } = await email(published.id)
    expect(body as string).not.toContain(SECRET)
    expect(body as string).toContain('Linked draft post.')
  })

  it('should give the plain-text part, and both with the subject as JSON', async () => {
    const text = await email(published.id, 'text')
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(text.body).toMatch(/^Published digest 300\n/)
    expect(text.body).toContain('In English\n----------')
    const json = await email(published.id, 'json')
    expect(Object.keys(json.body as object).sort()).toEqual(['html', 'subject', 'text'])
    expect(json.body.subject).toBe('Published digest 300')
    expect(json.body.text).toBe(text.body)
  })

  it('should give a multipart/alternative message with both parts', async () => {
    const { status, body, headers } = await email(published.id, 'eml')
    expect(status).toBe(200)
    expect(headers.get('content-type')).toBe('message/rfc822')
    expect(headers.get('content-disposition')).toBe('attachment; filename="digest-300.eml"')
    expect(body as string).toMatch(/Content-Type: multipart\/alternative/)
    expect(body as string).toMatch(/Content-Type: text\/plain/)
    expect(body as string).toMatch(/Content-Type: text\/html/)
    expect(body as string).toMatch(/Subject: Published digest 300/)
  })

  it('should answer 404 for a draft asked anonymously, as for a digest that does not exist', async () => {
    const asked = await email(draft.id)
    const missing = await email(999_999)
    const notAnId = await email('not-an-id')
    expect([asked.status, missing.status, notAnId.status]).toEqual([404, 404, 404])
    expect(asked.body).toEqual(missing.body)
    expect(JSON.stringify(asked.body)).not.toContain(SECRET)
  })

  it('should give staff a draft digest', async () => {
    const { status, body } = await email(draft.id, 'json', editor.token)
    expect(status).toBe(200)
    expect(body.subject).toBe(`${SECRET} draft digest`)
  })

  it('should answer 400 naming format for an unknown format', async () => {
    const { status, body } = await email(published.id, 'pdf')
    expect(status).toBe(400)
    expect(body.errors[0].message).toMatch(/^format must be one of/)
  })
})
