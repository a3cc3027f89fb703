import type { Endpoint, FlattenedField, SanitizedCollectionConfig } from 'payload'

import { isPublicCollection, slugs } from '../../collections/slugs.ts'
import { LANGUAGES } from '../../lib/languages.ts'
import { FEED_SIZE } from '../../lib/feeds.ts'

type Schema = Record<string, unknown>

/** The schema name of a public collection (`posts` → `Post`, `media` → `Media`), or undefined. */
const schemaNameOf = (slug: string): string | undefined => {
  if (!isPublicCollection(slug)) return undefined
  const singular = slug.endsWith('s') ? slug.slice(0, -1) : slug
  return singular[0].toUpperCase() + singular.slice(1)
}

/** Fields anonymous readers never get: staff-only read access or hidden. */
const isPublicField = (field: FlattenedField) =>
  !('hidden' in field && field.hidden) && !field.access?.read && field.name !== 'workflowNote'

const ref = (slug: string): Schema => {
  const name = schemaNameOf(slug)
  return name ? { $ref: `#/components/schemas/${name}` } : { type: 'object' }
}

const idSchema: Schema = { oneOf: [{ type: 'integer' }, { type: 'string' }] }

const schemaOf = (field: FlattenedField): Schema => {
  const nullable = (schema: Schema): Schema => ({ oneOf: [schema, { type: 'null' }] })
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'code':
      return nullable({ type: 'string' })
    case 'select':
    case 'radio':
      return nullable({
        type: 'string',
        enum: field.options.map((option) => (typeof option === 'string' ? option : option.value)),
      })
    case 'number':
      return nullable({ type: 'number' })
    case 'checkbox':
      return { type: 'boolean' }
    case 'date':
      return nullable({ type: 'string', format: 'date-time' })
    case 'richText':
    case 'json':
      return nullable({ type: 'object', description: 'Lexical rich text (JSON)' })
    case 'point':
      return nullable({ type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 })
    case 'relationship':
    case 'upload': {
      const target =
        typeof field.relationTo === 'string' ? ref(field.relationTo) : { type: 'object' }
      const one: Schema = {
        oneOf: [idSchema, target, { type: 'null' }],
        description: 'An id, or the document when populated (depth ≥ 1)',
      }
      return 'hasMany' in field && field.hasMany ? { type: 'array', items: one } : one
    }
    case 'array':
      return { type: 'array', items: objectOf(field.flattenedFields) }
    case 'group':
    case 'tab':
      return objectOf(field.flattenedFields)
    default:
      return {}
  }
}

const objectOf = (fields: FlattenedField[]): Schema => ({
  type: 'object',
  properties: Object.fromEntries(
    fields.filter(isPublicField).map((field) => [field.name, schemaOf(field)]),
  ),
})

const documentSchema = (collection: SanitizedCollectionConfig): Schema => {
  const schema = objectOf(collection.flattenedFields)
  const properties = schema.properties as Record<string, Schema>
  properties.id = idSchema
  properties.createdAt = { type: 'string', format: 'date-time' }
  properties.updatedAt = { type: 'string', format: 'date-time' }
  return { ...schema, required: ['id'] }
}

const parameter = (name: string, description: string, schema: Schema, where = 'query') => ({
  name,
  in: where,
  description,
  schema,
})

const LIST_PARAMETERS = [
  parameter(
    'where',
    'Filters, e.g. where[author.slug][equals]=ali-alavi or where[postedAt][greater_than]=2019-10-01',
    { type: 'object' },
  ),
  parameter('sort', 'Field to sort by; prefix with - for descending, e.g. -postedAt', {
    type: 'string',
  }),
  parameter('limit', 'Page size (anonymous callers: at most 100; default 10)', {
    type: 'integer',
    minimum: 1,
    maximum: 100,
  }),
  parameter('page', 'Page number, from 1', { type: 'integer', minimum: 1 }),
  parameter('depth', 'How deep relationships are populated (anonymous callers: at most 2)', {
    type: 'integer',
    minimum: 0,
    maximum: 2,
  }),
  parameter('select', 'Fields to return, e.g. select[title]=true', { type: 'object' }),
]

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Errors' } } },
})

