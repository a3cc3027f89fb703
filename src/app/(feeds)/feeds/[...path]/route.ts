import config from '@payload-config'
import { convertLexicalToHTML } from '@payloadcms/richtext-lexical/html'
import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'
import { getPayload, type Where } from 'payload'

import { slugs } from '../../../../../collections/slugs.ts'
import {
  buildFeed,
  FEED_FORMATS,
  FEED_SIZE,
  parseFeedPath,
  type FeedEntry,
} from '../../../../../lib/feeds.ts'
import { errorBody } from '../../../../../lib/errors.ts'
import { languageName } from '../../../../../lib/languages.ts'
import { escapeHtml } from '../../../../../lib/values.ts'

export const dynamic = 'force-dynamic'

type Named = { name?: string | null } | number | string | null | undefined

const SCOPED_COLLECTIONS = {
  author: slugs.authors,
  source: slugs.sources,
  topic: slugs.topics,
} as const

const nameOf = (value: Named) => (value && typeof value === 'object' ? value.name : undefined)

const html = (state: unknown): string =>
  state && typeof state === 'object'
    ? convertLexicalToHTML({ data: state as SerializedEditorState })
    : ''

const notFound = (message: string) =>
  Response.json(errorBody(message), { status: 404, headers: { 'cache-control': 'no-store' } })

/**
 * RSS 2.0 (`.xml`), Atom (`.atom`) and JSON Feed (`.json`) of the newest published posts or
 * digests, overall or for one author, source, topic or language. Read as an anonymous visitor: drafts never
 * appear. Anonymous answers are cached by the server (src/server/middleware/httpCache.ts).
 */
export const GET = async (
  _request: Request,
  { params }: { params: Promise<{ path: string[] }> },
): Promise<Response> => {
  const wanted = parseFeedPath((await params).path)
  if (!wanted) {
    return notFound(
      'No such feed: use /feeds/posts.xml, /feeds/digests.xml, /feeds/authors/<slug>.xml, /feeds/sources/<slug>.xml, /feeds/topics/<slug>.xml or /feeds/languages/<code>.xml (.atom and .json too)',
    )
  }
  const payload = await getPayload({ config })
  const serverUrl = payload.config.serverURL
  const siteUrl = (process.env.PUBLIC_SITE_URL?.trim() || serverUrl).replace(/\/+$/, '')

  let where: Where | undefined
  let title = 'Newsroom: latest posts'
  let feedPath = `/feeds/${wanted.kind}`
  let language = 'en'
  if (wanted.kind === 'author' || wanted.kind === 'source' || wanted.kind === 'topic') {
    const collection = SCOPED_COLLECTIONS[wanted.kind]
    const { docs } = await payload.find({
      collection,
      where: { slug: { equals: wanted.slug } },
      limit: 1,
      depth: 0,
      overrideAccess: false,
    })
    if (!docs[0]) return notFound(`No ${wanted.kind} with the slug "${wanted.slug}"`)
    const id = docs[0].id
    where =
      wanted.kind === 'author'
        ? { author: { equals: id } }
        : wanted.kind === 'source'
          ? { sources: { in: [id] } }
          : { topics: { in: [id] } }
    title = `Newsroom: posts ${{ author: 'by', source: 'from', topic: 'on' }[wanted.kind]} ${docs[0].name}`
    feedPath = `/feeds/${collection}/${wanted.slug}`
  } else if (wanted.kind === 'language') {
    where = { language: { equals: wanted.language } }
    language = wanted.language
    title = `Newsroom: posts in ${languageName(wanted.language)}`
    feedPath = `/feeds/languages/${wanted.language}`
  } else if (wanted.kind === 'digests') {
    title = 'Newsroom: weekly digests'
  }

  const isDigests = wanted.kind === 'digests'
  const { docs } = await payload.find({
    collection: isDigests ? slugs.digests : slugs.posts,
    where,
    sort: isDigests ? '-issueDate' : '-postedAt',
    limit: FEED_SIZE,
    depth: 1,
    overrideAccess: false,
  })
  const entries: FeedEntry[] = docs.map((doc) => {
    const items = 'items' in doc && Array.isArray(doc.items) ? doc.items : []
    return {
      id: doc.id,
      title: doc.title,
      slug: doc.slug,
      date: ('issueDate' in doc ? doc.issueDate : undefined) ?? doc.postedAt ?? doc.updatedAt,
      summary: doc.excerpt,
      contentHtml: isDigests
        ? items
            .map(
              (item) =>
                `${item.heading ? `<h3>${escapeHtml(item.heading)}</h3>` : ''}${html(item.body)}`,
            )
            .join('')
        : html('content' in doc ? doc.content : undefined),
      authorName: nameOf(doc.author),
      categories: [...(doc.sources ?? []), ...(doc.topics ?? [])]
        .map((named) => nameOf(named as Named))
        .filter((n): n is string => Boolean(n)),
    }
  })
  const feed = buildFeed({
    title,
    description: `${title} (${FEED_SIZE} newest).`,
    serverUrl,
    siteUrl,
    feedPath,
    itemPath: isDigests ? slugs.digests : slugs.posts,
    entries,
    language,
  })
  const format = FEED_FORMATS[wanted.format]
  return new Response(format.render(feed), {
    headers: { 'content-type': format.contentType, 'cache-control': 'public, max-age=300' },
  })
}
