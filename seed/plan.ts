import { createHash } from 'node:crypto'

import { pathOfUrl } from '../lib/redirects.ts'

import {
  normalizeName,
  toLexical,
  type ArticlePage,
  type AuthorEntry,
  type AuthorPage,
  type Credit,
  type DigestPage,
  type LexicalEditorState,
  type ParsedFile,
  type QuotedEntry,
  type SeedWarning,
  type SkippedItem,
} from './parse/index.ts'

/** The collections the importer writes. */
export type ImportCollection = 'authors' | 'sources' | 'posts' | 'digests'

/** A reference to another planned record, resolved to an id when written. */
export type Ref = { collection: 'authors' | 'sources'; key: string }

type Where = { file: string; line: number }

export type PlannedAuthor = Where & {
  collection: 'authors'
  key: string
  data: { name: string; bio?: string; twitter?: string; email?: string }
}

export type PlannedSource = Where & {
  collection: 'sources'
  key: string
  data: { name: string }
}

type ContentData = {
  title: string
  author?: Ref
  sources: Ref[]
  credit?: string
  postedAt?: string
  excerpt?: string
}

export type PlannedPost = Where & {
  collection: 'posts'
  key: string
  data: ContentData & {
    creditedWriter?: string
    sourcePublishedAt?: string
    content?: LexicalEditorState
  }
}

export type PlannedDigest = Where & {
  collection: 'digests'
  key: string
  data: ContentData & {
    issueNumber?: number
    issueDate?: string
    items: { heading?: string; body: LexicalEditorState }[]
  }
}

export type PlannedDocument = PlannedAuthor | PlannedSource | PlannedPost | PlannedDigest

/**
 * An old-site address to keep working: the path a quoted article had on the old site, to
 * redirect to the post it is imported as. `key` is the path.
 */
export type PlannedRedirect = Where & {
  collection: 'redirects'
  key: string
  data: { from: string; url: string; post: { collection: 'posts'; key: string; title: string } }
}

/** The old site's host names: addresses on them become redirects to the imported posts. */
export const OLD_SITE_HOSTS = new Set(['iran-interlink.org', 'www.iran-interlink.org'])

/** Everything to write, in dependency order (authors and sources before what links them). */
export type ImportPlan = {
  authors: PlannedAuthor[]
  sources: PlannedSource[]
  posts: PlannedPost[]
  digests: PlannedDigest[]
  /** Old-site addresses of imported posts, written after the posts. */
  redirects: PlannedRedirect[]
  warnings: SeedWarning[]
  skipped: SkippedItem[]
}

/** Key under which the importer finds the document made from a seed record again. */
export const importKey = {
  author: (name: string) => `author:${normalizeName({ name })}`,
  source: (name: string) => `source:${normalizeName({ name })}`,
  post: (title: string) => `post:${normalizeName({ name: title })}`,
  digest: ({ issue, title }: { issue?: number; title: string }) =>
    issue === undefined ? `digest:${normalizeName({ name: title })}` : `digest:issue:${issue}`,
}

/** A date-only ISO string as Payload stores dates (midnight UTC). */
const toStoredDate = (isoDay: string | null | undefined): string | undefined =>
  isoDay ? `${isoDay}T00:00:00.000Z` : undefined

const nonEmpty = (text: string | undefined): string | undefined =>
  text && text.trim() !== '' ? text : undefined

/** Collects planned records, keeping the first of each key and warning about conflicts. */
const createCollector = () => {
  const plan: ImportPlan = {
    authors: [],
    sources: [],
    posts: [],
    digests: [],
    redirects: [],
    warnings: [],
    skipped: [],
  }
  const seen = new Map<string, PlannedDocument>()

  const add = <T extends PlannedDocument>(doc: T, list: T[]): Ref | undefined => {
    const earlier = seen.get(doc.key)
    if (!earlier) {
      seen.set(doc.key, doc)
      list.push(doc)
    } else if (
      (doc.collection === 'posts' || doc.collection === 'digests') &&
      hashImportData(doc.data) !== hashImportData(earlier.data)
    ) {
      plan.warnings.push({
        file: doc.file,
        line: doc.line,
        message: `"${titleOf(doc)}" also appears at ${earlier.file}:${earlier.line} with different text; the first is imported`,
      })
    }
    return doc.collection === 'authors' || doc.collection === 'sources'
      ? { collection: doc.collection, key: doc.key }
      : undefined
  }

  const author = (where: Where, data: PlannedAuthor['data']) =>
    add({ ...where, collection: 'authors', key: importKey.author(data.name), data }, plan.authors)
  const source = (where: Where, name: string) =>
    add(
      { ...where, collection: 'sources', key: importKey.source(name), data: { name } },
      plan.sources,
    )
  const post = (doc: Omit<PlannedPost, 'collection'>) =>
    add({ ...doc, collection: 'posts' }, plan.posts)
  const digest = (doc: Omit<PlannedDigest, 'collection'>) =>
    add({ ...doc, collection: 'digests' }, plan.digests)

  return { plan, author, source, post, digest }
}

const titleOf = (doc: PlannedDocument): string =>
  'title' in doc.data ? doc.data.title : doc.data.name

type Collector = ReturnType<typeof createCollector>

const creditFields = ({
  collector,
  credit,
  where,
}: {
  collector: Collector
  credit: Credit
  where: Where
}) => ({
  credit: nonEmpty(credit.raw),
  sources: credit.outlets.map((outlet) => collector.source(where, outlet) as Ref),
})

