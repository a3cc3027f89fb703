import { createHash } from 'node:crypto'

import { detectLanguage, type LanguageCode } from '../lib/languages.ts'
import { pathOfUrl } from '../lib/redirects.ts'
import { createTopicMatcher, type TopicTerms } from '../lib/topicMatcher.ts'
import { spellingKey, spellingsOf } from '../lib/topics.ts'

import {
  blocksToLexical,
  findOutlets,
  hasLinks,
  isLinkableUrl,
  normalizeName,
  toSegments,
  type ArticlePage,
  type AuthorEntry,
  type AuthorPage,
  type Credit,
  type DigestPage,
  type LexicalEditorState,
  type ParsedFile,
  type QuotedEntry,
  type RelatedExcerpt,
  type SeedWarning,
  type SkippedItem,
} from './parse/index.ts'
import { SEED_TOPICS } from './topics.ts'

/** The collections the importer writes. */
export type ImportCollection = 'authors' | 'sources' | 'topics' | 'posts' | 'digests'

/** A reference to another planned record, resolved to an id when written. */
export type Ref = { collection: 'authors' | 'sources' | 'topics'; key: string }

/** A link to a post by its import key; the post may be written later in the same run. */
export type PostRef = { collection: 'posts'; key: string }

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

/** A topic of seed/topics.ts: created when missing, never changed afterwards. */
export type PlannedTopic = Where & {
  collection: 'topics'
  key: string
  data: { name: string; aliases: string[]; description?: string }
}

type ContentData = {
  title: string
  author?: Ref
  sources: Ref[]
  credit?: string
  postedAt?: string
  excerpt?: string
  language?: LanguageCode
  topics: Ref[]
  tags: string[]
  relatedPosts: PostRef[]
}

/** A credited writer, linked to an author when one has that name. */
export type PlannedWriter = { name: string; author?: Ref }

export type PlannedPost = Where & {
  collection: 'posts'
  key: string
  data: ContentData & {
    creditedWriter?: string
    sourcePublishedAt?: string
    content?: LexicalEditorState
    writers: PlannedWriter[]
    dateline?: string
    originalPublication?: string
    legacyUrls: string[]
  }
}

/** A digest item: its section heading, text, language, and the post and source it is about. */
export type PlannedItem = {
  heading?: string
  body: LexicalEditorState
  language?: LanguageCode
  post?: PostRef
  source?: Ref
}

export type PlannedDigest = Where & {
  collection: 'digests'
  key: string
  data: ContentData & {
    issueNumber?: number
    issueDate?: string
    series?: string
    items: PlannedItem[]
  }
}

export type PlannedDocument =
  PlannedAuthor | PlannedSource | PlannedTopic | PlannedPost | PlannedDigest

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

/**
 * What the files link, counted from the plan: the same figures for every run of the same
 * files, whatever was already written.
 */
export type LinkCounts = {
  /** Digest items linked to the source they name. */
  itemSources: number
  /** Digest items linked to one of the imported posts. */
  itemPosts: number
  /** Digest items with a language (from their heading, else detected). */
  itemLanguages: number
  /** Numbered references kept. */
  references: number
  /** References that give a URL, kept as link nodes. */
  referenceLinks: number
  /** `[n]` markers linked to their reference (`#ref-n`). */
  citationLinks: number
  /** Outlets cited by references, linked as sources of the post. */
  referenceSources: number
  /** URLs in the text kept as link nodes (references excluded). */
  textLinks: number
  /** Related-post links (each direction counted). */
  relatedPosts: number
  /** Related excerpt cards imported as posts. */
  relatedExcerptPosts: number
  /** Topic assignments (post or digest, topic). */
  topicsAssigned: number
  /** Credited writers, and how many of them are linked to an author. */
  writers: number
  writersLinkedToAuthors: number
  datelines: number
  originalPublications: number
  /** Old-site addresses kept on posts. */
  legacyUrls: number
  /** Posts and digests by detected language. */
  languages: Record<string, number>
  /** Digests with a series, and tags kept on digests. */
  series: number
  tags: number
  /** "Weekly Digest – <date>" entries of author pages linked to the issue of that date. */
  digestEntriesLinked: number
}

/** Everything to write, in dependency order (authors and sources before what links them). */
export type ImportPlan = {
  authors: PlannedAuthor[]
  sources: PlannedSource[]
  topics: PlannedTopic[]
  posts: PlannedPost[]
  digests: PlannedDigest[]
  /** Old-site addresses of imported posts, written after the posts. */
  redirects: PlannedRedirect[]
  warnings: SeedWarning[]
  skipped: SkippedItem[]
  linked: LinkCounts
}

