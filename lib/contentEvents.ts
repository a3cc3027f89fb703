import {
  affectedPaths,
  absoluteUrl,
  documentPath,
  type AffectedPaths,
  type PagedCollection,
} from './publicPaths.ts'

/**
 * Content events: what the CMS tells the world when published content changes. Pure: which
 * events a write amounts to, what each says, and which webhooks want it. Written to the outbox
 * in the write's own transaction (src/plugins/contentEvents), delivered by webhooks.
 */

/** The collections whose changes are announced, and the name each has in event types. */
export const EVENT_SUBJECTS = {
  posts: 'post',
  digests: 'digest',
  authors: 'author',
  sources: 'source',
  topics: 'topic',
} as const satisfies Record<PagedCollection, string>

export type EventCollection = keyof typeof EVENT_SUBJECTS

/** Every event type, as webhooks subscribe to them. */
export const EVENT_TYPES = [
  'post.published',
  'post.unpublished',
  'post.updated',
  'post.deleted',
  'digest.published',
  'digest.unpublished',
  'digest.updated',
  'digest.deleted',
  'author.created',
  'author.updated',
  'author.deleted',
  'source.created',
  'source.updated',
  'source.deleted',
  'topic.created',
  'topic.updated',
  'topic.deleted',
  'slug.changed',
  'schedule.failed',
  'webhook.test',
] as const

export type EventType = (typeof EVENT_TYPES)[number]

export const isEventType = (value: unknown): value is EventType =>
  (EVENT_TYPES as readonly unknown[]).includes(value)

/** What each event type means, for the admin's choices and the README. */
export const EVENT_LABELS: Record<EventType, string> = {
  'post.published': 'Post published',
  'post.unpublished': 'Post unpublished',
  'post.updated': 'Published post changed',
  'post.deleted': 'Published post deleted or trashed',
  'digest.published': 'Digest published',
  'digest.unpublished': 'Digest unpublished',
  'digest.updated': 'Published digest changed',
  'digest.deleted': 'Published digest deleted or trashed',
  'author.created': 'Author created',
  'author.updated': 'Author changed',
  'author.deleted': 'Author deleted or trashed',
  'source.created': 'Source created',
  'source.updated': 'Source changed',
  'source.deleted': 'Source deleted or trashed',
  'topic.created': 'Topic created',
  'topic.updated': 'Topic changed',
  'topic.deleted': 'Topic deleted or trashed',
  'slug.changed': 'Slug of a published page changed',
  'schedule.failed': 'Scheduled publish or unpublish failed',
  'webhook.test': 'Test event (sent on request)',
}

export const isEventCollection = (value: string): value is EventCollection =>
  Object.hasOwn(EVENT_SUBJECTS, value)

/** True for collections with drafts: their changes count only once published. */
export const hasDrafts = (collection: EventCollection): boolean =>
  collection === 'posts' || collection === 'digests'

/** One write as the outbox sees it: the public state before and after. */
export type WriteFacts = {
  collection: EventCollection
  operation: 'create' | 'update' | 'delete'
  /** Whether anonymous readers could read the document before the write. */
  wasPublic: boolean
  /** Whether they can after it (false after a delete, a move to the trash or an unpublish). */
  isPublic: boolean
  /** Whether the write moved it to the trash. */
  isTrashed?: boolean
  /** The public slug before and after (`previousSlug` only when it was public). */
  previousSlug?: string | null
  slug?: string | null
}

/**
 * The events one write amounts to, in the order they happened. A draft save changes nothing
 * public and announces nothing (the caller does not ask); a publish of a new document is
 * `published`, of a published one `updated` (with `slug.changed` when its address moved);
 * unpublish, trash and delete of a published document say so. Authors, sources and topics have no
 * drafts: every write is public.
 */
export const eventsForWrite = (facts: WriteFacts): EventType[] => {
  const subject = EVENT_SUBJECTS[facts.collection]
  const { wasPublic, isPublic, operation } = facts
  const slugMoved =
    wasPublic &&
    isPublic &&
    Boolean(facts.previousSlug) &&
    Boolean(facts.slug) &&
    facts.previousSlug !== facts.slug
  const updated = (): EventType[] => [
    `${subject}.updated` as EventType,
    ...(slugMoved ? (['slug.changed'] as const) : []),
  ]
  if (operation === 'delete') return wasPublic ? [`${subject}.deleted` as EventType] : []
  if (wasPublic && !isPublic) {
    return [
      (facts.isTrashed || !hasDrafts(facts.collection)
        ? `${subject}.deleted`
        : `${subject}.unpublished`) as EventType,
    ]
  }
  if (!isPublic) return []
  if (!wasPublic) {
    return [
      (hasDrafts(facts.collection) ? `${subject}.published` : `${subject}.created`) as EventType,
    ]
  }
  return updated()
}