const planAuthorEntry = ({
  collector,
  entry,
  author,
}: {
  collector: Collector
  entry: AuthorEntry
  author: Ref | undefined
}) => {
  const where = entry.provenance
  const shared = {
    title: entry.title,
    author,
    ...creditFields({ collector, credit: entry.credit, where }),
    postedAt: toStoredDate(entry.date),
    excerpt: nonEmpty(entry.excerpt),
  }
  if (entry.kind === 'digest') {
    collector.digest({
      ...where,
      key: importKey.digest({ title: entry.title }),
      data: {
        ...shared,
        issueDate: toStoredDate(entry.digestDate ?? entry.credit.date),
        items: [],
      },
    })
    return
  }
  collector.post({
    ...where,
    key: importKey.post(entry.title),
    data: {
      ...shared,
      creditedWriter: nonEmpty(entry.credit.writer),
      sourcePublishedAt: toStoredDate(entry.credit.date),
    },
  })
}

const planAuthorPage = ({ collector, page }: { collector: Collector; page: AuthorPage }) => {
  const { author } = page
  const ref = collector.author(author.provenance, {
    name: author.name,
    bio: nonEmpty(author.bio),
    twitter: nonEmpty(author.twitter),
    email: nonEmpty(author.email),
  })
  for (const entry of page.entries) planAuthorEntry({ collector, entry, author: ref })
}

/** A redirect from the old-site address of a quoted article to the post it becomes. */
const planOldAddress = ({ collector, entry }: { collector: Collector; entry: QuotedEntry }) => {
  if (!entry.url) return
  const where = { file: entry.provenance.file, line: entry.urlLine ?? entry.provenance.line }
  const { plan } = collector
  let host: string
  try {
    host = new URL(entry.url).hostname.toLowerCase()
  } catch {
    host = ''
  }
  if (!OLD_SITE_HOSTS.has(host)) {
    plan.warnings.push({
      ...where,
      message: `"${entry.url}" is not an address of the old site: no redirect made`,
    })
    return
  }
  const from = pathOfUrl({ url: entry.url })
  if (from.problem !== undefined) {
    plan.warnings.push({ ...where, message: `the address ${from.problem}: no redirect made` })
    return
  }
  const postKey = importKey.post(entry.title)
  const earlier = plan.redirects.find((redirect) => redirect.key === from.value)
  if (earlier) {
    if (earlier.data.post.key !== postKey) {
      plan.warnings.push({
        ...where,
        message: `"${from.value}" also leads to "${earlier.data.post.title}" at ${earlier.file}:${earlier.line}; the first is imported`,
      })
    }
    return
  }
  plan.redirects.push({
    ...where,
    collection: 'redirects',
    key: from.value,
    data: {
      from: from.value,
      url: entry.url,
      post: { collection: 'posts', key: postKey, title: entry.title },
    },
  })
}

const planQuotedEntry = ({ collector, entry }: { collector: Collector; entry: QuotedEntry }) => {
  const where = entry.provenance
  planOldAddress({ collector, entry })
  collector.post({
    ...where,
    key: importKey.post(entry.title),
    data: {
      title: entry.title,
      ...creditFields({ collector, credit: entry.credit, where }),
      creditedWriter: nonEmpty(entry.credit.writer),
      sourcePublishedAt: toStoredDate(entry.date),
      postedAt: toStoredDate(entry.date),
      excerpt: nonEmpty(entry.excerpt),
      content:
        entry.quotedBody.length > 0
          ? toLexical({ paragraphs: entry.quotedBody.map((paragraph) => paragraph.text) })
          : undefined,
    },
  })
}

const planArticlePage = ({ collector, page }: { collector: Collector; page: ArticlePage }) => {
  const where = page.provenance
  const author = page.author ? collector.author(where, { name: page.author }) : undefined
  if (!page.date) {
    collector.plan.warnings.push({
      ...where,
      message: 'no date in the credit line: the post has no dates',
    })
  }
  collector.post({
    ...where,
    key: importKey.post(page.title),
    data: {
      title: page.title,
      author,
      ...creditFields({ collector, credit: page.credit, where }),
      creditedWriter: nonEmpty(page.credit.writer),
      sourcePublishedAt: toStoredDate(page.date),
      // The page shows no posting date of its own; the source's date stands in for it.
      postedAt: toStoredDate(page.date),
      excerpt: nonEmpty(page.excerpt),
      content: page.richText,
    },
  })
  for (const entry of page.extraEntries) planQuotedEntry({ collector, entry })
}

const planDigestPage = ({ collector, page }: { collector: Collector; page: DigestPage }) => {
  collector.digest({
    ...page.provenance,
    key: importKey.digest({ issue: page.issue, title: page.title }),
    data: {
      title: page.title,
      issueNumber: page.issue,
      issueDate: toStoredDate(page.date),
      sources: [],
      items: page.items.map((item) => ({
        heading: item.heading,
        body: toLexical({ paragraphs: item.paragraphs }),
      })),
    },
  })
}

/**
 * Turns parsed seed files into the documents to write, deduplicated by import key: an author
 * or outlet named in several files is one record, and a post listed on two author pages is
 * one post. Pure: relationships stay as keys until the writer resolves them.
 */
export const planImport = ({ files }: { files: ParsedFile[] }): ImportPlan => {
  const collector = createCollector()
  for (const file of files) {
    collector.plan.warnings.push(...file.warnings)
    collector.plan.skipped.push(...file.skipped)
    if (file.kind === 'author-page') planAuthorPage({ collector, page: file })
    else if (file.kind === 'article-page') planArticlePage({ collector, page: file })
    else planDigestPage({ collector, page: file })
  }
  return collector.plan
}

/** JSON with object keys sorted, so equal data always hashes equal. */
const stableStringify = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .sort(([a], [b]) => a.localeCompare(b))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** sha256 of the importable fields, ignoring empty values and key order. */
export const hashImportData = (data: unknown): string =>
  createHash('sha256').update(stableStringify(data)).digest('hex')
