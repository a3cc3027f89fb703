import type { Payload } from 'payload'

/** Text that exists only in unpublished material: no anonymous response may contain it. */
export const SECRET = 'SECRETDRAFTMARKER'

export const paragraph = (text: string) => ({
  root: {
    type: 'root',
    format: '' as const,
    indent: 0,
    version: 1,
    direction: 'ltr' as const,
    children: [
      {
        type: 'paragraph',
        format: '' as const,
        indent: 0,
        version: 1,
        direction: 'ltr' as const,
        textFormat: 0,
        textStyle: '',
        children: [
          { type: 'text', text, format: 0, style: '', mode: 'normal', detail: 0, version: 1 },
        ],
      },
    ],
  },
})

/** The fixture author, source and published post, alike over the Local API and over HTTP. */
export const FIXTURE_AUTHOR = { name: 'Fixture Author', email: `${SECRET}-author@example.test` }
export const FIXTURE_SOURCE = { name: 'Fixture Outlet', kind: 'news-outlet' as const }
export const publishedFixturePost = <Id>(author: Id, source: Id) => ({
  title: 'Published fixture post',
  author,
  sources: [source],
  excerpt: 'Public excerpt',
  content: paragraph('Public body'),
  postedAt: '2020-01-02T00:00:00.000Z',
  _status: 'published' as const,
})

export type ContentFixtures = Awaited<ReturnType<typeof createContentFixtures>>

/**
 * A small newsroom: a published post, a never-published draft, a published post with a newer
 * secret draft, a trashed published post, and a published digest that links the draft.
 */
export const createContentFixtures = async (payload: Payload) => {
  const author = await payload.create({
    collection: 'authors',
    data: FIXTURE_AUTHOR,
    overrideAccess: true,
  })
  const source = await payload.create({
    collection: 'sources',
    data: FIXTURE_SOURCE,
    overrideAccess: true,
  })
  const published = await payload.create({
    collection: 'posts',
    data: publishedFixturePost(author.id, source.id),
    overrideAccess: true,
  })
  const draft = await payload.create({
    collection: 'posts',
    data: {
      title: `${SECRET} never published`,
      author: author.id,
      excerpt: `${SECRET} excerpt`,
      content: paragraph(`${SECRET} body`),
      _status: 'draft',
    },
    draft: true,
    overrideAccess: true,
  })
  const liveWithDraft = await payload.create({
    collection: 'posts',
    data: { title: 'Live title', excerpt: 'Live excerpt', _status: 'published' },
    overrideAccess: true,
  })
  await payload.update({
    collection: 'posts',
    id: liveWithDraft.id,
    data: { title: `${SECRET} pending edit`, excerpt: `${SECRET} pending excerpt` },
    draft: true,
    overrideAccess: true,
  })
  const trashed = await payload.create({
    collection: 'posts',
    data: { title: `${SECRET} trashed`, _status: 'published' },
    overrideAccess: true,
  })
  await payload.delete({ collection: 'posts', id: trashed.id, trash: true, overrideAccess: true })
  const digest = await payload.create({
    collection: 'digests',
    data: {
      title: 'Published digest',
      issueNumber: 1,
      items: [
        { body: paragraph('Item linking a draft'), post: draft.id, source: source.id },
        { heading: 'In English', body: paragraph('Item linking a live post'), post: published.id },
      ],
      relatedPosts: [draft.id, published.id, liveWithDraft.id],
      _status: 'published',
    },
    overrideAccess: true,
  })
  const draftDigest = await payload.create({
    collection: 'digests',
    data: { title: `${SECRET} digest`, issueNumber: 2, _status: 'draft' },
    draft: true,
    overrideAccess: true,
  })
  return { author, source, published, draft, liveWithDraft, trashed, digest, draftDigest }
}