/** The OpenAPI 3.1 description of the public read API, built from the collection configs. */
export const buildOpenApi = ({
  collections,
  serverUrl,
}: {
  collections: SanitizedCollectionConfig[]
  serverUrl: string
}) => {
  const schemas: Record<string, Schema> = {
    Errors: {
      type: 'object',
      properties: {
        errors: {
          type: 'array',
          items: {
            type: 'object',
            properties: { message: { type: 'string' } },
            required: ['message'],
          },
        },
      },
    },
  }
  const paths: Record<string, unknown> = {}
  for (const collection of collections.filter((c) => isPublicCollection(c.slug))) {
    const name = schemaNameOf(collection.slug) as string
    schemas[name] = documentSchema(collection)
    schemas[`${name}Page`] = {
      type: 'object',
      properties: {
        docs: { type: 'array', items: { $ref: `#/components/schemas/${name}` } },
        totalDocs: { type: 'integer' },
        limit: { type: 'integer' },
        page: { type: 'integer' },
        totalPages: { type: 'integer' },
        hasNextPage: { type: 'boolean' },
        hasPrevPage: { type: 'boolean' },
      },
    }
    paths[`/api/${collection.slug}`] = {
      get: {
        summary: `List published ${collection.slug}`,
        tags: [collection.slug],
        parameters: LIST_PARAMETERS,
        responses: {
          200: {
            description: 'A page of documents',
            content: {
              'application/json': { schema: { $ref: `#/components/schemas/${name}Page` } },
            },
          },
          400: errorResponse('A malformed parameter; the message names it'),
        },
      },
    }
    paths[`/api/${collection.slug}/{id}`] = {
      get: {
        summary: `One published ${name.toLowerCase()}`,
        tags: [collection.slug],
        parameters: [
          parameter('id', 'Document id', idSchema, 'path'),
          LIST_PARAMETERS[4],
          LIST_PARAMETERS[5],
        ].map((p) => ({ ...p, required: p.in === 'path' })),
        responses: {
          200: {
            description: 'The document',
            content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } },
          },
          404: errorResponse('No published document with this id'),
        },
      },
    }
  }
  const redirectList = paths[`/api/${slugs.redirects}`] as
    { get?: Record<string, unknown> } | undefined
  if (redirectList?.get) {
    redirectList.get = {
      ...redirectList.get,
      summary: 'List redirects, or look up the one for a path',
      description:
        'With `path`, answers the redirect itself: its status (301 unless stored otherwise), a `Location` header and `{ from, to, statusCode }`; 404 when there is none. Fetch it with `redirect: "manual"`.',
      parameters: [
        parameter('path', 'A site path to look up, e.g. /posts/old-slug (query string kept)', {
          type: 'string',
        }),
        ...LIST_PARAMETERS,
      ],
      responses: {
        ...(redirectList.get.responses as Record<string, unknown>),
        301: {
          description: 'With `path`: the redirect (or 302, 307, 308 as stored)',
          headers: { Location: { schema: { type: 'string' } } },
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  from: { type: 'string' },
                  to: { type: 'string' },
                  statusCode: { type: 'integer', enum: [301, 302, 307, 308] },
                },
                required: ['from', 'to', 'statusCode'],
              },
            },
          },
        },
        404: errorResponse('With `path`: no redirect for it'),
      },
    }
  }
  paths['/api/search'] = {
    get: {
      summary: 'Search published posts and digests',
      tags: ['search'],
      parameters: [
        {
          ...parameter(
            'q',
            'Words to find (all must appear), "a phrase", a OR b, -excluded; topic aliases count as the topic. 2 to 200 characters',
            {
              type: 'string',
              minLength: 2,
              maxLength: 200,
            },
          ),
          required: true,
        },
        parameter('limit', 'Page size', { type: 'integer', minimum: 1, maximum: 50 }),
        parameter('page', 'Page number', { type: 'integer', minimum: 1, maximum: 10_000 }),
        parameter('collection', 'Only posts or only digests', {
          type: 'string',
          enum: ['posts', 'digests'],
        }),
        parameter('language', 'Language code, e.g. en or fa', {
          type: 'string',
          enum: LANGUAGES.map((language) => language.code),
        }),
        parameter('from', 'First day, YYYY-MM-DD', { type: 'string', format: 'date' }),
        parameter('to', 'Last day (included), YYYY-MM-DD', { type: 'string', format: 'date' }),
        parameter('author', 'Author id or slug', { type: 'string' }),
        parameter('source', 'Source id or slug', { type: 'string' }),
        parameter('topic', 'Topic id or slug', { type: 'string' }),
      ],
      responses: {
        200: { description: 'Ranked results with highlighted snippets' },
        400: errorResponse('A missing or malformed parameter'),
      },
    },
  }
  for (const [path, summary] of [
    ['/feeds/posts.{format}', `The ${FEED_SIZE} newest published posts`],
    ['/feeds/digests.{format}', `The ${FEED_SIZE} newest published digests`],
    ['/feeds/authors/{slug}.{format}', 'The newest published posts by one author'],
    ['/feeds/sources/{slug}.{format}', 'The newest published posts citing one source'],
  ] as const) {
    paths[path] = {
      get: {
        summary,
        tags: ['feeds'],
        parameters: [
          {
            ...parameter(
              'format',
              'xml (RSS 2.0), atom or json (JSON Feed)',
              { type: 'string', enum: ['xml', 'atom', 'json'] },
              'path',
            ),
            required: true,
          },
          ...(path.includes('{slug}')
            ? [
                {
                  ...parameter('slug', 'Author or source slug', { type: 'string' }, 'path'),
                  required: true,
                },
              ]
            : []),
        ],
        responses: { 200: { description: 'The feed' }, 404: errorResponse('No such feed') },
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Newsroom CMS public API',
      version: '1.0.0',
      description:
        'Read-only access to published content. Drafts, staff-only fields and users are never served to anonymous callers. GraphQL is at /api/graphql.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: { schemas },
  }
}

/** `GET /api/openapi.json`. */
export const openApiEndpoint: Endpoint = {
  path: '/openapi.json',
  method: 'get',
  handler: (req) =>
    Response.json(
      buildOpenApi({
        collections: req.payload.config.collections,
        serverUrl: req.payload.config.serverURL,
      }),
      {
        headers: { 'cache-control': 'public, max-age=300' },
      },
    ),
}
