import { convertLexicalToHTML } from '@payloadcms/richtext-lexical/html'
import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'
import type { Payload, Where } from 'payload'

import {
  MAX_PUBLIC_LIMIT,
  UNCOUNTED_PUBLIC_READ,
} from '../../collections/hooks/publicReadLimits.ts'
import { slugs } from '../../collections/slugs.ts'
import {
  buildFeed,
  FEED_FORMATS,
  FEED_SIZE,
  parseFeedPath,
  type FeedEntry,
} from '../../lib/feeds.ts'
import { errorBody } from '../../lib/errors.ts'
import { languageName } from '../../lib/languages.ts'
import type { Id } from '../../lib/relationRefs.ts'
import { escapeHtml, idOf } from '../../lib/values.ts'

type Named = { name?: string | null } | Id | null | undefined

const SCOPED_COLLECTIONS = {
  author: slugs.authors,
  source: slugs.sources,
  topic: slugs.topics,
} as const

/** The fields a feed entry is made of (`entries` below). */
const ENTRY_FIELDS = {
  title: true,
  slug: true,
  postedAt: true,
  updatedAt: true,
  excerpt: true,
  author: true,
  sources: true,
  topics: true,
} as const
const POST_FIELDS = { ...ENTRY_FIELDS, content: true } as const
const DIGEST_FIELDS = {
  ...ENTRY_FIELDS,
  issueDate: true,
  items: { heading: true, body: true },
} as const
/** The collections an entry names, by the field that names them. */
const NAMED = { author: slugs.authors, sources: slugs.sources, topics: slugs.topics } as const

const isId = (value: unknown): value is Id => typeof value === 'number' || typeof value === 'string'

/**
 * The names of the authors, sources and topics `docs` name, by field and id: one query per
 * collection, read as the anonymous reader (so a trashed one is left out, as Payload's population
 * at depth 1 leaves it), instead of populating each relationship of each entry. An id with no
 * readable document has no name, as an unpopulated relationship has none.
 */
const namesOf = async (
  payload: Payload,
  docs: { author?: Named; sources?: Named[] | null; topics?: Named[] | null }[],
): Promise<Record<keyof typeof NAMED, Map<string, string>>> =>
  Object.fromEntries(
    await Promise.all(
      (Object.keys(NAMED) as (keyof typeof NAMED)[]).map(async (field) => {
        const ids = [...new Set(docs.flatMap((doc) => [doc[field] ?? []].flat().map(idOf)))]
        const names = new Map<string, string>()
        // At most MAX_PUBLIC_LIMIT ids a query (the cap on a public read), each uncounted.
        const all = ids.filter(isId)
        for (let start = 0; start < all.length; start += MAX_PUBLIC_LIMIT) {
          const page = all.slice(start, start + MAX_PUBLIC_LIMIT)
          const { docs: named } = await payload.find({
            collection: NAMED[field],
            where: { id: { in: page } },
            depth: 0,
            limit: page.length,
            pagination: false,
            select: { name: true },
            overrideAccess: false,
            context: { [UNCOUNTED_PUBLIC_READ]: true },
          })
          for (const doc of named) if (doc.name) names.set(String(doc.id), doc.name)
        }
        return [field, names] as const
      }),
    ),
  ) as Record<keyof typeof NAMED, Map<string, string>>

const html = (state: unknown): string =>
  state && typeof state === 'object'
    ? convertLexicalToHTML({ data: state as SerializedEditorState })
    : ''

const notFound = (message: string) =>
  Response.json(errorBody(message), { status: 404, headers: { 'cache-control': 'no-store' } })

/**
 * The answer to `/feeds/<path>`: RSS 2.0 (`.xml`), Atom (`.atom`) and JSON Feed (`.json`) of the
 * newest published posts or digests, overall or for one author, source, topic or language,
 * `path` being the segments after /feeds/ as decoded. Read as an anonymous visitor: drafts
 * never appear. The Express server answers with it (src/server/middleware/payloadApi.ts), and
 * so does Next's route (src/app/(feeds)) until Payload has started; anonymous answers are cached
 * by the server (src/server/middleware/httpCache.ts).
 */
export const feedResponse = async ({
  payload,
  path,
}: {
  payload: Payload
  path: string[]
}): Promise<Response> => {
  const wanted = parseFeedPath(path)
  if (!wanted) {
    return notFound(
      'No such feed: use /feeds/posts.xml, /feeds/digests.xml, /feeds/authors/<slug>.xml, /feeds/sources/<slug>.xml, /feeds/topics/<slug>.xml or /feeds/languages/<code>.xml (.atom and .json too)',
    )
  }
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
      // Its name only: not its computed fields (the count of its published posts).
      select: { name: true },
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
    // A feed shows no total: the newest page, without counting every published document.
    pagination: false,
    context: { [UNCOUNTED_PUBLIC_READ]: true },
    // What an entry shows, with the ids of what it names (their names are read below): a post's
    // related posts, its writers' records and a digest's linked posts are not read for a feed.
    depth: 0,
    select: isDigests ? DIGEST_FIELDS : POST_FIELDS,
    overrideAccess: false,
  })
  const names = await namesOf(payload, docs)
  const nameIn = (field: keyof typeof NAMED) => (value: Named) =>
    names[field].get(String(idOf(value)))
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
      authorName: nameIn('author')(doc.author),
      categories: [
        ...(doc.sources ?? []).map(nameIn('sources')),
        ...(doc.topics ?? []).map(nameIn('topics')),
      ].filter((n): n is string => Boolean(n)),
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
