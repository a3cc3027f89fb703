import type { Payload } from 'payload'

import { slugs } from '../../../collections/slugs.ts'
import {
  toFts5Match,
  toMongoText,
  toTsquery,
  type SearchFilters,
  type SearchQuery,
} from '../../../lib/searchQuery.ts'
import { dependOnEverything } from '../responseCache/dependencies.ts'

/** Filters with author, source and topic resolved to ids. */
export type ResolvedFilters = Omit<SearchFilters, 'author' | 'source' | 'topic'> & {
  authorId?: string
  sourceId?: string
  topicId?: string
}

/** One row of the index that matched, with its relevance (higher is better). */
export type IndexHit = {
  collection: 'posts' | 'digests'
  docId: string
  title: string
  slug: string | null
  text: string
  date: string | null
  score: number
}

export type IndexPage = { hits: IndexHit[]; totalDocs: number }

type Args = {
  payload: Payload
  query: SearchQuery
  filters: ResolvedFilters
  offset: number
  limit: number
}

/** The day after `day` (YYYY-MM-DD), at midnight UTC: `to` includes its whole day. */
const dayAfter = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString()

const dayStart = (day: string): string => `${day}T00:00:00.000Z`

const isoDate = (value: unknown): string | null => {
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'string' && value) return new Date(value).toISOString()
  return null
}

type Row = {
  indexed_collection: string
  doc_id: string
  title: string
  slug: string | null
  text: string | null
  date: unknown
  score: unknown
}

const hitOf = (row: Row): IndexHit => ({
  collection: row.indexed_collection as IndexHit['collection'],
  docId: String(row.doc_id),
  title: row.title,
  slug: row.slug,
  text: row.text ?? '',
  date: isoDate(row.date),
  score: Math.round(Number(row.score) * 1e6) / 1e6,
})

type SqlTag = typeof import('@payloadcms/db-sqlite').sql

/** The SQL conditions of the filters, on the index table aliased `s`. */
const filterSql = (sql: SqlTag, filters: ResolvedFilters) => {
  const parts = []
  if (filters.collection) parts.push(sql`s.indexed_collection = ${filters.collection}`)
  if (filters.language) parts.push(sql`s.language = ${filters.language}`)
  if (filters.from) parts.push(sql`s.date >= ${dayStart(filters.from)}`)
  if (filters.to) parts.push(sql`s.date < ${dayAfter(filters.to)}`)
  if (filters.authorId) parts.push(sql`s.author_ids like ${`% ${filters.authorId} %`}`)
  if (filters.sourceId) parts.push(sql`s.source_ids like ${`% ${filters.sourceId} %`}`)
  if (filters.topicId) parts.push(sql`s.topic_ids like ${`% ${filters.topicId} %`}`)
  return parts.length === 0 ? sql`` : sql` and ${sql.join(parts, sql` and `)}`
}

/**
 * SQLite: the FTS5 table `search_index_fts` (kept in step with `search_index` by triggers, see
 * the `search_index` migration), ranked by bm25 with the title weighing 5 times the body.
 */
const searchSqlite = async ({ payload, query, filters, offset, limit }: Args) => {
  const { sql } = await import('@payloadcms/db-sqlite')
  const db = (payload.db as unknown as { drizzle: { all: (query: unknown) => Promise<unknown[]> } })
    .drizzle
  const match = toFts5Match(query)
  const where = sql`search_index_fts match ${match}${filterSql(sql, filters)}`
  const from = sql`search_index_fts join search_index s on s.id = search_index_fts.rowid`
  const [count] = (await db.all(sql`select count(*) as total from ${from} where ${where}`)) as {
    total: number
  }[]
  const rows = (await db.all(
    sql`select s.indexed_collection, s.doc_id, s.title, s.slug, s.text, s.date,
      -bm25(search_index_fts, 5.0, 1.0) as score
      from ${from} where ${where}
      order by score desc, s.date desc, s.id desc limit ${limit} offset ${offset}`,
  )) as Row[]
  return { hits: rows.map(hitOf), totalDocs: Number(count?.total ?? 0) }
}

/**
 * PostgreSQL: the generated `search_vector` column (title weight A, body B) and its GIN index,
 * ranked by ts_rank (length-normalised).
 */
