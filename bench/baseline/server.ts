/**
 * The baseline the CMS is measured against: Express plus the driver Payload itself uses for the
 * database (@libsql/client for SQLite, node-postgres for PostgreSQL), answering the benchmark's
 * requests with the same JSON (and XML) from the same database, with no CMS in between.
 * Hand-written SQL, one query per table for each level of population, no validation beyond what
 * the requests need: the ceiling for our stack, not a product.
 *
 * What it has to reproduce of the CMS: Payload's population at depth 1 (readable relations in
 * their `defaultPopulate` shape, related posts whole with their own relations as ids, anything
 * an anonymous reader cannot read left as its bare id), drizzle's pagination fields, and search
 * as src/endpoints/search.ts answers it: the query read and widened to the topics' synonyms by
 * lib/searchQuery.ts, the search plugin's index tables and ranking SQL
 * (src/plugins/search/query.ts), its snippets.
 *
 * Usage: `node --import tsx bench/baseline/server.ts --database <file:PATH | postgres://…>
 *   --port <n> --server-url <url>`
 */
import { convertLexicalToHTML } from '@payloadcms/richtext-lexical/html'
import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'
import { Command } from 'commander'
import express from 'express'

import { buildFeed, FEED_SIZE, type FeedEntry } from '../../lib/feeds.ts'
import {
  expandSynonyms,
  highlightSnippet,
  parseSearchQuery,
  queryPhrases,
  synonymGroups,
  toFts5Match,
  toTsquery,
  type SearchQuery,
  type SynonymGroup,
} from '../../lib/searchQuery.ts'
import { jsonColumn, openSql, type SqlRow, type SqlValue } from '../lib/sql.ts'

const program = new Command()
  .requiredOption('--database <uri>', 'file:PATH (SQLite) or postgres://… (PostgreSQL)')
  .requiredOption('--port <n>', 'port to listen on')
  .requiredOption('--server-url <url>', 'the CMS SERVER_URL, for feed links')
  .parse()
const options = program.opts<{ database: string; port: string; serverUrl: string }>()

// As many connections as the CMS's pool (DATABASE_POOL_MAX defaults to 10) on PostgreSQL.
const sql = await openSql({ uri: options.database, poolMax: 10 })
const query = sql.query

/** What anonymous readers get of posts (and of related posts, checked in `populate`). */
const PUBLISHED = `"_status" = 'published' AND "deleted_at" IS NULL`
const POST_COLUMNS = `"id", "title", "slug", "author_id", "credit", "credited_writer",
  "source_published_at", "posted_at", "dateline", "original_publication", "language", "excerpt",
  "content", "updated_at", "created_at", "deleted_at", "_status"`
/** Payload's order for `-postedAt`: it adds `-createdAt` to break ties. */
const NEWEST_FIRST = `ORDER BY "posted_at" DESC, "created_at" DESC`
/** As src/plugins/search/synonyms.ts: another instance's topic edit shows after this. */
const SYNONYMS_TTL_MS = 30_000

type Json = Record<string, unknown>

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ')
/** A column value as text (the drivers hand back strings, numbers or null here). */
const asText = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : ''
const json = jsonColumn

/** Rows grouped by a column, each group in the rows' order. */
const groupBy = (rows: SqlRow[], column: string) => {
  const groups = new Map<unknown, SqlRow[]>()
  for (const row of rows) groups.set(row[column], [...(groups.get(row[column]) ?? []), row])
  return groups
}

/** What `populate` reads: the REST answer shows it all; GraphQL and the feed need less. */
type Wanted = {
  /** Topics (the feed's categories, REST). */
  hasTopics: boolean
  /** Writers, tags, old addresses and related posts (REST only). */
  hasDetails: boolean
}

/** Distinct non-null values. */
const distinct = (values: unknown[]) => [...new Set(values.filter((value) => value !== null))]

/**
 * The rows that hang off posts, by post: relations (posts_rels), and for `hasDetails` the
 * writers (an array field) and tags and old addresses (hasMany texts). Each in its order.
 */
