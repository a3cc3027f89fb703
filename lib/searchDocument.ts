import { detectLanguage } from './languages.ts'
import { plainText } from './search.ts'
import { indexedTerms, SEARCH_TEXT_VERSION } from './searchText.ts'
import { idOf } from './values.ts'

/**
 * What the search index stores for a published post or digest (collections/SearchIndex.ts),
 * from the document as Payload returns it (relationships as ids or populated).
 */
export type SearchRow = {
  docKey: string
  indexedCollection: 'posts' | 'digests'
  docId: string
  title: string
  slug: string | null
  text: string
  titleTerms: string
  bodyTerms: string
  language: string | null
  authorIds: string
  sourceIds: string
  topicIds: string
  date: string | null
  textVersion: number
}

type Doc = Record<string, unknown> & { id: number | string }

/** `posts:12`: the one index row of a document. */
export const searchDocKey = (collection: string, id: number | string): string =>
  `${collection}:${String(id)}`

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === null || value === undefined ? [] : [value]

/** Ids as ` 3 7 `: a filter for one id looks for ` 3 `. */
export const idList = (values: unknown[]): string => {
  const ids = [
    ...new Set(
      values
        .map((value) => idOf(value))
        .filter((id) => typeof id === 'number' || (typeof id === 'string' && id !== ''))
        .map(String),
    ),
  ]
  return ids.length === 0 ? '' : ` ${ids.join(' ')} `
}

const joined = (parts: string[]): string =>
  parts
    .map((part) => part.trim())
    .filter(Boolean)
    .join('\n')

/** The date a document is listed and filtered by. */
const dateOf = (value: unknown): string | null =>
  typeof value === 'string' && value ? value : null

/**
 * The index row of a published document. Posts: title; excerpt, body, credit line and credited
 * writers. Digests: title; excerpt, intro and every item (heading and body).
 */
export const searchRow = ({
  collection,
  doc,
}: {
  collection: 'posts' | 'digests'
  doc: Doc
}): SearchRow => {
  const title = text(doc.title)
  const items = list(doc.items) as Record<string, unknown>[]
  const writers = list(doc.writers) as Record<string, unknown>[]
  const body =
    collection === 'posts'
      ? joined([
          text(doc.excerpt),
          plainText(doc.content),
          text(doc.credit),
          text(doc.creditedWriter),
          ...writers.map((writer) => text(writer.name)),
          text(doc.dateline),
          text(doc.originalPublication),
          ...list(doc.tags).map(text),
        ])
      : joined([
          text(doc.series),
          text(doc.excerpt),
          plainText(doc.intro),
          ...items.flatMap((item) => [text(item.heading), plainText(item.body)]),
          ...list(doc.tags).map(text),
        ])
  return {
    docKey: searchDocKey(collection, doc.id),
    indexedCollection: collection,
    docId: String(doc.id),
    title,
    slug: typeof doc.slug === 'string' ? doc.slug : null,
    text: body,
    titleTerms: indexedTerms(title),
    bodyTerms: indexedTerms(body),
    language:
      typeof doc.language === 'string' && doc.language
        ? doc.language
        : (detectLanguage(`${title} ${body}`) ?? null),
    authorIds: idList([
      ...list(doc.author),
      ...writers.map((writer) => writer.author).filter(Boolean),
    ]),
    sourceIds: idList([...list(doc.sources), ...items.map((item) => item.source).filter(Boolean)]),
    topicIds: idList(list(doc.topics)),
    date:
      collection === 'digests'
        ? (dateOf(doc.issueDate) ?? dateOf(doc.postedAt))
        : (dateOf(doc.postedAt) ?? dateOf(doc.createdAt)),
    textVersion: SEARCH_TEXT_VERSION,
  }
}