/** Key under which the importer finds the document made from a seed record again. */
export const importKey = {
  author: (name: string) => `author:${normalizeName({ name })}`,
  source: (name: string) => `source:${normalizeName({ name })}`,
  post: (title: string) => `post:${normalizeName({ name: title })}`,
  digest: ({ issue, title }: { issue?: number; title: string }) =>
    issue === undefined ? `digest:${normalizeName({ name: title })}` : `digest:issue:${issue}`,
  /** Topics compare like their aliases do: "P.M.O.I." and "PMOI" are one spelling. */
  topic: (name: string) => `topic:${spellingKey(name)}`,
}

const emptyLinkCounts = (): LinkCounts => ({
  itemSources: 0,
  itemPosts: 0,
  itemLanguages: 0,
  references: 0,
  referenceLinks: 0,
  citationLinks: 0,
  referenceSources: 0,
  textLinks: 0,
  relatedPosts: 0,
  relatedExcerptPosts: 0,
  topicsAssigned: 0,
  writers: 0,
  writersLinkedToAuthors: 0,
  datelines: 0,
  originalPublications: 0,
  legacyUrls: 0,
  languages: {},
  series: 0,
  tags: 0,
  digestEntriesLinked: 0,
})

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
    topics: [],
    digests: [],
    redirects: [],
    warnings: [],
    skipped: [],
    linked: emptyLinkCounts(),
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
    return doc.collection === 'authors' ||
      doc.collection === 'sources' ||
      doc.collection === 'topics'
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
  const topic = (where: Where, data: PlannedTopic['data']) =>
    add({ ...where, collection: 'topics', key: importKey.topic(data.name), data }, plan.topics)
  const post = (doc: Omit<PlannedPost, 'collection'>) =>
    add({ ...doc, collection: 'posts' }, plan.posts)
  const digest = (doc: Omit<PlannedDigest, 'collection'>) =>
    add({ ...doc, collection: 'digests' }, plan.digests)
  const has = (key: string) => seen.has(key)

  return { plan, author, source, topic, post, digest, has }
}

const titleOf = (doc: PlannedDocument): string =>
  'title' in doc.data ? doc.data.title : doc.data.name

type Collector = ReturnType<typeof createCollector>

/** What the planner knows beyond the files: records already in the CMS. */
export type KnownRecords = {
  /** Names of sources in the CMS: outlets to recognise in running text. */
  sources?: readonly string[]
  /** Names of authors in the CMS: credited writers of that name are linked to them. */
  authors?: readonly string[]
  /** Topics in the CMS with the aliases editors gave them; they win over seed/topics.ts. */
  topics?: readonly TopicTerms[]
  /** Titles of posts earlier imports wrote: a digest item quoting one links to it. */
  postTitles?: readonly string[]
}

type Context = {
  collector: Collector
  /** Outlet names to recognise in running text (credits of these files, and `known`). */
  knownOutlets: string[]
  /** Author names by comparison key (honorifics dropped), planned or known. */
  authorNames: Map<string, string>
  matchTopics: (text: string) => string[]
  /** Import keys of posts that exist or will: a digest item may link them. */
  postKeys: Set<string>
}

const HONORIFIC = /^(?:dr|prof|professor|mr|mrs|ms|miss|sir|dame|rev)\.?\s+/i

/** A person's comparison key: `Dr. Olsi Jazexhi` and `Olsi Jazexhi` are one person. */
const personKey = (name: string): string => normalizeName({ name: name.replace(HONORIFIC, '') })

const postRef = (title: string): PostRef => ({ collection: 'posts', key: importKey.post(title) })

const uniqueByKey = <T extends { key: string }>(refs: (T | undefined)[]): T[] => {
  const seen = new Set<string>()
  return refs.filter((ref): ref is T => {
    if (!ref || seen.has(ref.key)) return false
    seen.add(ref.key)
    return true
  })
}

/** Every planned topic spelling of `topic` compared with those of `others`. */
const sharesSpelling = (topic: TopicTerms, others: readonly TopicTerms[]): boolean => {
  const keys = new Set(spellingsOf(topic).map(spellingKey))
  return others.some((other) => spellingsOf(other).some((s) => keys.has(spellingKey(s))))
}