const searchPostgres = async ({ payload, query, filters, offset, limit }: Args) => {
  const { sql } = await import('@payloadcms/db-postgres')
  const db = (
    payload.db as unknown as {
      drizzle: { execute: (query: unknown) => Promise<{ rows: unknown[] }> }
    }
  ).drizzle
  const tsquery = sql`to_tsquery('simple', ${toTsquery(query)})`
  const where = sql`s.search_vector @@ ${tsquery}${filterSql(sql, filters)}`
  const count = await db.execute(
    sql`select count(*)::int as total from search_index s where ${where}`,
  )
  const rows = await db.execute(
    sql`select s.indexed_collection, s.doc_id, s.title, s.slug, s.text, s.date,
      ts_rank(s.search_vector, ${tsquery}, 1) as score
      from search_index s where ${where}
      order by score desc, s.date desc nulls last, s.id desc limit ${limit} offset ${offset}`,
  )
  return {
    hits: (rows.rows as Row[]).map(hitOf),
    totalDocs: Number((count.rows[0] as { total: number } | undefined)?.total ?? 0),
  }
}

type MongoModel = {
  collection: { createIndex: (spec: object, options: object) => Promise<unknown> }
  countDocuments: (filter: object) => Promise<number>
  find: (
    filter: object,
    projection: object,
  ) => {
    sort: (sort: object) => {
      skip: (n: number) => { limit: (n: number) => { lean: () => Promise<unknown[]> } }
    }
  }
}

const mongoModel = (payload: Payload): MongoModel =>
  (payload.db as unknown as { collections: Record<string, MongoModel> }).collections[
    slugs.searchIndex
  ]

/** MongoDB: the text index on the terms (made at start), weighted 5 to 1 for the title. */
export const ensureMongoTextIndex = async (payload: Payload): Promise<void> => {
  await mongoModel(payload).collection.createIndex(
    { titleTerms: 'text', bodyTerms: 'text' },
    { name: 'search_text', weights: { titleTerms: 5, bodyTerms: 1 }, default_language: 'none' },
  )
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * MongoDB: `$text` finds and ranks documents with any term; the stored terms then must hold
 * every clause and no exclusion (regular expressions, lib/searchQuery.ts's toMongoText).
 */
const searchMongo = async ({ payload, query, filters, offset, limit }: Args) => {
  const text = toMongoText(query)
  const inTerms = (pattern: string) => ({
    $or: [{ titleTerms: { $regex: pattern } }, { bodyTerms: { $regex: pattern } }],
  })
  const and: object[] = text.required.map(inTerms)
  if (filters.collection) and.push({ indexedCollection: filters.collection })
  if (filters.language) and.push({ language: filters.language })
  if (filters.from) and.push({ date: { $gte: new Date(dayStart(filters.from)) } })
  if (filters.to) and.push({ date: { $lt: new Date(dayAfter(filters.to)) } })
  const ids = {
    authorIds: filters.authorId,
    sourceIds: filters.sourceId,
    topicIds: filters.topicId,
  }
  for (const [field, id] of Object.entries(ids)) {
    if (id) and.push({ [field]: { $regex: ` ${escapeRegex(id)} ` } })
  }
  const filter = {
    $text: { $search: text.search },
    $and: and,
    ...(text.excluded.length > 0 ? { $nor: text.excluded.map(inTerms) } : {}),
  }
  const model = mongoModel(payload)
  const [totalDocs, docs] = await Promise.all([
    model.countDocuments(filter),
    model
      .find(filter, {
        indexedCollection: 1,
        docId: 1,
        title: 1,
        slug: 1,
        text: 1,
        date: 1,
        score: { $meta: 'textScore' },
      })
      .sort({ score: { $meta: 'textScore' }, date: -1 })
      .skip(offset)
      .limit(limit)
      .lean(),
  ])
  const hits = (docs as Record<string, unknown>[]).map((doc) =>
    hitOf({
      indexed_collection: doc.indexedCollection as string,
      doc_id: doc.docId as string,
      title: doc.title as string,
      slug: (doc.slug as string | undefined) ?? null,
      text: (doc.text as string | undefined) ?? '',
      date: doc.date,
      score: doc.score,
    }),
  )
  return { hits, totalDocs }
}

/** One page of the documents matching `query` and `filters`, best first, and how many match. */
export const searchIndex = (args: Args): Promise<IndexPage> => {
  // The index is read beside Payload's adapter: a cached answer depends on every write.
  dependOnEverything()
  if (args.payload.db.name === 'sqlite') return searchSqlite(args)
  if (args.payload.db.name === 'postgres') return searchPostgres(args)
  return searchMongo(args)
}
