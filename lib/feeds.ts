import { Feed } from 'feed'

import { isLanguageCode, type LanguageCode } from './languages.ts'

/** The three syndication formats and how each is served. */
export const FEED_FORMATS = {
  xml: { render: (feed: Feed) => feed.rss2(), contentType: 'application/rss+xml; charset=utf-8' },
  atom: {
    render: (feed: Feed) => feed.atom1(),
    contentType: 'application/atom+xml; charset=utf-8',
  },
  json: {
    render: (feed: Feed) => feed.json1(),
    contentType: 'application/feed+json; charset=utf-8',
  },
} as const

export type FeedFormat = keyof typeof FEED_FORMATS

/** Newest items a feed carries. */
export const FEED_SIZE = 50

/** What a feed says about one published post or digest. */
export type FeedEntry = {
  id: number | string
  title: string
  slug?: string | null
  date: string
  summary?: string | null
  contentHtml?: string
  authorName?: string | null
  categories?: string[]
}

/** What a request under /feeds asks for, parsed from its path. */
export type FeedRequest =
  | { kind: 'posts' | 'digests'; format: FeedFormat }
  | { kind: 'author' | 'source' | 'topic'; slug: string; format: FeedFormat }
  | { kind: 'language'; language: LanguageCode; format: FeedFormat }

/** The folder under /feeds of each scoped feed, and what it is scoped by. */
const SCOPES = { authors: 'author', sources: 'source', topics: 'topic' } as const

const FILE = /^(posts|digests)\.(xml|atom|json)$/
const SCOPED = /^([\p{L}\p{N}][\p{L}\p{N}-]{0,199})\.(xml|atom|json)$/u

/**
 * Reads `/feeds/posts.xml`, `/feeds/digests.atom`, `/feeds/authors/<slug>.json`,
 * `/feeds/sources/<slug>.xml`, `/feeds/topics/<slug>.xml`, `/feeds/languages/<code>.xml` and
 * the like; null for anything else (a language code we do not list included).
 */
export const parseFeedPath = (segments: string[]): FeedRequest | null => {
  if (segments.length === 1) {
    const match = FILE.exec(segments[0])
    return match ? { kind: match[1] as 'posts' | 'digests', format: match[2] as FeedFormat } : null
  }
  if (segments.length !== 2) return null
  let name: string
  try {
    name = decodeURIComponent(segments[1])
  } catch {
    return null
  }
  const match = SCOPED.exec(name)
  if (!match) return null
  const format = match[2] as FeedFormat
  if (segments[0] === 'languages') {
    return isLanguageCode(match[1]) ? { kind: 'language', language: match[1], format } : null
  }
  if (!Object.hasOwn(SCOPES, segments[0])) return null
  return { kind: SCOPES[segments[0] as keyof typeof SCOPES], slug: match[1], format }
}

/**
 * Builds a feed with absolute links: item pages on the public site (`siteUrl`, where the
 * front end lives) and the feed's own addresses on the CMS (`serverUrl`).
 */
export const buildFeed = ({
  title,
  description,
  serverUrl,
  siteUrl,
  feedPath,
  itemPath,
  entries,
  language = 'en',
}: {
  title: string
  description: string
  serverUrl: string
  siteUrl: string
  /** e.g. `/feeds/posts` (the format's extension is added). */
  feedPath: string
  /** e.g. `posts`: items link to `${siteUrl}/posts/<slug>`. */
  itemPath: string
  entries: FeedEntry[]
  /** The feed's language (ISO 639-1), `en` unless the feed is one language's. */
  language?: string
}): Feed => {
  const feed = new Feed({
    id: `${serverUrl}${feedPath}`,
    title,
    description,
    link: siteUrl,
    language,
    updated: entries[0] ? new Date(entries[0].date) : new Date(0),
    generator: 'Newsroom CMS',
    copyright: `© ${title}`,
    feedLinks: {
      rss: `${serverUrl}${feedPath}.xml`,
      atom: `${serverUrl}${feedPath}.atom`,
      json: `${serverUrl}${feedPath}.json`,
    },
  })
  for (const entry of entries) {
    const link = `${siteUrl}/${itemPath}/${encodeURIComponent(entry.slug || String(entry.id))}`
    feed.addItem({
      title: entry.title,
      id: `${serverUrl}/api/${itemPath}/${entry.id}`,
      guid: `${serverUrl}/api/${itemPath}/${entry.id}`,
      link,
      date: new Date(entry.date),
      published: new Date(entry.date),
      description: entry.summary ?? undefined,
      content: entry.contentHtml || undefined,
      author: entry.authorName ? [{ name: entry.authorName }] : undefined,
      category: entry.categories?.map((name) => ({ name })),
    })
  }
  return feed
}
