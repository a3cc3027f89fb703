/**
 * The search /api/search ran until issue 17 (src/endpoints/search.ts at 010a689), kept so that
 * bench/search.ts can measure the full-text index against it on the same data: every term as a
 * substring of the title, excerpt or body (`like`), the 100 newest matches of each collection
 * read through the Local API as a public reader, then ranked and cut to a page in memory.
 */
import type { Payload, Where } from 'payload'

import { slugs } from '../../collections/slugs.ts'
import {
  MAX_PUBLIC_LIMIT,
  UNCOUNTED_PUBLIC_READ,
} from '../../collections/hooks/publicReadLimits.ts'
import { plainText, scoreText, searchTerms, snippetOf, type SearchText } from '../../lib/search.ts'

const matching = (terms: string[], fields: string[]): Where => ({
  and: terms.map((term) => ({ or: fields.map((field) => ({ [field]: { like: term } })) })),
})

type Hit = { collection: string; id: number | string; score: number; date?: string | null }

export const substringSearch = async ({
  payload,
  query,
  limit,
}: {
  payload: Payload
  query: string
  limit: number
}): Promise<{ docs: Hit[]; totalDocs: number }> => {
  const terms = searchTerms(query)
  const read = { limit: MAX_PUBLIC_LIMIT, depth: 0, overrideAccess: false, pagination: false }
  const context = { [UNCOUNTED_PUBLIC_READ]: true }
  const [posts, digests] = await Promise.all([
    payload.find({
      ...read,
      context,
      collection: slugs.posts,
      where: matching(terms, ['title', 'excerpt', 'content']),
      select: { title: true, slug: true, excerpt: true, content: true, postedAt: true },
    }),
    payload.find({
      ...read,
      context,
      collection: slugs.digests,
      where: matching(terms, ['title', 'excerpt', 'items.body']),
      select: { title: true, slug: true, excerpt: true, items: { body: true }, postedAt: true },
    }),
  ])
  const hits: (Hit & { snippet: string })[] = []
  for (const doc of posts.docs) {
    const text: SearchText = {
      title: doc.title,
      excerpt: doc.excerpt ?? '',
      body: plainText(doc.content),
    }
    hits.push({
      collection: 'posts',
      id: doc.id,
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
      date: doc.postedAt,
      score: scoreText({ text, terms }),
      snippet: snippetOf({ text: text.excerpt || body || text.title, terms }),
    })
  }
  const ranked = hits
    .filter((hit) => hit.score > 0)
    .sort((a, b) => b.score - a.score || Date.parse(b.date ?? '') - Date.parse(a.date ?? ''))
  return { docs: ranked.slice(0, limit), totalDocs: ranked.length }
}
