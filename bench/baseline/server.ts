/**
 * The baseline the CMS is measured against: Express plus the driver Payload itself uses for the
 * database (@libsql/client for SQLite, node-postgres for PostgreSQL), answering the benchmark's
 * requests with the same JSON (and XML) from the same database, with no CMS in between.
 * Hand-written SQL, one query per table, no validation beyond what the requests need: the
 * ceiling for our stack, not a product.
 *
 * Usage: `node --import tsx bench/baseline/server.ts --database <file:PATH | postgres://…>
 *   --port <n> --server-url <url>`
 */
import { convertLexicalToHTML } from '@payloadcms/richtext-lexical/html'
import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'
import { Command } from 'commander'
import express from 'express'

import { buildFeed, FEED_SIZE, type FeedEntry } from '../../lib/feeds.ts'
import { plainText, scoreText, searchTerms, snippetOf } from '../../lib/search.ts'
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

const PUBLISHED = `"_status" = 'published' AND "deleted_at" IS NULL`
const POST_COLUMNS = `"id", "title", "slug", "author_id", "credit", "credited_writer",
  "source_published_at", "posted_at", "excerpt", "content", "updated_at", "created_at",
  "deleted_at", "_status"`
/** As in src/endpoints/search.ts: the public page cap. */
const CANDIDATES = 100

type Json = Record<string, unknown>

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ')
/** A column value as text (the drivers hand back strings, numbers or null here). */
const asText = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : ''
const json = jsonColumn

/** Authors and sources by id, in the shape the CMS's defaultPopulate gives. */
const populate = async (rows: SqlRow[]) => {
  const postIds = rows.map((row) => row.id as number)
  const authorIds = [...new Set(rows.map((row) => row.author_id).filter((id) => id !== null))]
  const rels = postIds.length
    ? await query(
        `SELECT "parent_id", "sources_id" FROM "posts_rels"
         WHERE "path" = 'sources' AND "parent_id" IN (${placeholders(postIds.length)})
         ORDER BY "parent_id", "order"`,
        postIds,
      )
    : []
  const sourceIds = [...new Set(rels.map((rel) => rel.sources_id).filter((id) => id !== null))]
  const [authors, sources] = await Promise.all([
    authorIds.length
      ? query(
          `SELECT "id", "name", "slug", "deleted_at" FROM "authors"
           WHERE "deleted_at" IS NULL AND "id" IN (${placeholders(authorIds.length)})`,
          authorIds as SqlValue[],
        )
      : [],
    sourceIds.length
      ? query(
          `SELECT "id", "name", "slug", "website", "deleted_at" FROM "sources"
           WHERE "deleted_at" IS NULL AND "id" IN (${placeholders(sourceIds.length)})`,
          sourceIds as SqlValue[],
        )
      : [],
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
  const sourcesOf = new Map<unknown, Json[]>()
  for (const rel of rels) {
    const source = sourceById.get(rel.sources_id)
    if (!source) continue
    sourcesOf.set(rel.parent_id, [...(sourcesOf.get(rel.parent_id) ?? []), source])
  }
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    slug: row.slug,
    author: row.author_id === null ? null : (authorById.get(row.author_id) ?? null),
    sources: sourcesOf.get(row.id) ?? [],
    credit: row.credit,
    creditedWriter: row.credited_writer,
    sourcePublishedAt: row.source_published_at,
    postedAt: row.posted_at,
    excerpt: row.excerpt,
    content: json(row.content),
    updatedAt: row.updated_at,
    createdAt: row.created_at,
    deletedAt: row.deleted_at,
    _status: row._status,
  }))
}

/** Published posts, newest first, with Payload's pagination fields. */
const findPosts = async ({ slug, limit, page }: { slug?: string; limit: number; page: number }) => {
  const where = slug === undefined ? PUBLISHED : `${PUBLISHED} AND "slug" = ?`
  const args: SqlValue[] = slug === undefined ? [] : [slug]
  const [rows, [{ total }]] = await Promise.all([
    query(
      `SELECT ${POST_COLUMNS} FROM "posts" WHERE ${where}
       ORDER BY "posted_at" DESC LIMIT ? OFFSET ?`,
      [...args, limit, (page - 1) * limit],
    ),
    query(`SELECT count(*) AS "total" FROM "posts" WHERE ${where}`, args),
  ])
  const totalDocs = Number(total)
  const totalPages = Math.ceil(totalDocs / limit)
  return {
    docs: await populate(rows),
    hasNextPage: page < totalPages,
    hasPrevPage: page > 1,
    limit,
    nextPage: page < totalPages ? page + 1 : null,
    page,
    pagingCounter: (page - 1) * limit + 1,
    prevPage: page > 1 ? page - 1 : null,
    totalDocs,
    totalPages,
  }
}

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
    }),
  )
})

/**
 * The benchmark's two GraphQL operations, recognised by name (no GraphQL engine here):
 * `PostList` and `PostBySlug($slug)`, answered with the fields they select.
 */
