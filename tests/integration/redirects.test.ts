import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestCms, type TestCms } from '../helpers/payload.ts'

let cms: TestCms
let editor: Awaited<ReturnType<TestCms['userWithRole']>>
let contributor: Awaited<ReturnType<TestCms['userWithRole']>>

beforeAll(async () => {
  cms = await startTestCms()
  editor = await cms.userWithRole('editor')
  contributor = await cms.userWithRole('contributor')
})
afterAll(async () => {
  await cms?.close()
})

const publishPost = (slug: string) =>
  cms.payload.create({
    collection: 'posts',
    data: { title: `Post ${slug}`, slug, _status: 'published' },
    overrideAccess: true,
  })

const publishSlug = ({ id, slug }: { id: number | string; slug: string }) =>
  cms.payload.update({
    collection: 'posts',
    id,
    data: { slug, _status: 'published' },
    overrideAccess: true,
  })

const saveDraftSlug = ({ id, slug }: { id: number | string; slug: string }) =>
  cms.payload.update({
    collection: 'posts',
    id,
    data: { slug, _status: 'draft' },
    draft: true,
    overrideAccess: true,
  })

/** Every stored redirect touching these paths, as `from → to`, sorted. */
const redirectsAmong = async (paths: string[]): Promise<string[]> => {
  const { docs } = await cms.payload.find({
    collection: 'redirects',
    where: { or: [{ from: { in: paths } }, { to: { in: paths } }] },
    limit: 0,
    pagination: false,
    overrideAccess: true,
  })
  return docs.map((doc) => `${doc.from} → ${doc.to}`).sort()
}

const lookup = (path: string) =>
  cms.rest({ path: `/api/redirects?path=${encodeURIComponent(path)}` })

const createRedirect = ({
  data,
  token = editor.token,
}: {
  data: Record<string, unknown>
  token?: string
}) => cms.rest({ method: 'POST', path: '/api/redirects', token, body: data })

/** The field paths a 400 from Payload's validation names. */
const invalidFields = (body: any): string[] =>
  (body.errors ?? []).flatMap((error: any) =>
    (error.data?.errors ?? []).map((detail: any) => detail.path),
  )

describe('automatic redirects', () => {
  it('should answer the old path of a renamed published post with 301 to the new one', async () => {
    const post = await publishPost('slug-change-old')
    await publishSlug({ id: post.id, slug: 'slug-change-new' })

    const { status, headers, body } = await lookup('/posts/slug-change-old')

    expect(status).toBe(301)
    expect(headers.get('location')).toBe('/posts/slug-change-new')
    expect(body).toEqual({
      from: '/posts/slug-change-old',
      to: '/posts/slug-change-new',
      statusCode: 301,
    })
  })

  it('should record the redirect as automatic, linked to the post', async () => {
    const post = await publishPost('linked-old')
    await publishSlug({ id: post.id, slug: 'linked-new' })
    const { docs } = await cms.payload.find({
      collection: 'redirects',
      where: { from: { equals: '/posts/linked-old' } },
      depth: 0,
      overrideAccess: true,
    })
    expect(docs).toHaveLength(1)
    expect(docs[0]).toMatchObject({
      kind: 'automatic',
      statusCode: 301,
      document: { relationTo: 'posts', value: post.id },
    })
  })

  it('should collapse the chain when a post is renamed twice', async () => {
    const post = await publishPost('twice-one')
    await publishSlug({ id: post.id, slug: 'twice-two' })
    await publishSlug({ id: post.id, slug: 'twice-three' })

    expect(await redirectsAmong(['/posts/twice-one', '/posts/twice-two'])).toEqual([
      '/posts/twice-one → /posts/twice-three',
      '/posts/twice-two → /posts/twice-three',
    ])
  })

  it('should drop the redirect from a path that is live again when a post is renamed back', async () => {
    const post = await publishPost('back-a')
    await publishSlug({ id: post.id, slug: 'back-b' })
    await publishSlug({ id: post.id, slug: 'back-a' })

    expect(await redirectsAmong(['/posts/back-a', '/posts/back-b'])).toEqual([
      '/posts/back-b → /posts/back-a',
    ])
    expect((await lookup('/posts/back-a')).status).toBe(404)
  })

  it('should create nothing when only a draft changes the slug', async () => {
    const post = await publishPost('draft-only-old')
    await saveDraftSlug({ id: post.id, slug: 'draft-only-new' })

    expect(await redirectsAmong(['/posts/draft-only-old', '/posts/draft-only-new'])).toEqual([])
  })

  it('should redirect when a draft whose slug changed since the last publish is published', async () => {
    const post = await publishPost('pending-old')
    await saveDraftSlug({ id: post.id, slug: 'pending-new' })
    await cms.payload.update({
      collection: 'posts',
      id: post.id,
      data: { _status: 'published' },
      overrideAccess: true,
    })

    expect(await redirectsAmong(['/posts/pending-old'])).toEqual([
      '/posts/pending-old → /posts/pending-new',
    ])
  })

  it('should change nothing when a published post is published again with the same slug', async () => {
    const post = await publishPost('again-old')
    await publishSlug({ id: post.id, slug: 'again-new' })
    await publishSlug({ id: post.id, slug: 'again-new' })

    expect(await redirectsAmong(['/posts/again-old', '/posts/again-new'])).toEqual([
      '/posts/again-old → /posts/again-new',
    ])
  })

  it('should redirect the old page of a renamed author', async () => {
    const author = await cms.payload.create({
      collection: 'authors',
      data: { name: 'Renamed Writer', slug: 'renamed-writer' },
      overrideAccess: true,
    })
    await cms.payload.update({
      collection: 'authors',
      id: author.id,
      data: { slug: 'renamed-writer-2020' },
      overrideAccess: true,
    })

    expect(await redirectsAmong(['/authors/renamed-writer'])).toEqual([
      '/authors/renamed-writer → /authors/renamed-writer-2020',
    ])
  })
})