/**
 * The topics to match with: those in the CMS (with editors' aliases), then the seed topics no
 * CMS topic already covers (an editor may have renamed one: a shared spelling is enough).
 */
export const topicsToMatch = ({ known = [] }: { known?: readonly TopicTerms[] }): TopicTerms[] => [
  ...known,
  ...SEED_TOPICS.filter((topic) => !sharesSpelling(topic, known)),
]

/** Topic refs and the language of a text. */
const classify = ({ ctx, text }: { ctx: Context; text: string }) => ({
  language: detectLanguage(text),
  topics: uniqueByKey(
    ctx
      .matchTopics(text)
      .map((name): Ref => ({ collection: 'topics', key: importKey.topic(name) })),
  ),
})

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

/** The credit's writers, dateline and original-publication note, as posts store them. */
const writerFields = ({ ctx, credit }: { ctx: Context; credit: Credit }) => ({
  writers: credit.writers.map((name): PlannedWriter => {
    const author = ctx.authorNames.get(personKey(name))
    return author
      ? { name, author: { collection: 'authors', key: importKey.author(author) } }
      : { name }
  }),
  dateline: nonEmpty(credit.place),
  originalPublication: nonEmpty(credit.originalPublication),
})

/** Paragraphs as rich text, bare URLs kept as links. */
const paragraphsToLexical = ({ paragraphs }: { paragraphs: string[] }): LexicalEditorState =>
  blocksToLexical({
    blocks: paragraphs.map((text) => {
      const segments = toSegments({ text })
      return hasLinks(segments)
        ? { type: 'paragraph' as const, text, segments }
        : { type: 'paragraph' as const, text }
    }),
  })

const planAuthorEntry = ({
  ctx,
  entry,
  author,
}: {
  ctx: Context
  entry: AuthorEntry
  author: Ref | undefined
}) => {
  const { collector } = ctx
  const where = entry.provenance
  const shared = {
    title: entry.title,
    author,
    ...creditFields({ collector, credit: entry.credit, where }),
    postedAt: toStoredDate(entry.date),
    excerpt: nonEmpty(entry.excerpt),
    tags: [],
    relatedPosts: [],
  }
  collector.post({
    ...where,
    key: importKey.post(entry.title),
    data: {
      ...shared,
      ...classify({ ctx, text: `${entry.title}\n${entry.excerpt}` }),
      ...writerFields({ ctx, credit: entry.credit }),
      creditedWriter: nonEmpty(entry.credit.writer),
      sourcePublishedAt: toStoredDate(entry.credit.date),
      legacyUrls: [],
    },
  })
}

/** Outlets a digest's items never link: the publisher the series is named after. */
const publisherOutlets = ({ ctx, series }: { ctx: Context; series?: string }): string[] => {
  const key = series ? normalizeName({ name: series }) : ''
  return key === ''
    ? []
    : ctx.knownOutlets.filter((name) => key.startsWith(`${normalizeName({ name })} `))
}

