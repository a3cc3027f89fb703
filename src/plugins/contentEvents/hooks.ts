import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeChangeHook,
  PayloadRequest,
} from 'payload'

import { slugs } from '../../../collections/slugs.ts'
import type { ScheduleFailedListener } from '../../../collections/workflow/scheduleFailures.ts'
import { isDraftSaveOf } from '../../../collections/workflow/hooks.ts'
import {
  eventAffected,
  eventDocument,
  eventsForWrite,
  hasDrafts,
  isEventCollection,
  type EventCollection,
  type EventType,
} from '../../../lib/contentEvents.ts'
import { affectedPaths, type AffectedPaths } from '../../../lib/publicPaths.ts'
import { idOf } from '../../../lib/values.ts'
import { addToOutbox } from './outbox.ts'

/** Where the public site and the CMS live, for the URLs events carry. */
export type EventSettings = { siteUrl: string; serverUrl: string }

type PublicState = { wasPublic: boolean; slug?: string | null }

/** What each document was to anonymous readers before the write in progress, per request. */
const statesBefore = new WeakMap<PayloadRequest, Map<string, PublicState>>()

type Doc = {
  id: number | string
  slug?: string | null
  title?: string | null
  name?: string | null
  _status?: string | null
  deletedAt?: string | null
  author?: unknown
  sources?: unknown
  topics?: unknown
  language?: string | null
}

const isPublicNow = ({ collection, doc }: { collection: EventCollection; doc: Doc | null }) =>
  Boolean(doc) && !doc?.deletedAt && (!hasDrafts(collection) || doc?._status === 'published')

const keyOf = (collection: string, id: number | string) => `${collection}:${String(id)}`

/**
 * Remembers what an updated document was to anonymous readers: for posts and digests the
 * published document (the one readers get, not the latest draft), for authors and sources the
 * stored one. A draft save needs nothing: it announces nothing.
 */
export const rememberPublicState: CollectionBeforeChangeHook = async ({
  collection,
  data,
  operation,
  originalDoc,
  req,
}) => {
  const slug = collection.slug
  const original = originalDoc as Doc | undefined
  if (operation !== 'update' || !original || !isEventCollection(slug)) return data
  if (hasDrafts(slug) && isDraftSaveOf({ context: req.context, collection: slug })) return data
  const stored = hasDrafts(slug)
    ? ((await req.payload.findByID({
        collection: slug,
        id: original.id,
        draft: false,
        depth: 0,
        trash: true,
        disableErrors: true,
        overrideAccess: true,
        req,
      })) as Doc | null)
    : original
  const states = statesBefore.get(req) ?? new Map<string, PublicState>()
  statesBefore.set(req, states)
  states.set(keyOf(slug, original.id), {
    wasPublic: isPublicNow({ collection: slug, doc: stored }),
    slug: stored?.slug,
  })
  return data
}

type Named = { id: number | string; slug?: string | null }

const slugsOf = async ({
  req,
  collection,
  ids,
}: {
  req: PayloadRequest
  collection: typeof slugs.authors | typeof slugs.sources | typeof slugs.topics
  ids: (number | string)[]
}): Promise<Named[]> => {
  if (ids.length === 0) return []
  const { docs } = await req.payload.find({
    collection,
    where: { id: { in: ids } },
    depth: 0,
    pagination: false,
    select: { slug: true },
    overrideAccess: true,
    req,
  })
  return docs
}

const idsOf = (value: unknown): (number | string)[] =>
  (Array.isArray(value) ? value : value === null || value === undefined ? [] : [value])
    .map((item) => idOf(item) as number | string | undefined)
    .filter((id): id is number | string => id !== undefined && id !== null)

/** Published digests that list or relate a post: their pages show it. */
const digestsContaining = async ({
  req,
  postId,
}: {
  req: PayloadRequest
  postId: number | string
}): Promise<Named[]> => {
  const { docs } = await req.payload.find({
    collection: slugs.digests,
    where: {
      and: [
        { _status: { equals: 'published' } },
        { or: [{ 'items.post': { equals: postId } }, { relatedPosts: { in: [postId] } }] },
      ],
    },
    depth: 0,
    limit: 100,
    select: { slug: true },
    overrideAccess: true,
    req,
  })
  return docs
}