describe('GET /api/redirects?path=', () => {
  it('should answer 404 naming the path when there is no redirect', async () => {
    const { status, body } = await lookup('/posts/never-existed')
    expect(status).toBe(404)
    expect(body).toEqual({ errors: [{ message: 'No redirect for /posts/never-existed' }] })
  })

  it.each([
    ['posts/no-slash'],
    ['https://elsewhere.example/posts/x'],
    ['/posts/../users'],
    ['/posts/x%zz'],
    [''],
  ])('should answer 400 naming the path parameter for %j', async (path) => {
    const { status, body } = await lookup(path)
    expect(status).toBe(400)
    expect(body.errors[0].message).toMatch(/^The "path" parameter /)
  })

  it('should find a redirect however the path is escaped, and with or without its trailing slash', async () => {
    await createRedirect({ data: { from: '/wordpress/old-page/', to: '/posts/lookup-target' } })

    const answers = await Promise.all(
      ['/wordpress/old-page/', '/wordpress/old-page', '/wordpress/%6Fld-page/'].map(lookup),
    )

    expect(answers.map(({ status, body }) => [status, body.to])).toEqual([
      [301, '/posts/lookup-target'],
      [301, '/posts/lookup-target'],
      [301, '/posts/lookup-target'],
    ])
  })

  it('should tell caches to ask again, so an edited redirect is never kept by a browser', async () => {
    await createRedirect({ data: { from: '/asked-again', to: '/posts/fresh' } })
    const answers = [await lookup('/asked-again'), await lookup('/never-redirected')]
    expect(answers.map(({ status, headers }) => [status, headers.get('cache-control')])).toEqual([
      [301, 'public, max-age=0, must-revalidate'],
      [404, 'public, max-age=0, must-revalidate'],
    ])
  })

  it('should answer with the stored status code', async () => {
    await createRedirect({ data: { from: '/temporary', to: '/posts/for-now', statusCode: 307 } })
    const { status, body } = await lookup('/temporary')
    expect(status).toBe(307)
    expect(body.statusCode).toBe(307)
  })

  it('should give the Location on PUBLIC_SITE_URL when it is set, and an absolute to as it is', async () => {
    await createRedirect({ data: { from: '/located', to: '/posts/located-here' } })
    await createRedirect({ data: { from: '/offsite', to: 'https://elsewhere.example/page' } })
    process.env.PUBLIC_SITE_URL = 'https://site.example'
    try {
      expect((await lookup('/located')).headers.get('location')).toBe(
        'https://site.example/posts/located-here',
      )
      expect((await lookup('/offsite')).headers.get('location')).toBe(
        'https://elsewhere.example/page',
      )
    } finally {
      delete process.env.PUBLIC_SITE_URL
    }
  })

  it('should list redirects for anonymous readers without the staff-only fields', async () => {
    await createRedirect({ data: { from: '/listed', to: '/posts/listed', note: 'internal' } })
    const { status, body } = await cms.rest({
      path: '/api/redirects?where[from][equals]=/listed',
    })
    expect(status).toBe(200)
    expect(body.docs).toHaveLength(1)
    expect(body.docs[0]).toMatchObject({ from: '/listed', to: '/posts/listed', statusCode: 301 })
    expect(body.docs[0]).not.toHaveProperty('note')
  })
})