const partsOf = async ({ postIds, hasDetails }: { postIds: unknown[]; hasDetails: boolean }) => {
  const ids = placeholders(postIds.length)
  const args = postIds as SqlValue[]
  const [rels, writers, texts] =
    postIds.length === 0
      ? [[], [], []]
      : await Promise.all([
          query(
            `SELECT "parent_id", "path", "sources_id", "topics_id", "posts_id" FROM "posts_rels"
             WHERE "parent_id" IN (${ids}) ORDER BY "order"`,
            args,
          ),
          hasDetails
            ? query(
                `SELECT "_parent_id", "id", "name", "author_id" FROM "posts_writers"
                 WHERE "_parent_id" IN (${ids}) ORDER BY "_order"`,
                args,
              )
            : [],
          hasDetails
            ? query(
                `SELECT "parent_id", "path", "text" FROM "posts_texts"
                 WHERE "parent_id" IN (${ids}) ORDER BY "order"`,
                args,
              )
            : [],
        ])
  const relsOf = groupBy(rels, 'parent_id')
  const writersOf = groupBy(writers, '_parent_id')
  const textsOf = groupBy(texts, 'parent_id')
  return {
    rels: (id: unknown, path: string) => (relsOf.get(id) ?? []).filter((rel) => rel.path === path),
    writers: (id: unknown) => writersOf.get(id) ?? [],
    texts: (id: unknown, path: string) =>
      (textsOf.get(id) ?? []).filter((text) => text.path === path).map((text) => text.text),
    all: { rels, writers },
  }
}

