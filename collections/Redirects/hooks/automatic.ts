import type { CollectionAfterChangeHook, PayloadRequest } from 'payload'

import { documentPath, hasPublicPage, type PagedCollection } from '../../../lib/publicPaths.ts'
import type { RedirectKind } from '../../../lib/redirects.ts'
import { publishedSlugChange } from '../../hooks/publishedSlugChange.ts'
import { slugs } from '../../slugs.ts'

/**
 * Stores `from` → `to` (updating the redirect from `from` if there is one), in the request's
 * transaction. The collection's hooks collapse chains through it. Returns what was done.
 */
export const saveRedirect = async ({
  req,
  from,
  to,
  kind,
  document,
}: {
  req: PayloadRequest
  from: string
  to: string
  kind: RedirectKind
  document?: { relationTo: PagedCollection; value: number | string }
}): Promise<'created' | 'updated' | 'unchanged'> => {
  const { docs } = await req.payload.find({
    collection: slugs.redirects,
    where: { from: { equals: from } },
    depth: 0,
    limit: 1,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const existing = docs[0]
  // Ids are numbers on SQL and strings on MongoDB; the generated type knows only the former.
  const data = { from, to, kind, ...(document ? { document: document as never } : {}) }
  if (!existing) {
    await req.payload.create({
      collection: slugs.redirects,
      data: { ...data, statusCode: 301 },
      depth: 0,
      overrideAccess: true,
      req,
    })
    return 'created'
  }
  if (existing.to === to && existing.kind === kind) return 'unchanged'
  await req.payload.update({
    collection: slugs.redirects,
    id: existing.id,
    data,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return 'updated'
}

/**
 * After a published page's slug changed (see `publishedSlugChange`): its old path redirects to
 * the new one (chains through the old path collapsed), and a redirect from the new path is
 * deleted, since that page exists again (renaming back to an earlier slug is then no loop).
 * Runs in the write's transaction; doing it twice changes nothing.
 */
export const redirectOnSlugChange: CollectionAfterChangeHook = async ({
  collection,
  doc,
  previousDoc,
  operation,
  req,
}) => {
  if (!hasPublicPage(collection.slug)) return doc as unknown
  const change = await publishedSlugChange({ req, collection, doc, previousDoc, operation })
  if (!change) return doc as unknown
  const id = (doc as { id: number | string }).id
  const from = documentPath({ collection: collection.slug, slug: change.from })
  const to = documentPath({ collection: collection.slug, slug: change.to })
  await req.payload.delete({
    collection: slugs.redirects,
    where: { from: { equals: to } },
    depth: 0,
    overrideAccess: true,
    req,
  })
  await saveRedirect({
    req,
    from,
    to,
    kind: 'automatic',
    document: { relationTo: collection.slug, value: id },
  })
  return doc as unknown
}