// Titles quoted in running text: ‘How has the MEK resisted disintegration’.
const QUOTED = /[‘“"]([^‘’“”"]{12,200})[’”"]/gu

/** The first imported post an item names, by a quoted title or by its whole title. */
const findPostIn = ({ ctx, text }: { ctx: Context; text: string }): PostRef | undefined => {
  for (const m of text.matchAll(QUOTED)) {
    const key = importKey.post(m[1])
    if (ctx.postKeys.has(key)) return { collection: 'posts', key }
  }
  const folded = ` ${normalizeName({ name: text })} `
  for (const post of ctx.collector.plan.posts) {
    const title = normalizeName({ name: post.data.title })
    if (title.split(' ').length >= 4 && folded.includes(` ${title} `)) {
      return { collection: 'posts', key: post.key }
    }
  }
  return undefined
}

/** A digest item from its text: the outlets it names become sources, the first its own. */
const planItem = ({
  ctx,
  where,
  paragraphs,
  heading,
  headingLanguage,
  exclude,
}: {
  ctx: Context
  where: Where
  paragraphs: string[]
  heading?: string
  headingLanguage?: LanguageCode
  exclude: string[]
}): { item: PlannedItem; sources: Ref[] } => {
  const text = paragraphs.join('\n\n')
  const sources = findOutlets({ text, known: ctx.knownOutlets, exclude }).map(
    (outlet) => ctx.collector.source(where, outlet.name) as Ref,
  )
  const post = findPostIn({ ctx, text })
  const language = headingLanguage ?? detectLanguage(text)
  return {
    item: {
      heading,
      body: paragraphsToLexical({ paragraphs }),
      ...(language ? { language } : {}),
      ...(post ? { post } : {}),
      ...(sources[0] ? { source: sources[0] } : {}),
    },
    sources,
  }
}

/**
 * A "Weekly Digest – <date>" entry of an author page: merged into the issue of that date when
 * the files hold one (it gains the entry's author, posting date and excerpt), else a digest of
 * its own whose one item is the excerpt, linked to what that text names.
 */
const planDigestEntry = ({
  ctx,
  entry,
  author,
  issues,
}: {
  ctx: Context
  entry: AuthorEntry
  author: Ref | undefined
  issues: Map<string, PlannedDigest>
}) => {
  const { collector } = ctx
  const where = entry.provenance
  const issueDate = toStoredDate(entry.digestDate ?? entry.credit.date)
  const issue = issueDate ? issues.get(issueDate) : undefined
  if (issue) {
    issue.data.author ??= author
    issue.data.postedAt ??= toStoredDate(entry.date)
    issue.data.excerpt ??= nonEmpty(entry.excerpt)
    collector.plan.linked.digestEntriesLinked += 1
    collector.plan.warnings.push({
      ...where,
      message: `"${entry.title}" is issue ${issue.data.issueNumber ?? issue.data.title} (${issue.file}:${issue.line}): imported as that digest`,
    })
    return
  }
  const credit = creditFields({ collector, credit: entry.credit, where })
  const exclude = [...entry.credit.outlets, ...publisherOutlets({ ctx, series: entry.series })]
  const excerpt = nonEmpty(entry.excerpt)
  const planned = excerpt
    ? planItem({ ctx, where, paragraphs: [excerpt], exclude })
    : { item: undefined, sources: [] }
  collector.digest({
    ...where,
    key: importKey.digest({ title: entry.title }),
    data: {
      title: entry.title,
      author,
      ...credit,
      sources: uniqueByKey([...credit.sources, ...planned.sources]),
      postedAt: toStoredDate(entry.date),
      excerpt,
      issueDate,
      series: entry.series,
      tags: [],
      relatedPosts: [],
      ...classify({ ctx, text: `${entry.title}\n${entry.excerpt}` }),
      items: planned.item ? [planned.item] : [],
    },
  })
}

const planAuthorPage = ({ ctx, page }: { ctx: Context; page: AuthorPage }) => {
  const { author } = page
  const ref = ctx.collector.author(author.provenance, {
    name: author.name,
    bio: nonEmpty(author.bio),
    twitter: nonEmpty(author.twitter),
    email: nonEmpty(author.email),
  })
  for (const entry of page.entries) {
    if (entry.kind === 'post') planAuthorEntry({ ctx, entry, author: ref })
  }
  return ref
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

/** An "Also read" article, linked back to the article that quotes it. */
const planQuotedEntry = ({
  ctx,
  entry,
  article,
}: {
  ctx: Context
  entry: QuotedEntry
  article: PostRef
}) => {
  const { collector } = ctx
  const where = entry.provenance
  planOldAddress({ collector, entry })
  const paragraphs = entry.quotedBody.map((paragraph) => paragraph.text)
  collector.post({
    ...where,
    key: importKey.post(entry.title),
    data: {
      title: entry.title,
      ...creditFields({ collector, credit: entry.credit, where }),
      ...writerFields({ ctx, credit: entry.credit }),
      ...classify({ ctx, text: [entry.title, entry.excerpt, ...paragraphs].join('\n') }),
      creditedWriter: nonEmpty(entry.credit.writer),
      sourcePublishedAt: toStoredDate(entry.date),
      postedAt: toStoredDate(entry.date),
      excerpt: nonEmpty(entry.excerpt),
      content: paragraphs.length > 0 ? paragraphsToLexical({ paragraphs }) : undefined,
      tags: [],
      relatedPosts: [article],
      legacyUrls: entry.url && isLinkableUrl(entry.url) ? [entry.url] : [],
    },
  })
}

/** A related excerpt card as a post of its own, related to the article it sat under. */
const planRelatedExcerpt = ({
  ctx,
  excerpt,
  article,
}: {
  ctx: Context
  excerpt: RelatedExcerpt
  article: PostRef
}) => {
  const { collector } = ctx
  const where = excerpt.provenance
  collector.plan.linked.relatedExcerptPosts += 1
  collector.post({
    ...where,
    key: importKey.post(excerpt.title),
    data: {
      title: excerpt.title,
      ...creditFields({ collector, credit: excerpt.credit, where }),
      ...writerFields({ ctx, credit: excerpt.credit }),
      ...classify({ ctx, text: excerpt.excerpt }),
      creditedWriter: nonEmpty(excerpt.credit.writer),
      sourcePublishedAt: toStoredDate(excerpt.date),
      postedAt: toStoredDate(excerpt.date),
      excerpt: excerpt.excerpt,
      tags: [],
      relatedPosts: [article],
      legacyUrls: [],
    },
  })
}

const planArticlePage = ({ ctx, page }: { ctx: Context; page: ArticlePage }) => {
  const { collector } = ctx
  const where = page.provenance
  const author = page.author ? collector.author(where, { name: page.author }) : undefined
  if (!page.date) {
    collector.plan.warnings.push({
      ...where,
      message: 'no date in the credit line: the post has no dates',
    })
  }
  const credit = creditFields({ collector, credit: page.credit, where })
  const cited = page.references.flatMap((reference) =>
    reference.outlet
      ? [collector.source({ file: page.file, line: reference.line }, reference.outlet) as Ref]
      : [],
  )
  const sources = uniqueByKey([...credit.sources, ...cited])
  collector.plan.linked.references += page.references.length
  collector.plan.linked.referenceSources += sources.length - uniqueByKey(credit.sources).length
  const self = postRef(page.title)
  const related = uniqueByKey([
    ...page.extraEntries.map((entry) => postRef(entry.title)),
    ...page.relatedExcerpts.map((excerpt) => postRef(excerpt.title)),
  ]).filter((ref) => ref.key !== self.key)
  collector.post({
    ...where,
    key: self.key,
    data: {
      title: page.title,
      author,
      ...credit,
      sources,
      ...writerFields({ ctx, credit: page.credit }),
      ...classify({
        ctx,
        text: [page.title, page.excerpt, ...page.body.map((p) => p.text)].join('\n'),
      }),
      creditedWriter: nonEmpty(page.credit.writer),
      sourcePublishedAt: toStoredDate(page.date),
      // The page shows no posting date of its own; the source's date stands in for it.
      postedAt: toStoredDate(page.date),
      excerpt: nonEmpty(page.excerpt),
      content: page.richText,
      tags: [],
      relatedPosts: related,
      legacyUrls: [],
    },
  })
  for (const entry of page.extraEntries) planQuotedEntry({ ctx, entry, article: self })
  for (const excerpt of page.relatedExcerpts) planRelatedExcerpt({ ctx, excerpt, article: self })
}

const planDigestPage = ({ ctx, page }: { ctx: Context; page: DigestPage }): PlannedDigest => {
  const exclude = publisherOutlets({ ctx, series: page.series })
  const planned = page.items.map((item) =>
    planItem({
      ctx,
      where: item.provenance,
      paragraphs: item.paragraphs,
      heading: item.heading,
      headingLanguage: item.headingLanguage,
      exclude,
    }),
  )
  const key = importKey.digest({ issue: page.issue, title: page.title })
  ctx.collector.digest({
    ...page.provenance,
    key,
    data: {
      title: page.title,
      issueNumber: page.issue,
      issueDate: toStoredDate(page.date),
      series: page.series,
      tags: page.tags,
      sources: uniqueByKey(planned.flatMap((p) => p.sources)),
      relatedPosts: [],
      ...classify({ ctx, text: [page.title, ...page.items.map((item) => item.text)].join('\n') }),
      items: planned.map((p) => p.item),
    },
  })
  return ctx.collector.plan.digests.find((digest) => digest.key === key) as PlannedDigest
}

type LexicalNode = { type?: string; fields?: { url?: string }; children?: LexicalNode[] }

/** Counts the link nodes of a rich text: citation markers, links in lists, other links. */
const countLinks = (state: LexicalEditorState | undefined, counts: LinkCounts) => {
  const walk = (node: LexicalNode, isInList: boolean) => {
    if (node.type === 'link') {
      const url = node.fields?.url ?? ''
      if (url.startsWith('#ref-')) counts.citationLinks += 1
      else if (isInList) counts.referenceLinks += 1
      else counts.textLinks += 1
    }
    for (const child of node.children ?? []) walk(child, isInList || node.type === 'list')
  }
  if (state) walk(state.root, false)
}

/** The figures of `plan.linked` that can be read off the planned documents. */
const countPlanned = (plan: ImportPlan) => {
  const { linked } = plan
  const language = (code: string | undefined) => {
    if (code) linked.languages[code] = (linked.languages[code] ?? 0) + 1
  }
  for (const post of plan.posts) {
    const { data } = post
    linked.topicsAssigned += data.topics.length
    linked.relatedPosts += data.relatedPosts.length
    linked.writers += data.writers.length
    linked.writersLinkedToAuthors += data.writers.filter((w) => w.author).length
    if (data.dateline) linked.datelines += 1
    if (data.originalPublication) linked.originalPublications += 1
    linked.legacyUrls += data.legacyUrls.length
    language(data.language)
    countLinks(data.content, linked)
  }
  for (const digest of plan.digests) {
    const { data } = digest
    linked.topicsAssigned += data.topics.length
    linked.relatedPosts += data.relatedPosts.length
    if (data.series) linked.series += 1
    linked.tags += data.tags.length
    language(data.language)
    for (const item of data.items) {
      if (item.source) linked.itemSources += 1
      if (item.post) linked.itemPosts += 1
      if (item.language) linked.itemLanguages += 1
      countLinks(item.body, linked)
    }
  }
}

/**
 * Turns parsed seed files into the documents to write, deduplicated by import key: an author
 * or outlet named in several files is one record, and a post listed on two author pages is
 * one post. Links between records are made here too: the outlets digest items and references
 * name (sources), the posts they quote, related posts both ways, writers to authors, topics by
 * their spellings, languages. Pure: relationships stay as keys until the writer resolves them;
 * `known` says what the CMS already holds.
 */
export const planImport = ({
  files,
  known = {},
}: {
  files: ParsedFile[]
  known?: KnownRecords
}): ImportPlan => {
  const collector = createCollector()
  const { plan } = collector
  SEED_TOPICS.forEach((topic, index) =>
    collector.topic({ file: 'seed/topics.ts', line: index + 1 }, topic),
  )
  const credits = files.flatMap((file): Credit[] => {
    if (file.kind === 'author-page') return file.entries.map((entry) => entry.credit)
    if (file.kind === 'article-page') {
      return [
        file.credit,
        ...file.extraEntries.map((entry) => entry.credit),
        ...file.relatedExcerpts.map((excerpt) => excerpt.credit),
      ]
    }
    return []
  })
  const authorNames = new Map<string, string>()
  for (const name of [
    ...files.flatMap((file) =>
      file.kind === 'author-page'
        ? [file.author.name]
        : file.kind === 'article-page' && file.author
          ? [file.author]
          : [],
    ),
    ...(known.authors ?? []),
  ]) {
    if (!authorNames.has(personKey(name))) authorNames.set(personKey(name), name)
  }
  const ctx: Context = {
    collector,
    knownOutlets: [
      ...new Set([
        ...credits.flatMap((credit) => credit.outlets),
        ...files.flatMap((file) =>
          file.kind === 'article-page' ? file.references.flatMap((r) => r.outlet ?? []) : [],
        ),
        ...(known.sources ?? []),
      ]),
    ],
    authorNames,
    matchTopics: createTopicMatcher(topicsToMatch({ known: known.topics })),
    postKeys: new Set((known.postTitles ?? []).map((title) => importKey.post(title))),
  }

  // Posts first, then digests (their items link posts), then the author pages' digest
  // entries (merged into an issue of the same date when there is one).
  const authorRefs = new Map<AuthorPage, Ref | undefined>()
  for (const file of files) {
    plan.warnings.push(...file.warnings)
    plan.skipped.push(...file.skipped)
    if (file.kind === 'author-page') authorRefs.set(file, planAuthorPage({ ctx, page: file }))
    else if (file.kind === 'article-page') planArticlePage({ ctx, page: file })
  }
  for (const post of plan.posts) ctx.postKeys.add(post.key)
  const issues = new Map<string, PlannedDigest>()
  for (const file of files) {
    if (file.kind !== 'digest-page') continue
    const digest = planDigestPage({ ctx, page: file })
    if (digest.data.issueDate && digest.data.issueNumber !== undefined) {
      issues.set(digest.data.issueDate, digest)
    }
  }
  for (const [page, author] of authorRefs) {
    for (const entry of page.entries) {
      if (entry.kind === 'digest') planDigestEntry({ ctx, entry, author, issues })
    }
  }
  countPlanned(plan)
  return plan
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