app.post('/api/graphql', async (req, res) => {
  const body = req.body as { operationName?: string; variables?: { slug?: string } }
  const isBySlug = body.operationName === 'PostBySlug'
  const found = await findPosts({
    slug: isBySlug ? body.variables?.slug : undefined,
    limit: isBySlug ? 1 : 10,
    page: 1,
  })
  const docs = found.docs.map((doc) => ({
    id: doc.id,
    title: doc.title,
    slug: doc.slug,
    postedAt: doc.postedAt,
    excerpt: doc.excerpt,
    author: doc.author ? { name: doc.author.name, slug: doc.author.slug } : null,
    sources: doc.sources.map((source) => ({ name: source.name, slug: source.slug })),
  }))
  res.json({ data: { Posts: { docs, totalDocs: found.totalDocs } } })
})

/**
 * A column containing a `%term%` pattern, as the CMS's `like` asks for it: SQLite's LIKE ignores
 * ASCII case, Payload's `like` is ILIKE on PostgreSQL; JSON columns are matched as their text
 * (SQLite stores them as text; jsonb needs the cast, which the CMS's own query lacks).
 */
const containsPattern = (column: string) =>
  sql.dialect === 'postgres' ? `${column}::text ILIKE ?` : `${column} LIKE ?`

/** Every term somewhere in the given columns. */
const termsWhere = (terms: string[], columns: string[]) => ({
  sql: terms
    .map(() => `(${columns.map((column) => containsPattern(column)).join(' OR ')})`)
    .join(' AND '),
  args: terms.flatMap((term) => columns.map(() => `%${term}%`)),
})

app.get('/api/search', async (req, res) => {
  const q = asText(req.query.q).trim()
  const terms = searchTerms(q)
  const limit = Number(req.query.limit ?? 10)
  const page = Number(req.query.page ?? 1)
  const postMatch = termsWhere(terms, ['"title"', '"excerpt"', '"content"'])
  const digestMatch = termsWhere(terms, [
    '"digests"."title"',
    '"digests"."excerpt"',
    '"digests_items"."body"',
  ])
  const [posts, digestRows] = await Promise.all([
    query(
      `SELECT "id", "title", "slug", "posted_at", "excerpt", "content" FROM "posts"
       WHERE ${PUBLISHED} AND ${postMatch.sql} ORDER BY "posted_at" DESC LIMIT ${CANDIDATES}`,
      postMatch.args,
    ),
    query(
      `SELECT DISTINCT "digests"."id", "digests"."title", "digests"."slug",
         "digests"."issue_date", "digests"."posted_at", "digests"."excerpt"
       FROM "digests" LEFT JOIN "digests_items" ON "digests_items"."_parent_id" = "digests"."id"
       WHERE "digests"."_status" = 'published' AND "digests"."deleted_at" IS NULL
         AND ${digestMatch.sql}
       ORDER BY "digests"."issue_date" DESC LIMIT ${CANDIDATES}`,
      digestMatch.args,
    ),
  ])
  const digestIds = digestRows.map((row) => row.id as number)
  const items = digestIds.length
    ? await query(
        `SELECT "_parent_id", "body" FROM "digests_items"
         WHERE "_parent_id" IN (${placeholders(digestIds.length)}) ORDER BY "_order"`,
        digestIds,
      )
    : []
  const hits = [
    ...posts.map((row) => {
      const text = {
        title: asText(row.title),
        excerpt: asText(row.excerpt),
        body: plainText(json(row.content)),
      }
      return {
        collection: 'posts',
        id: row.id,
        title: row.title,
        slug: row.slug,
        date: row.posted_at,
        score: scoreText({ text, terms }),
        snippet: snippetOf({ text: text.excerpt || text.body || text.title, terms }),
      }
    }),
    ...digestRows.map((row) => {
      const body = items
        .filter((item) => item._parent_id === row.id)
        .map((item) => plainText(json(item.body)))
        .join(' ')
      const text = { title: asText(row.title), excerpt: asText(row.excerpt), body }
      return {
        collection: 'digests',
        id: row.id,
        title: row.title,
        slug: row.slug,
        date: row.issue_date ?? row.posted_at,
        score: scoreText({ text, terms }),
        snippet: snippetOf({ text: text.excerpt || body || text.title, terms }),
      }
    }),
  ]
  const ranked = hits
    .filter((hit) => hit.score > 0)
    .sort((a, b) => b.score - a.score || Date.parse(asText(b.date)) - Date.parse(asText(a.date)))
  const totalPages = Math.max(1, Math.ceil(ranked.length / limit))
  res.json({
    query: q,
    terms,
    docs: ranked.slice((page - 1) * limit, page * limit),
    totalDocs: ranked.length,
    limit,
    page,
    totalPages,
    hasNextPage: page < totalPages,
    hasPrevPage: page > 1,
  })
})

app.get('/feeds/posts.xml', async (_req, res) => {
  const { docs } = await findPosts({ limit: FEED_SIZE, page: 1 })
  const entries: FeedEntry[] = docs.map((doc) => ({
    id: doc.id as number,
    title: asText(doc.title),
    slug: doc.slug as string,
    date: asText(doc.postedAt ?? doc.updatedAt),
    summary: doc.excerpt as string | null,
    contentHtml: doc.content
      ? convertLexicalToHTML({ data: doc.content as SerializedEditorState })
      : '',
    authorName: doc.author?.name as string | undefined,
    categories: doc.sources.map((source) => String(source.name)),
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