/** How an event names one document. */
export type EventDocument = {
  collection: EventCollection
  id: number | string
  slug: string | null
  title: string | null
  /** Its path on the public site, e.g. `/posts/why-the-mek`. */
  path: string
  /** Its address on the public site (PUBLIC_SITE_URL + path). */
  url: string
  /** The slug it had before, for `slug.changed`. */
  previousSlug?: string
  previousPath?: string
}

/** What a front end must refresh: site paths, and absolute URLs of those and of the feeds. */
export type EventAffected = { paths: string[]; urls: string[] }

/** The body of one event, exactly as delivered (Standard Webhooks' `type`/`timestamp`/`data`). */
export type EventBody = {
  id: string
  type: EventType
  timestamp: string
  data: { documents: EventDocument[]; affected: EventAffected; error?: string }
}

/** A document as an event names it. */
export const eventDocument = ({
  collection,
  id,
  slug,
  title,
  previousSlug,
  siteUrl,
}: {
  collection: EventCollection
  id: number | string
  slug?: string | null
  title?: string | null
  previousSlug?: string | null
  siteUrl: string
}): EventDocument => {
  const path = documentPath({ collection, slug, id })
  const moved = previousSlug && previousSlug !== slug ? previousSlug : undefined
  return {
    collection,
    id,
    slug: slug ?? null,
    title: title ?? null,
    path,
    url: absoluteUrl({ base: siteUrl, path }),
    ...(moved
      ? { previousSlug: moved, previousPath: documentPath({ collection, slug: moved, id }) }
      : {}),
  }
}

/** Site paths and feed paths as the event states them: paths, and absolute URLs of both. */
export const eventAffected = ({
  paths,
  siteUrl,
  serverUrl,
}: {
  paths: AffectedPaths
  siteUrl: string
  serverUrl: string
}): EventAffected => ({
  paths: paths.site,
  urls: [
    ...paths.site.map((path) => absoluteUrl({ base: siteUrl, path })),
    ...paths.feeds.map((path) => absoluteUrl({ base: serverUrl, path })),
  ],
})

/** Two events' affected pages together (a bulk publish is one event), each once, sorted. */
export const mergeAffected = (a: EventAffected, b: EventAffected): EventAffected => ({
  paths: [...new Set([...a.paths, ...b.paths])].sort(),
  urls: [...new Set([...a.urls, ...b.urls])].sort(),
})

/** Adds a document to an event's list, replacing an earlier entry for the same document. */
export const withDocument = (documents: EventDocument[], added: EventDocument): EventDocument[] => [
  ...documents.filter(
    (item) => !(item.collection === added.collection && String(item.id) === String(added.id)),
  ),
  added,
]

/** The keys (`posts:12`) of an event's documents: deliveries keep event order per document. */
export const documentKeys = (documents: Pick<EventDocument, 'collection' | 'id'>[]): string[] =>
  documents.map((item) => `${item.collection}:${String(item.id)}`)

/** What a webhook subscribes to: no event types or no collections listed means all of them. */
export type WebhookFilter = {
  events?: readonly string[] | null
  collections?: readonly string[] | null
}

/**
 * Whether a webhook wants an event of `type` about documents of `collections`. `webhook.test`
 * goes only to the webhook it is sent to, never through subscriptions.
 */
export const webhookWants = ({
  webhook,
  type,
  collections,
}: {
  webhook: WebhookFilter
  type: EventType
  collections: readonly string[]
}): boolean => {
  if (type === 'webhook.test') return false
  const events = webhook.events ?? []
  const wanted = webhook.collections ?? []
  if (events.length > 0 && !events.includes(type)) return false
  if (wanted.length === 0 || collections.length === 0) return true
  return collections.some((collection) => wanted.includes(collection))
}

/** Re-exported for the outbox: which pages a change touches. */
export { affectedPaths }

/**
 * Where a delivery stands: `pending` (not tried yet, or waiting for an earlier event about the
 * same document), `retrying` (failed, tried again at `nextAttemptAt`), `delivered` (a 2xx),
 * `failed` (retries spent, or its webhook was switched off or deleted).
 */
export const DELIVERY_STATUSES = ['pending', 'retrying', 'delivered', 'failed'] as const

export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

/** True while a delivery may still be attempted. */
export const isOpenDelivery = (status: unknown): boolean =>
  status === 'pending' || status === 'retrying'