/** The rows of `table` with these ids that are not in the trash (what anonymous readers see). */
const notTrashed = (table: string, columns: string, ids: unknown[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : query(
        `SELECT ${columns} FROM "${table}"
         WHERE "deleted_at" IS NULL AND "id" IN (${placeholders(ids.length)})`,
        ids as SqlValue[],
      )

/**
 * The posts `rows` as Payload answers them for an anonymous reader at depth 1: readable authors,
 * sources and topics in their `defaultPopulate` shape, published related posts whole (their own
 * relations as ids), anything unreadable (trashed, a draft) as its bare id. One query per table
 * and level, each by a list of ids (on PostgreSQL a sub-select of them costs more to plan than
 * the round trip it saves).
 */
const populate = async ({ rows, hasTopics, hasDetails }: { rows: SqlRow[] } & Wanted) => {
  const page = await partsOf({ postIds: rows.map((row) => row.id), hasDetails })
  const relatedIds = distinct(page.all.rels.map((rel) => rel.posts_id))
  const [authors, sources, topics, relatedRows, related] = await Promise.all([
    notTrashed(
      'authors',
      `"id", "name", "slug", "deleted_at"`,
      distinct([
        ...rows.map((row) => row.author_id),
        ...page.all.writers.map((writer) => writer.author_id),
      ]),
    ),
    notTrashed(
      'sources',
      `"id", "name", "slug", "website", "deleted_at"`,
      distinct(page.all.rels.map((rel) => rel.sources_id)),
    ),
    hasTopics
      ? notTrashed(
          'topics',
          `"id", "name", "slug", "deleted_at"`,
          distinct(page.all.rels.map((rel) => rel.topics_id)),
        )
      : [],
    // Which of them a reader may see is decided below, not in SQL: SQLite would rather scan
    // every published post through the status index than look up these few.
    relatedIds.length > 0
      ? query(
          `SELECT ${POST_COLUMNS} FROM "posts" WHERE "id" IN (${placeholders(relatedIds.length)})`,
          relatedIds as SqlValue[],
        )
      : [],
    partsOf({ postIds: relatedIds, hasDetails }),
  ])
  const authorById = new Map(
    authors.map((a) => [a.id, { id: a.id, name: a.name, slug: a.slug, deletedAt: a.deleted_at }]),
  )
  const sourceById = new Map(
    sources.map((s) => [
      s.id,
      { id: s.id, name: s.name, slug: s.slug, website: s.website, deletedAt: s.deleted_at },
    ]),
  )
  const topicById = new Map(
    topics.map((t) => [t.id, { id: t.id, name: t.name, slug: t.slug, deletedAt: t.deleted_at }]),
  )
  const relatedById = new Map(
    relatedRows
      .filter((row) => row._status === 'published' && row.deleted_at === null)
      .map((row) => [row.id, row]),
  )
  /** A relation: the document when populated and readable, else its id. */
  const value = (id: unknown, byId?: Map<unknown, Json>) =>
    id === null ? null : (byId?.get(id) ?? id)

  const docOf = (row: SqlRow, depth: 0 | 1): Json => {
    const parts = depth === 1 ? page : related
    const at = <T>(byId: T) => (depth === 1 ? byId : undefined)
    return {
      id: row.id,
      title: row.title,
      slug: row.slug,
      author: value(row.author_id, at(authorById)),
      sources: parts.rels(row.id, 'sources').map((rel) => value(rel.sources_id, at(sourceById))),
      credit: row.credit,
      creditedWriter: row.credited_writer,
      sourcePublishedAt: row.source_published_at,
      postedAt: row.posted_at,
      writers: parts.writers(row.id).map((writer) => ({
        id: writer.id,
        name: writer.name,
        author: value(writer.author_id, at(authorById)),
      })),
      dateline: row.dateline,
      originalPublication: row.original_publication,
      language: row.language,
      topics: parts.rels(row.id, 'topics').map((rel) => value(rel.topics_id, at(topicById))),
      tags: parts.texts(row.id, 'tags'),
      excerpt: row.excerpt,
      content: json(row.content),
      relatedPosts: parts.rels(row.id, 'relatedPosts').map((rel) => {
        const relatedRow = depth === 1 ? relatedById.get(rel.posts_id) : undefined
        return relatedRow ? docOf(relatedRow, 0) : rel.posts_id
      }),
      legacyUrls: parts.texts(row.id, 'legacyUrls'),
      updatedAt: row.updated_at,
      createdAt: row.created_at,
      deletedAt: row.deleted_at,
      _status: row._status,
    }
  }
  return rows.map((row) => docOf(row, 1))
}

/** Published posts, newest first, with Payload's pagination fields (drizzle's findMany). */
const findPosts = async ({
  slug,
  limit,
  page,
  ...wanted
}: { slug?: string; limit: number; page: number } & Wanted) => {
  const where = slug === undefined ? PUBLISHED : `${PUBLISHED} AND "slug" = ?`
  const args: SqlValue[] = slug === undefined ? [] : [slug]
  const [rows, [{ total }]] = await Promise.all([
    query(`SELECT ${POST_COLUMNS} FROM "posts" WHERE ${where} ${NEWEST_FIRST} LIMIT ? OFFSET ?`, [
      ...args,
      limit,
      (page - 1) * limit,
    ]),
    query(`SELECT count(*) AS "total" FROM "posts" WHERE ${where}`, args),
  ])
  const totalDocs = Number(total)
  // With nothing found, Payload counts one (empty) page.
  const totalPages = totalDocs === 0 ? 1 : Math.ceil(totalDocs / limit)
  const hasPrevPage = totalDocs > 0 && page > 1
  const hasNextPage = totalPages > page
  return {
    docs: await populate({ rows, ...wanted }),
    hasNextPage,
    hasPrevPage,
    limit,
    nextPage: hasNextPage ? page + 1 : null,
    page,
    pagingCounter: totalDocs === 0 ? 1 : (page - 1) * limit + 1,
    prevPage: hasPrevPage ? page - 1 : null,
    totalDocs,
    totalPages,
  }
}

/** A populated relation (an object), not a bare id left for an unreadable document. */
const isPopulated = (value: unknown): value is Json => typeof value === 'object' && value !== null

const app = express()
app.disable('x-powered-by')
// Nested query strings (where[slug][equals]=…), as Payload reads them.
app.set('query parser', 'extended')
app.use(express.json())

app.get('/api/posts', async (req, res) => {
  const where = req.query.where as { slug?: { equals?: string } } | undefined
  res.json(
    await findPosts({
      slug: where?.slug?.equals,
      limit: Number(req.query.limit ?? 10),
      page: Number(req.query.page ?? 1),
      hasTopics: true,
      hasDetails: true,
    }),
  )
})

/**
 * The benchmark's two GraphQL operations, recognised by name (no GraphQL engine here):
 * `PostList` and `PostBySlug($slug)`, answered with the fields they select. GraphQL leaves out
 * what an anonymous reader cannot read (REST would show its id).
 */
app.post('/api/graphql', async (req, res) => {
  const body = req.body as { operationName?: string; variables?: { slug?: string } }
  const isBySlug = body.operationName === 'PostBySlug'
  const found = await findPosts({
    slug: isBySlug ? body.variables?.slug : undefined,
    limit: isBySlug ? 1 : 10,
    page: 1,
    hasTopics: false,
    hasDetails: false,
  })
  const docs = found.docs.map((doc) => ({
    id: doc.id,
    title: doc.title,
    slug: doc.slug,
    postedAt: doc.postedAt,
    excerpt: doc.excerpt,
    author: isPopulated(doc.author) ? { name: doc.author.name, slug: doc.author.slug } : null,
    sources: (doc.sources as unknown[])
      .filter(isPopulated)
      .map((source) => ({ name: source.name, slug: source.slug })),
  }))
  res.json({ data: { Posts: { docs, totalDocs: found.totalDocs } } })
})

/** The synonym groups last read, and when. */
let synonyms: { at: number; groups: SynonymGroup[] } | undefined

/**
 * Each topic's name and aliases as synonym groups, read at most every 30 s as the CMS reads them
 * (src/plugins/search/synonyms.ts): topics not in the trash, in their default order (by name),
 * which is the order of the alternatives in `terms`.
 */
const topicSynonyms = async (): Promise<SynonymGroup[]> => {
  if (synonyms && Date.now() - synonyms.at < SYNONYMS_TTL_MS) return synonyms.groups
  const [topics, aliases] = await Promise.all([
    query(
      `SELECT "id", "name" FROM "topics" WHERE "deleted_at" IS NULL
       ORDER BY "name", "created_at" DESC`,
    ),
    query(
      `SELECT "parent_id", "text" FROM "topics_texts" WHERE "path" = 'aliases' ORDER BY "order"`,
    ),
  ])
  const aliasesOf = groupBy(aliases, 'parent_id')
  const groups = synonymGroups(
    topics.map((topic) => ({
      name: asText(topic.name),
      aliases: (aliasesOf.get(topic.id) ?? []).map((alias) => asText(alias.text)),
    })),
  )
  synonyms = { at: Date.now(), groups }
  return groups
}

/** What a hit is made of (src/plugins/search/query.ts's `Row`). */
const INDEX_COLUMNS = `s."indexed_collection", s."doc_id", s."title", s."slug", s."text", s."date"`

/**
 * One page of the index rows matching the query, best first, and how many match: SQLite's FTS5
 * table ranked by bm25 (title 5, body 1), PostgreSQL's `search_vector` by ts_rank.
 */
const searchIndex = async ({
  match,
  limit,
  offset,
}: {
  match: SearchQuery
  limit: number
  offset: number
}) => {
  if (sql.dialect === 'sqlite') {
    const from = `"search_index_fts" JOIN "search_index" s ON s."id" = "search_index_fts"."rowid"`
    const where = `"search_index_fts" MATCH ?`
    const fts = toFts5Match(match)
    const [[count], rows] = await Promise.all([
      query(`SELECT count(*) AS "total" FROM ${from} WHERE ${where}`, [fts]),
      query(
        `SELECT ${INDEX_COLUMNS}, -bm25("search_index_fts", 5.0, 1.0) AS "score"
         FROM ${from} WHERE ${where}
         ORDER BY "score" DESC, s."date" DESC, s."id" DESC LIMIT ? OFFSET ?`,
        [fts, limit, offset],
      ),
    ])
    return { rows, totalDocs: Number(count?.total ?? 0) }
  }
  const tsquery = toTsquery(match)
  const where = `s."search_vector" @@ to_tsquery('simple', ?)`
  const [[count], rows] = await Promise.all([
    query(`SELECT count(*)::int AS "total" FROM "search_index" s WHERE ${where}`, [tsquery]),
    query(
      `SELECT ${INDEX_COLUMNS}, ts_rank(s."search_vector", to_tsquery('simple', ?), 1) AS "score"
       FROM "search_index" s WHERE ${where}
       ORDER BY "score" DESC, s."date" DESC NULLS LAST, s."id" DESC LIMIT ? OFFSET ?`,
      [tsquery, tsquery, limit, offset],
    ),
  ])
  return { rows, totalDocs: Number(count?.total ?? 0) }
}

/** `/api/search?q=&page=&limit=` as src/endpoints/search.ts answers it (no filters given). */
app.get('/api/search', async (req, res) => {
  const q = asText(req.query.q).trim()
  const limit = Number(req.query.limit ?? 10)
  const page = Number(req.query.page ?? 1)
  const match = expandSynonyms({ query: parseSearchQuery(q), groups: await topicSynonyms() })
  const { rows, totalDocs } = await searchIndex({ match, limit, offset: (page - 1) * limit })
  const phrases = queryPhrases(match)
  const totalPages = Math.max(1, Math.ceil(totalDocs / limit))
  res.json({
    query: q,
    terms: phrases.map((phrase) => phrase.join(' ')),
    filters: {},
    docs: rows.map((row) => ({
      collection: row.indexed_collection,
      id: Number(row.doc_id),
      title: row.title,
      slug: row.slug,
      date: row.date ? new Date(asText(row.date)).toISOString() : null,
      score: Math.round(Number(row.score) * 1e6) / 1e6,
      snippet: highlightSnippet({ text: asText(row.text) || asText(row.title), phrases }),
    })),
    totalDocs,
    limit,
    page,
    totalPages,
    hasNextPage: page < totalPages,
    hasPrevPage: page > 1,
  })
})

app.get('/feeds/posts.xml', async (_req, res) => {
  const { docs } = await findPosts({
    limit: FEED_SIZE,
    page: 1,
    hasTopics: true,
    hasDetails: false,
  })
  const entries: FeedEntry[] = docs.map((doc) => ({
    id: doc.id as number,
    title: asText(doc.title),
    slug: doc.slug as string,
    date: asText(doc.postedAt ?? doc.updatedAt),
    summary: doc.excerpt as string | null,
    contentHtml: doc.content
      ? convertLexicalToHTML({ data: doc.content as SerializedEditorState })
      : '',
    authorName: isPopulated(doc.author) ? (doc.author.name as string) : undefined,
    // Sources, then topics; unreadable ones (bare ids) have no name to show.
    categories: [...(doc.sources as unknown[]), ...(doc.topics as unknown[])]
      .filter(isPopulated)
      .map((named) => asText(named.name))
      .filter(Boolean),
  }))
  const serverUrl = options.serverUrl.replace(/\/+$/, '')
  const feed = buildFeed({
    title: 'Newsroom: latest posts',
    description: `Newsroom: latest posts (${FEED_SIZE} newest).`,
    serverUrl,
    siteUrl: (process.env.PUBLIC_SITE_URL?.trim() || serverUrl).replace(/\/+$/, ''),
    feedPath: '/feeds/posts',
    itemPath: 'posts',
    entries,
  })
  res.type('application/rss+xml; charset=utf-8').send(feed.rss2())
})

app.get('/healthz', (_req, res) => {
  res.json({ ok: true })
})

const server = app.listen(Number(options.port), '127.0.0.1', () => {
  console.log(`[baseline] listening on ${options.port}`)
})
process.on('SIGTERM', () => {
  server.close(() => {
    void sql.close().finally(() => process.exit(0))
  })
})
