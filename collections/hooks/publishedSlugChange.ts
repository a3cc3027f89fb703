import type { CollectionSlug, PayloadRequest } from 'payload'

/** A published page's slug before and after one write. */
export type SlugChange = { from: string; to: string }

type SlugDoc = {
  id?: number | string
  slug?: unknown
  _status?: unknown
  deletedAt?: unknown
  updatedAt?: unknown
}

/** The collection as an afterChange hook gets it: its slug, and whether it keeps drafts. */
type HookCollection = { slug: string; versions?: unknown }

const hasDrafts = (collection: HookCollection): boolean =>
  Boolean((collection.versions as { drafts?: unknown } | undefined)?.drafts)

/**
 * The slug of the version published before the one this write published: the newest
 * published version saved before `doc` was. `previousDoc` (the latest version before the
 * write) already is it when it was published with no pending draft; otherwise the versions are
 * asked. A version pruned by `maxPerDoc` (50 saves since that publish) is no longer known.
 */
const previouslyPublishedSlug = async ({
  req,
  collection,
  doc,
  previousDoc,
}: {
  req: PayloadRequest
  collection: HookCollection
  doc: SlugDoc
  previousDoc?: SlugDoc
}): Promise<unknown> => {
  if (previousDoc?._status === 'published') return previousDoc.slug
  if (doc.id === undefined || typeof doc.updatedAt !== 'string') return undefined
  const { docs } = await req.payload.db.findVersions({
    collection: collection.slug as CollectionSlug,
    where: {
      and: [
        { parent: { equals: doc.id } },
        { 'version._status': { equals: 'published' } },
        // The version this write saved is stamped after the document's own updatedAt.
        { updatedAt: { less_than: doc.updatedAt } },
      ],
    },
    sort: '-updatedAt',
    limit: 1,
    pagination: false,
    req,
  })
  return (docs[0]?.version as SlugDoc | undefined)?.slug
}

/**
 * Whether this write changed the slug of a published page, as an afterChange hook sees it:
 * `{ from, to }` (slugs) or null. For collections with drafts (posts, digests) it compares
 * the slug of the previously published version with the one just published, so a draft save
 * changes nothing and publishing a draft whose slug changed since the last publish does; for
 * the others (authors, sources: public without drafts) the slug before and after the update.
 * A create, an unpublish or a document in the trash is no change. The automatic redirects
 * (src/plugins/redirects.ts) and the webhook outbox's `slug.changed` both ask this.
 */
export const publishedSlugChange = async ({
  req,
  collection,
  doc,
  previousDoc,
  operation,
}: {
  req: PayloadRequest
  collection: HookCollection
  doc: unknown
  previousDoc?: unknown
  operation: 'create' | 'update'
}): Promise<SlugChange | null> => {
  const current = doc as SlugDoc
  const before = previousDoc as SlugDoc | undefined
  if (operation !== 'update' || typeof current.slug !== 'string' || current.slug === '') return null
  if (current.deletedAt) return null
  if (hasDrafts(collection) && current._status !== 'published') return null
  const previous = hasDrafts(collection)
    ? await previouslyPublishedSlug({ req, collection, doc: current, previousDoc: before })
    : before?.slug
  if (typeof previous !== 'string' || previous === '' || previous === current.slug) return null
  return { from: previous, to: current.slug }
}
