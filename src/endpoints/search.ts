import type { Endpoint, Payload, PayloadRequest } from 'payload'

import { BadRequestError } from '../../collections/errors.ts'
import { slugs } from '../../collections/slugs.ts'
import {
  expandSynonyms,
  highlightSnippet,
  MAX_QUERY_LENGTH,
  parseSearchFilters,
  parseSearchQuery,
  queryPhrases,
  SearchQueryError,
  type SearchFilters,
} from '../../lib/searchQuery.ts'
import { isLanguageCode } from '../../lib/languages.ts'
import { OBJECT_ID } from '../../lib/values.ts'
import { searchIndex, type ResolvedFilters } from '../plugins/search/query.ts'
import { topicSynonyms } from '../plugins/search/synonyms.ts'

const MAX_LIMIT = 50
/** Pages past this are refused: nobody reads them, and each costs a deeper scan. */
const MAX_PAGE = 10_000

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

/** A reader's mistake in the query or a filter becomes a 400 naming the parameter. */
const asBadRequest = <T>(read: () => T): T => {
  try {
    return read()
  } catch (err) {
    if (err instanceof SearchQueryError) throw new BadRequestError(err.message)
    throw err
  }
}

const REFERENCED = { author: slugs.authors, source: slugs.sources, topic: slugs.topics } as const

/** The id an author, source or topic filter names (an id, or a slug of a public document). */
const resolveReference = async ({
  payload,
  name,
  reference,
}: {
  payload: Payload
  name: keyof typeof REFERENCED
  reference: string
}): Promise<string> => {
  const isId =
    payload.db.defaultIDType === 'number' ? /^\d+$/.test(reference) : OBJECT_ID.test(reference)
  if (isId) return reference
  const { docs } = await payload.find({
    collection: REFERENCED[name],
    where: { slug: { equals: reference } },
    depth: 0,
    limit: 1,
    pagination: false,
    overrideAccess: false,
  })
  const found = docs[0] as { id: number | string } | undefined
  if (!found) throw new BadRequestError(`${name} "${reference}" names no ${name} (by id or slug)`)
  return String(found.id)
}

const resolveFilters = async ({
  payload,
  filters,
}: {
  payload: Payload
  filters: SearchFilters
}): Promise<ResolvedFilters> => {
  const { author, source, topic, ...rest } = filters
  const resolved: ResolvedFilters = { ...rest }
  if (author)
    resolved.authorId = await resolveReference({ payload, name: 'author', reference: author })
  if (source)
    resolved.sourceId = await resolveReference({ payload, name: 'source', reference: source })
  if (topic) resolved.topicId = await resolveReference({ payload, name: 'topic', reference: topic })
  return resolved
}

/**
 * Published posts and digests matching the query (lib/searchQuery.ts's language, topic names
 * widened to their aliases) and the filters, best first, with highlighted snippets. Reads only
 * the search index, which holds published documents only: whoever asks gets public content.
 */
export const searchPublished = async ({
  payload,
  query,
  filters = {},
  page,
  limit,
}: {
  payload: Payload
  query: string
  filters?: SearchFilters
  page: number
  limit: number
}) => {
  const parsed = asBadRequest(() => parseSearchQuery(query))
  const expanded = expandSynonyms({ query: parsed, groups: await topicSynonyms(payload) })
  const resolved = await resolveFilters({ payload, filters })
  const { hits, totalDocs } = await searchIndex({
    payload,
    query: expanded,
    filters: resolved,
    offset: (page - 1) * limit,
    limit,
  })
  const phrases = queryPhrases(expanded)
  const isNumeric = payload.db.defaultIDType === 'number'
  const docs = hits.map((hit) => ({
    collection: hit.collection,
    id: isNumeric ? Number(hit.docId) : hit.docId,
    title: hit.title,
    slug: hit.slug,
    date: hit.date,
    score: hit.score,
    snippet: highlightSnippet({ text: hit.text || hit.title, phrases }),
  }))
  const totalPages = Math.max(1, Math.ceil(totalDocs / limit))
  return {
    query,
    // Each word or phrase a match may show, as its terms (a phrase's joined by spaces).
    terms: phrases.map((phrase) => phrase.join(' ')),
    filters,
    docs,
    totalDocs,
    limit,
    page,
    totalPages,
    hasNextPage: page < totalPages,
    hasPrevPage: page > 1,
  }
}

const readQuery = (raw: string | null | undefined): string => {
  const query = (raw ?? '').trim()
  if (query.length < 2 || query.length > MAX_QUERY_LENGTH) {
    throw new BadRequestError(
      `q must be 2 to ${MAX_QUERY_LENGTH} characters, e.g. /api/search?q=giuliani`,
    )
  }
  return query
}

/**
 * `GET /api/search?q=…&page=&limit=&collection=&language=&from=&to=&author=&source=&topic=`:
 * published content only, ranked, with snippets.
 */
export const searchEndpoint: Endpoint = {
  path: '/search',
  method: 'get',
  handler: async (req) => {
    const params = req.searchParams
    const query = readQuery(params.get('q'))
    const filters = asBadRequest(() =>
      parseSearchFilters({ get: (name) => params.get(name), isLanguage: isLanguageCode }),
    )
    const result = await searchPublished({
      payload: req.payload,
      query,
      filters,
      page: numberParam({ value: params.get('page'), name: 'page', fallback: 1, max: MAX_PAGE }),
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
  const filterArgs = {
    collection: { type: GraphQL.GraphQLString },
    language: { type: GraphQL.GraphQLString },
    from: { type: GraphQL.GraphQLString },
    to: { type: GraphQL.GraphQLString },
    author: { type: GraphQL.GraphQLString },
    source: { type: GraphQL.GraphQLString },
    topic: { type: GraphQL.GraphQLString },
  }
  type Args = { q: string; page?: number | null; limit?: number | null } & {
    [name in keyof typeof filterArgs]?: string | null
  }
  return {
    search: {
      type: Results,
      args: {
        q: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLString) },
        page: { type: GraphQL.GraphQLInt },
        limit: { type: GraphQL.GraphQLInt },
        ...filterArgs,
      },
      resolve: async (_: unknown, args: Args, context: { req: PayloadRequest }) => {
        const query = readQuery(args.q)
        const page = args.page ?? 1
        const limit = args.limit ?? 10
        if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE)
          throw new BadRequestError(`page must be a whole number from 1 to ${MAX_PAGE}`)
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
          throw new BadRequestError(`limit must be a whole number from 1 to ${MAX_LIMIT}`)
        }
        const filters = asBadRequest(() =>
          parseSearchFilters({
            get: (name) => args[name as keyof typeof filterArgs],
            isLanguage: isLanguageCode,
          }),
        )
        const result = await searchPublished({
          payload: context.req.payload,
          query,
          filters,
          page,
          limit,
        })
        return { ...result, docs: result.docs.map((hit) => ({ ...hit, id: String(hit.id) })) }
      },
    },
  }
}
