/** The benchmark's requests, identical for the CMS and the baseline server. */
import type { Target } from './results.ts'

export type BenchRequest = {
  method: 'GET' | 'POST'
  path: string
  headers?: Record<string, string>
  body?: string
}

const LIST_FIELDS = 'id title slug postedAt excerpt author { name slug } sources { name slug }'

const graphql = (operationName: string, query: string, variables?: Record<string, unknown>) => ({
  method: 'POST' as const,
  path: '/api/graphql',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ operationName, query, variables }),
})

/** Inputs that vary between requests: slugs and search words drawn from the dataset. */
export type RequestInputs = { slugs: string[]; words: string[] }

/**
 * The request for `target`; `index` picks the slug or word, so a run walks through many
 * different documents instead of hitting one.
 */
export const requestFor = (target: Target, inputs: RequestInputs, index: number): BenchRequest => {
  const slug = inputs.slugs[index % inputs.slugs.length]
  switch (target) {
    case 'restList':
      return { method: 'GET', path: '/api/posts?limit=10&sort=-postedAt&depth=1' }
    case 'restBySlug':
      return {
        method: 'GET',
        path: `/api/posts?where[slug][equals]=${encodeURIComponent(slug)}&limit=1&depth=1`,
      }
    case 'graphqlList':
      return graphql(
        'PostList',
        `query PostList { Posts(limit: 10, sort: "-postedAt") { docs { ${LIST_FIELDS} } totalDocs } }`,
      )
    case 'graphqlBySlug':
      return graphql(
        'PostBySlug',
        `query PostBySlug($slug: String!) { Posts(where: { slug: { equals: $slug } }, limit: 1) { docs { ${LIST_FIELDS} } totalDocs } }`,
        { slug },
      )
    case 'search': {
      const word = inputs.words[index % inputs.words.length]
      const second = inputs.words[(index * 7 + 3) % inputs.words.length]
      return { method: 'GET', path: `/api/search?q=${encodeURIComponent(`${word} ${second}`)}` }
    }
    case 'feed':
      return { method: 'GET', path: '/feeds/posts.xml' }
  }
}
