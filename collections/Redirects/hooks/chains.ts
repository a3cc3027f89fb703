import {
  ValidationError,
  type CollectionAfterChangeHook,
  type CollectionBeforeChangeHook,
  type PayloadRequest,
} from 'payload'

import {
  isAbsoluteUrl,
  MAX_CHAIN_HOPS,
  redirectsToRewrite,
  resolveTarget,
  type RedirectRow,
} from '../../../lib/redirects.ts'
import { slugs } from '../../slugs.ts'

type StoredRedirect = RedirectRow & { id: number | string }

const withoutFragment = (to: string): string => to.split('#')[0]

/** The stored redirect from exactly `from`, if any. */
const redirectFrom = async ({
  req,
  from,
}: {
  req: PayloadRequest
  from: string
}): Promise<StoredRedirect | undefined> => {
  const { docs } = await req.payload.find({
    collection: slugs.redirects,
    where: { from: { equals: from } },
    select: { from: true, to: true },
    depth: 0,
    limit: 1,
    pagination: false,
    overrideAccess: true,
    req,
  })
  return docs[0]
}

/**
 * The stored redirects met by following `to` (B→C, C→D…), at most one more than a chain may
 * have, stopping where none continues, off-site, at `from` or where one was already met.
 */
const chainFrom = async ({
  req,
  from,
  to,
}: {
  req: PayloadRequest
  from: string
  to: string
}): Promise<RedirectRow[]> => {
  const chain: RedirectRow[] = []
  const seen = new Set([from])
  let current = to
  for (let hop = 0; hop <= MAX_CHAIN_HOPS; hop += 1) {
    const key = withoutFragment(current)
    if (isAbsoluteUrl(current) || seen.has(key)) break
    seen.add(key)
    const next = await redirectFrom({ req, from: key })
    if (!next) break
    chain.push({ from: next.from, to: next.to })
    current = next.to
  }
  return chain
}

/**
 * Before a redirect is stored: its `to` becomes the end of the chain it starts (A→B with B→C
 * stored is stored as A→C), and one that leads back to its own `from` is refused (400 naming
 * `to`). `from` and `to` are already normalised by their fields' hooks.
 */
export const collapseChain: CollectionBeforeChangeHook = async ({
  collection,
  data,
  originalDoc,
  req,
}) => {
  const incoming = data as Partial<RedirectRow>
  const original = originalDoc as Partial<RedirectRow> | undefined
  const from = incoming.from ?? original?.from
  const to = incoming.to ?? original?.to
  if (typeof from !== 'string' || typeof to !== 'string') return data
  const existing = await chainFrom({ req, from, to })
  const resolved = resolveTarget({ from, to, existing })
  if (resolved.problem !== undefined) {
    throw new ValidationError({
      collection: collection.slug,
      errors: [{ path: 'to', message: `"to" ${resolved.problem}` }],
      req,
    })
  }
  return { ...data, to: resolved.value }
}

/**
 * After a redirect B→C is stored: every redirect that pointed at B (X→B) now points at C, so
 * readers of X get one hop, not two.
 */
export const rewriteChainsInto: CollectionAfterChangeHook = async ({ doc, req }) => {
  const saved = doc as StoredRedirect
  const { docs } = await req.payload.find({
    collection: slugs.redirects,
    where: {
      or: [{ to: { equals: saved.from } }, { to: { contains: `${saved.from}#` } }],
    },
    select: { from: true, to: true },
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const rewrites = redirectsToRewrite({
    from: saved.from,
    to: saved.to,
    pointingAtFrom: docs,
  })
  for (const rewrite of rewrites) {
    await req.payload.update({
      collection: slugs.redirects,
      id: rewrite.id,
      data: { to: rewrite.newTo },
      depth: 0,
      overrideAccess: true,
      req,
    })
  }
  return doc as unknown
}