describe('managing redirects', () => {
  it('should store a manual redirect normalised, as manual whatever kind is sent', async () => {
    const { status, body } = await createRedirect({
      data: { from: '  /old%7epage?p=1 ', to: '/posts/new page', kind: 'automatic' },
    })
    expect(status).toBe(201)
    expect(body.doc).toMatchObject({
      from: '/old~page?p=1',
      to: '/posts/new%20page',
      kind: 'manual',
      statusCode: 301,
    })
  })

  it('should store A→C when A→B is saved and B→C exists', async () => {
    await createRedirect({ data: { from: '/chain-b', to: '/chain-c' } })
    const { body } = await createRedirect({ data: { from: '/chain-a', to: '/chain-b' } })
    expect(body.doc.to).toBe('/chain-c')
  })

  it('should point X→B at C when B→C is saved', async () => {
    await createRedirect({ data: { from: '/into-x', to: '/into-b' } })
    await createRedirect({ data: { from: '/into-y', to: '/into-b' } })
    await createRedirect({ data: { from: '/into-b', to: '/into-c' } })
    expect(await redirectsAmong(['/into-b', '/into-c'])).toEqual([
      '/into-b → /into-c',
      '/into-x → /into-c',
      '/into-y → /into-c',
    ])
  })

  it('should refuse a loop with 400 naming the to field', async () => {
    await createRedirect({ data: { from: '/loop-one', to: '/loop-two' } })
    const { status, body } = await createRedirect({ data: { from: '/loop-two', to: '/loop-one' } })
    expect(status).toBe(400)
    expect(invalidFields(body)).toEqual(['to'])
    expect(JSON.stringify(body)).toContain('/loop-two → /loop-one → /loop-two')
  })

  it('should refuse a loop made by an update', async () => {
    await createRedirect({ data: { from: '/turn-one', to: '/turn-two' } })
    const { body } = await createRedirect({ data: { from: '/turn-three', to: '/turn-four' } })
    const { status } = await cms.rest({
      method: 'PATCH',
      path: `/api/redirects/${body.doc.id}`,
      token: editor.token,
      body: { from: '/turn-two', to: '/turn-one' },
    })
    expect(status).toBe(400)
  })

  it.each([
    [{ from: 'no-slash', to: '/posts/x' }, 'from'],
    [{ from: 'https://old.example/page', to: '/posts/x' }, 'from'],
    [{ from: '/bad/../path', to: '/posts/x' }, 'from'],
    [{ from: '/ok-from', to: 'javascript:alert(1)' }, 'to'],
    [{ from: '/same', to: '/same' }, 'to'],
    [{ from: '/code', to: '/posts/x', statusCode: 303 }, 'statusCode'],
  ])('should refuse %j with 400 naming %s', async (data, field) => {
    const { status, body } = await createRedirect({ data })
    expect(status).toBe(400)
    expect(invalidFields(body)).toEqual([field])
  })

  it('should refuse a second redirect from the same path with 400 naming from', async () => {
    await createRedirect({ data: { from: '/twice-from', to: '/posts/one' } })
    const { status, body } = await createRedirect({
      data: { from: '/twice-from', to: '/posts/two' },
    })
    expect(status).toBe(400)
    expect(invalidFields(body)).toEqual(['from'])
  })

  it.each([
    ['anonymous', undefined],
    ['a contributor', 'contributor'],
  ] as const)('should let %s read but not create, update or delete', async (_who, role) => {
    const token = role ? contributor.token : undefined
    const { body: made } = await createRedirect({
      data: { from: `/guarded-${_who.length}`, to: '/posts/g' },
    })
    const id = made.doc.id
    const answers = [
      await cms.rest({ path: `/api/redirects/${id}`, token }),
      await cms.rest({
        method: 'POST',
        path: '/api/redirects',
        token,
        body: { from: `/by-${_who.length}`, to: '/posts/g' },
      }),
      await cms.rest({
        method: 'PATCH',
        path: `/api/redirects/${id}`,
        token,
        body: { to: '/posts/h' },
      }),
      await cms.rest({ method: 'DELETE', path: `/api/redirects/${id}`, token }),
    ]
    expect(answers.map(({ status }) => status)).toEqual([200, 403, 403, 403])
  })

  it('should let an editor delete a redirect', async () => {
    const { body } = await createRedirect({ data: { from: '/deleted-one', to: '/posts/gone' } })
    const { status } = await cms.rest({
      method: 'DELETE',
      path: `/api/redirects/${body.doc.id}`,
      token: editor.token,
    })
    expect(status).toBe(200)
    expect((await lookup('/deleted-one')).status).toBe(404)
  })
})