/** The pages and feeds a change to `doc` makes stale (lib/publicPaths.ts). */
const pagesTouched = async ({
  req,
  collection,
  doc,
  previousSlug,
}: {
  req: PayloadRequest
  collection: EventCollection
  doc: Doc
  previousSlug?: string | null
}): Promise<AffectedPaths> => {
  const common = { collection, slug: doc.slug, id: doc.id, previousSlug }
  if (collection !== 'posts' && collection !== 'digests') return affectedPaths(common)
  const [author, sources, topics, digests] = await Promise.all([
    slugsOf({ req, collection: slugs.authors, ids: idsOf(doc.author) }),
    slugsOf({ req, collection: slugs.sources, ids: idsOf(doc.sources) }),
    slugsOf({ req, collection: slugs.topics, ids: idsOf(doc.topics) }),
    collection === 'posts' ? digestsContaining({ req, postId: doc.id }) : Promise.resolve([]),
  ])
  return affectedPaths({
    ...common,
    author: author[0],
    sources,
    topics,
    digests,
    language: doc.language,
  })
}

/** Writes the events of one write of `doc` to the outbox. */
const announce = async ({
  req,
  collection,
  doc,
  types,
  previousSlug,
  settings,
}: {
  req: PayloadRequest
  collection: EventCollection
  doc: Doc
  types: EventType[]
  previousSlug?: string | null
  settings: EventSettings
}): Promise<void> => {
  const affected = eventAffected({
    paths: await pagesTouched({ req, collection, doc, previousSlug }),
    ...settings,
  })
  for (const type of types) {
    const document = eventDocument({
      collection,
      id: doc.id,
      slug: doc.slug,
      title: doc.title ?? doc.name,
      // Only slug.changed and updates name the slug a page had before.
      previousSlug: type === 'slug.changed' || type.endsWith('.updated') ? previousSlug : null,
      siteUrl: settings.siteUrl,
    })
    await addToOutbox({ req, type, collection, document, affected })
  }
}

/** After a save: the events it amounts to (none for a draft save), in its transaction. */
export const announceChange =
  (settings: EventSettings): CollectionAfterChangeHook =>
  async ({ collection, doc: changed, operation, req }): Promise<unknown> => {
    const slug = collection.slug
    const doc = changed as Doc
    if (!isEventCollection(slug)) return changed
    if (hasDrafts(slug) && isDraftSaveOf({ context: req.context, collection: slug })) {
      return changed
    }
    const before =
      operation === 'update' ? statesBefore.get(req)?.get(keyOf(slug, doc.id)) : undefined
    statesBefore.get(req)?.delete(keyOf(slug, doc.id))
    const types = eventsForWrite({
      collection: slug,
      operation,
      wasPublic: before?.wasPublic ?? false,
      isPublic: isPublicNow({ collection: slug, doc }),
      isTrashed: Boolean(doc.deletedAt),
      previousSlug: before?.slug,
      slug: doc.slug,
    })
    if (types.length > 0) {
      await announce({ req, collection: slug, doc, types, previousSlug: before?.slug, settings })
    }
    return changed
  }

/** After a delete: `<subject>.deleted` when readers could see the document. */
export const announceDelete =
  (settings: EventSettings): CollectionAfterDeleteHook =>
  async ({ collection, doc: deleted, req }): Promise<unknown> => {
    const slug = collection.slug
    const doc = deleted as Doc
    if (!isEventCollection(slug)) return deleted
    const types = eventsForWrite({
      collection: slug,
      operation: 'delete',
      wasPublic: isPublicNow({ collection: slug, doc }),
      isPublic: false,
    })
    if (types.length > 0) await announce({ req, collection: slug, doc, types, settings })
    return deleted
  }

/**
 * A scheduled publish or unpublish that failed for good becomes a `schedule.failed` event
 * naming the document and why (collections/workflow/scheduleFailures.ts tells of it).
 */
export const announceScheduleFailure =
  (settings: EventSettings): ScheduleFailedListener =>
  async ({ failure, req }) => {
    if (!isEventCollection(failure.collection)) return
    const doc = (await req.payload.findByID({
      collection: failure.collection,
      id: failure.docId,
      draft: true,
      depth: 0,
      trash: true,
      disableErrors: true,
      overrideAccess: true,
      req,
    })) as Doc | null
    await addToOutbox({
      req,
      type: 'schedule.failed',
      collection: failure.collection,
      document: eventDocument({
        collection: failure.collection,
        id: failure.docId,
        slug: doc?.slug,
        title: doc?.title ?? doc?.name,
        siteUrl: settings.siteUrl,
      }),
      affected: { paths: [], urls: [] },
      error: `${failure.type === 'unpublish' ? 'Unpublish' : 'Publish'} scheduled for ${failure.at ?? 'a past time'} failed: ${failure.error}`,
    })
  }
