import type { Field } from 'payload'

import { slugs } from '../slugs.ts'

/**
 * How many published, non-trashed posts name this author, cite this source or carry this topic. Computed on
 * read (never stored), so it is always current and never counts drafts.
 */
export const publishedPostCount = ({ on }: { on: 'author' | 'sources' | 'topics' }): Field => ({
  name: 'publishedPostCount',
  type: 'number',
  virtual: true,
  admin: { readOnly: true, position: 'sidebar', description: 'Published posts (computed).' },
  hooks: {
    afterRead: [
      async ({ data, req }) => {
        const id = (data as { id?: number | string } | undefined)?.id
        if (id === undefined) return undefined
        const { totalDocs } = await req.payload.count({
          collection: slugs.posts,
          where: {
            and: [
              on === 'author' ? { author: { equals: id } } : { [on]: { in: [id] } },
              { _status: { equals: 'published' } },
              { deletedAt: { exists: false } },
            ],
          },
          overrideAccess: true,
          req,
        })
        return totalDocs
      },
    ],
  },
})
