import { FEED_FORMATS } from './feeds.ts'

/**
 * Where published content lives on the public site (the front end), and which of its pages and
 * of the CMS's feeds show a given document. One scheme for webhooks' affected URLs, redirects
 * and feeds: `/posts/<slug>`, `/digests/<slug>`, `/authors/<slug>`, `/sources/<slug>`,
 * `/topics/<slug>`, the lists `/posts` and `/digests`, and the home page `/`. Feeds: the lists',
 * and one per author, source, topic (`/feeds/topics/<slug>`) and language (`/feeds/languages/<code>`).
 */

/** The collections with a page of their own on the public site, and that page's folder. */
export const PUBLIC_PAGE_FOLDERS = {
  posts: 'posts',
  digests: 'digests',
  authors: 'authors',
  sources: 'sources',
  topics: 'topics',
} as const

export type PagedCollection = keyof typeof PUBLIC_PAGE_FOLDERS

/** True for a collection whose documents have a page on the public site. */
export const hasPublicPage = (collection: string): collection is PagedCollection =>
  Object.hasOwn(PUBLIC_PAGE_FOLDERS, collection)

/** The site path of one document, e.g. `/posts/why-the-mek`; the id stands in for a missing slug. */
export const documentPath = ({
  collection,
  slug,
  id,
}: {
  collection: PagedCollection
  slug?: string | null
  id?: number | string
}): string => `/${PUBLIC_PAGE_FOLDERS[collection]}/${encodeURIComponent(slug || String(id ?? ''))}`

/** The CMS feed paths (every format) of a feed: `posts`, `digests`, `authors/<slug>`, `languages/<code>`… */
const feedPaths = (name: string): string[] =>
  Object.keys(FEED_FORMATS).map((format) => `/feeds/${name}.${format}`)

/** What a change to a document touches: pages on the public site, and the CMS's own feeds. */
export type AffectedPaths = {
  /** Paths on the public site, for a front end's `revalidatePath` or a CDN purge. */
  site: string[]
  /** Paths of the CMS's feeds (`/feeds/…`), relative to the CMS's own URL. */
  feeds: string[]
}

type Named = { slug?: string | null; id?: number | string }

/**
 * The pages and feeds a change to one published document makes stale: its own page (and the one
 * under its previous slug), the lists and home page, its author's, sources' and topics' pages and
 * feeds, its language's feed, and the digests that contain it. Sorted, each once.
 */
export const affectedPaths = ({
  collection,
  slug,
  id,
  previousSlug,
  author,
  sources = [],
  topics = [],
  digests = [],
  language,
}: {
  collection: PagedCollection
  slug?: string | null
  id?: number | string
  previousSlug?: string | null
  author?: Named | null
  sources?: Named[]
  topics?: Named[]
  digests?: Named[]
  /** The document's language (posts and digests): its language feed shows it. */
  language?: string | null
}): AffectedPaths => {
  const site = new Set<string>()
  const feeds = new Set<string>()
  site.add(documentPath({ collection, slug, id }))
  if (previousSlug && previousSlug !== slug) {
    site.add(documentPath({ collection, slug: previousSlug, id }))
  }
  if (collection === 'posts' || collection === 'digests') {
    site.add('/')
    site.add(`/${PUBLIC_PAGE_FOLDERS[collection]}`)
    feedPaths(collection).forEach((path) => feeds.add(path))
    if (language) {
      feedPaths(`languages/${encodeURIComponent(language)}`).forEach((path) => feeds.add(path))
    }
  }
  if (collection === 'authors' || collection === 'sources' || collection === 'topics') {
    // A renamed author, source or topic shows in every post that names it: the post lists and feeds.
    site.add('/posts')
    feedPaths(`${collection}/${encodeURIComponent(slug || String(id ?? ''))}`).forEach((path) =>
      feeds.add(path),
    )
    feedPaths('posts').forEach((path) => feeds.add(path))
  }
  const related: Array<[PagedCollection, Named]> = [
    ...(author ? [['authors', author] as [PagedCollection, Named]] : []),
    ...sources.map((source) => ['sources', source] as [PagedCollection, Named]),
    ...topics.map((topic) => ['topics', topic] as [PagedCollection, Named]),
    ...digests.map((digest) => ['digests', digest] as [PagedCollection, Named]),
  ]
  for (const [relatedCollection, item] of related) {
    if (!item.slug && item.id === undefined) continue
    site.add(documentPath({ collection: relatedCollection, slug: item.slug, id: item.id }))
    if (relatedCollection !== 'digests') {
      feedPaths(
        `${relatedCollection}/${encodeURIComponent(item.slug || String(item.id ?? ''))}`,
      ).forEach((path) => feeds.add(path))
    }
  }
  return { site: [...site].sort(), feeds: [...feeds].sort() }
}

/** Joins a base URL (no trailing slash needed) and a path. */
export const absoluteUrl = ({ base, path }: { base: string; path: string }): string =>
  `${base.replace(/\/+$/, '')}${path}`
