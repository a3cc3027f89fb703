import type { Endpoint, Payload, PayloadRequest, Where } from 'payload'

import { slugs } from '../../collections/slugs.ts'
import {
  MAX_PUBLIC_LIMIT,
  UNCOUNTED_PUBLIC_READ,
} from '../../collections/hooks/publicReadLimits.ts'
import { BadRequestError } from '../../collections/errors.ts'
import { plainText, scoreText, searchTerms, snippetOf, type SearchText } from '../../lib/search.ts'

/**
 * Candidates read per collection before ranking: the newest matches, as many as a public
 * reader may ask for in one page (search reads as a public reader).
 */
const CANDIDATES = MAX_PUBLIC_LIMIT
const MAX_LIMIT = 50

type Hit = {
  collection: 'posts' | 'digests'
  id: number | string
  title: string
  slug?: string | null
  date?: string | null
  score: number
  snippet: string
}

const numberParam = ({
  value,
  name,
  fallback,
  max,
}: {
  value: string | null
  name: string
  fallback: number
  max: number
}) => {
  if (value === null || value === '') return fallback
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1 || number > max) {
    throw new BadRequestError(`${name} must be a whole number from 1 to ${max}`)
  }
  return number
}

const matching = (terms: string[], fields: string[]): Where => ({
  and: terms.map((term) => ({ or: fields.map((field) => ({ [field]: { like: term } })) })),
})

/** Published posts and digests containing every term, ranked and with highlighted snippets. */
export const searchPublished = async ({
  payload,
  query,
  page,
  limit,
}: {
  payload: Payload
  query: string
  page: number
  limit: number
}) => {
  const terms = searchTerms(query)
  if (terms.length === 0) {
    throw new BadRequestError('q must contain a word of at least 2 letters or digits')
  }
  // Read as an anonymous visitor, whoever asks: search results are public content only.
  const [posts, digests] = await Promise.all([
    payload.find({
      collection: slugs.posts,
      where: matching(terms, ['title', 'excerpt', 'content']),
      // Only what ranking and a hit need: no relationships, no workflow or import fields.
      select: { title: true, slug: true, excerpt: true, content: true, postedAt: true },
      limit: CANDIDATES,
      depth: 0,
      overrideAccess: false,
      // No total needed: skips a second full scan of every match.
      pagination: false,
      context: { [UNCOUNTED_PUBLIC_READ]: true },
    }),
    payload.find({
      collection: slugs.digests,
      where: matching(terms, ['title', 'excerpt', 'items.body']),
      select: {
        title: true,
        slug: true,
        excerpt: true,
        items: { body: true },
        issueDate: true,
        postedAt: true,
      },
      limit: CANDIDATES,
      depth: 0,
      overrideAccess: false,
      // No total needed: skips a second full scan of every match.
      pagination: false,
      context: { [UNCOUNTED_PUBLIC_READ]: true },
    }),
  ])
  const hits: Hit[] = []
  for (const doc of posts.docs) {
    const text: SearchText = {
      title: doc.title,
      excerpt: doc.excerpt ?? '',
      body: plainText(doc.content),
    }
    hits.push({
      collection: 'posts',
      id: doc.id,
      title: doc.title,
      slug: doc.slug,
      date: doc.postedAt,
      score: scoreText({ text, terms }),
      snippet: snippetOf({ text: text.excerpt || text.body || text.title, terms }),
    })
  }
  for (const doc of digests.docs) {
    const body = (doc.items ?? []).map((item) => plainText(item.body)).join(' ')
    const text: SearchText = { title: doc.title, excerpt: doc.excerpt ?? '', body }
    hits.push({
      collection: 'digests',
      id: doc.id,
      title: doc.title,
      slug: doc.slug,
      date: doc.issueDate ?? doc.postedAt,
      score: scoreText({ text, terms }),
      snippet: snippetOf({ text: text.excerpt || body || text.title, terms }),
    })
  }
  const ranked = hits
    .filter((hit) => hit.score > 0)
    .sort((a, b) => b.score - a.score || Date.parse(b.date ?? '') - Date.parse(a.date ?? ''))
  const totalDocs = ranked.length
  const totalPages = Math.max(1, Math.ceil(totalDocs / limit))
  return {
    query,
    terms,
    docs: ranked.slice((page - 1) * limit, page * limit),
    totalDocs,
    limit,
    page,
    totalPages,
    hasNextPage: page < totalPages,
    hasPrevPage: page > 1,
  }
}

/** `GET /api/search?q=…&page=&limit=`: published content only, ranked, with snippets. */
export const searchEndpoint: Endpoint = {
  path: '/search',
  method: 'get',
  handler: async (req) => {
    const params = req.searchParams
    const query = (params.get('q') ?? '').trim()
    if (query.length < 2 || query.length > 200) {
      throw new BadRequestError('q must be 2 to 200 characters, e.g. /api/search?q=giuliani')
    }
    const result = await searchPublished({
      payload: req.payload,
      query,
      page: numberParam({ value: params.get('page'), name: 'page', fallback: 1, max: 10_000 }),
      limit: numberParam({
        value: params.get('limit'),
        name: 'limit',
        fallback: 10,
        max: MAX_LIMIT,
      }),
    })
    return Response.json(result)
  },
}

type GraphQLModule = typeof import('graphql')

/** The GraphQL twin of /api/search: `search(q: String!, page: Int, limit: Int)`. */
export const searchGraphQLQuery = (GraphQL: GraphQLModule) => {
  const Hit = new GraphQL.GraphQLObjectType({
    name: 'SearchHit',
    fields: {
      collection: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLString) },
      id: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLString) },
      title: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLString) },
      slug: { type: GraphQL.GraphQLString },
      date: { type: GraphQL.GraphQLString },
      score: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLFloat) },
      snippet: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLString) },
    },
  })
  const Results = new GraphQL.GraphQLObjectType({
    name: 'SearchResults',
    fields: {
      docs: { type: new GraphQL.GraphQLList(Hit) },
      totalDocs: { type: GraphQL.GraphQLInt },
      page: { type: GraphQL.GraphQLInt },
      limit: { type: GraphQL.GraphQLInt },
      totalPages: { type: GraphQL.GraphQLInt },
      hasNextPage: { type: GraphQL.GraphQLBoolean },
      hasPrevPage: { type: GraphQL.GraphQLBoolean },
    },
  })
  return {
    search: {
      type: Results,
      args: {
        q: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLString) },
        page: { type: GraphQL.GraphQLInt },
        limit: { type: GraphQL.GraphQLInt },
      },
      resolve: async (
        _: unknown,
        args: { q: string; page?: number | null; limit?: number | null },
        context: { req: PayloadRequest },
      ) => {
        const query = args.q.trim()
        if (query.length < 2 || query.length > 200)
          throw new BadRequestError('q must be 2 to 200 characters')
        const page = args.page ?? 1
        const limit = args.limit ?? 10
        if (!Number.isInteger(page) || page < 1)
          throw new BadRequestError('page must be a whole number from 1 up')
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
          throw new BadRequestError(`limit must be a whole number from 1 to ${MAX_LIMIT}`)
        }
        const result = await searchPublished({ payload: context.req.payload, query, page, limit })
        return { ...result, docs: result.docs.map((hit) => ({ ...hit, id: String(hit.id) })) }
      },
    },
  }
}
