import { createLocalReq, type Payload, type PayloadRequest, type TypedUser } from 'payload'

import { slugs } from '../../../collections/slugs.ts'
import {
  findPendingSchedules,
  type PendingSchedule,
} from '../../../collections/workflow/scheduling.ts'
import {
  editHref,
  listHref,
  MY_WORK_STAGES,
  parseDocumentKey,
  partitionSchedules,
  sortMyWork,
  sortReviewQueue,
} from '../../../lib/dashboard.ts'
import { canPublish, isAdminUser } from '../../../lib/roles.ts'
import {
  isStage,
  STAGES,
  type ScheduleType,
  type Stage,
  type WorkflowEventSummary,
} from '../../../lib/workflow.ts'

/**
 * What the dashboard shows, read with the signed-in user's access (`overrideAccess: false` and
 * one request carrying the user): a contributor's counts and lists hold their own work and what
 * is live of everyone else's, exactly as their list views do, never another writer's drafts.
 */

export type ReviewedCollection = typeof slugs.posts | typeof slugs.digests
export const REVIEWED_COLLECTIONS: readonly ReviewedCollection[] = [slugs.posts, slugs.digests]

const isReviewed = (slug: string): slug is ReviewedCollection =>
  (REVIEWED_COLLECTIONS as readonly string[]).includes(slug)

/** How many rows a list shows before pointing to the full admin list. */
export const MY_WORK_LIMIT = 10
export const REVIEW_QUEUE_LIMIT = 10
export const UPCOMING_LIMIT = 5
export const ACTIVITY_LIMIT = 10
/** The in-review documents read to find the longest waiting (the oldest changes, per collection). */
const REVIEW_QUEUE_SCAN = 100

export type DocLink = {
  collection: ReviewedCollection
  id: string
  title: string
  href: string
}

export type StageCount = { stage: Stage; count: number; href: string }

export type CollectionCounts = {
  collection: ReviewedCollection
  singular: string
  plural: string
  total: number
  href: string
  stages: StageCount[]
}

export type WorkRow = DocLink & { stage: Stage; changedAt: string }

/** A document in review: since when (its last submission) and who writes it (its owner). */
export type QueueRow = DocLink & { waitingSince: string; writer: string | null }

export type ScheduleRow = {
  id: string
  type: ScheduleType
  at: string
  hasError: boolean
  doc: DocLink
  scheduledBy: string | null
  jobHref: string
}

export type ActivityRow = {
  id: string
  event: WorkflowEventSummary
  who: string | null
  note: string | null
  title: string
  href: string | null
  at: string
}

/** A link to a filtered admin list, with what it holds. */
export type ListLink = { label: string; href: string }

/** A section's content, or `isLoaded: false` when reading it failed (and was logged). */
export type Section<Value> = { isLoaded: true; value: Value } | { isLoaded: false }

/** A webhook the CMS switched off because its deliveries kept failing (admins see them). */
export type SwitchedOffWebhook = {
  id: string
  name: string
  reason: string | null
  at: string | null
  href: string
}

export type DashboardData = {
  now: number
  /** True for editors and admins: they see every document, the job queue and its problems. */
  seesEverything: boolean
  counts: Section<CollectionCounts[]>
  myWork: Section<{ rows: WorkRow[]; total: number; lists: ListLink[] }>
  reviewQueue: Section<{ rows: QueueRow[]; total: number; lists: ListLink[] }>
  /** Null for users who may not schedule (nor read the job queue). */
  schedules: Section<{ upcoming: ScheduleRow[]; needsAttention: ScheduleRow[] }> | null
  activity: Section<ActivityRow[]>
  /** Null for everyone but admins, who manage webhooks. */
  switchedOffWebhooks?: Section<SwitchedOffWebhook[]> | null
}

type Context = {
  payload: Payload
  /** The user's request: every query runs with it and `overrideAccess: false`. */
  req: PayloadRequest
  adminRoute: string
  labels: Record<ReviewedCollection, { singular: string; plural: string }>
}

const labelsOf = (payload: Payload, collection: ReviewedCollection) => {
  const { singular, plural } = payload.collections[collection].config.labels
  return {
    singular: typeof singular === 'string' ? singular : collection,
    plural: typeof plural === 'string' ? plural : collection,
  }
}

const docLink = (
  { adminRoute }: Context,
  collection: ReviewedCollection,
  doc: { id: number | string; title?: string | null },
): DocLink => ({
  collection,
  id: String(doc.id),
  title: doc.title?.trim() || 'Untitled',
  href: editHref({ adminRoute, collection, id: doc.id }),
})

const nameOf = (user: unknown): string | null => {
  const name = (user as { name?: unknown } | null | undefined)?.name
  return typeof name === 'string' && name.trim() !== '' ? name : null
}

/**
 * Each stage's count of posts and of digests, as the list filtered by that stage counts them:
 * the same query as Payload's list view (`draft: true`, the user's access), one page of one.
 */
const loadCounts = async (context: Context): Promise<CollectionCounts[]> => {
  const { payload, req, adminRoute } = context
  const count = async (collection: ReviewedCollection, stage?: Stage) =>
    (
      await payload.find({
        collection,
        draft: true,
        ...(stage ? { where: { stage: { equals: stage } } } : {}),
        limit: 1,
        depth: 0,
        select: {},
        overrideAccess: false,
        req,
      })
    ).totalDocs
  return Promise.all(
    REVIEWED_COLLECTIONS.map(async (collection) => {
      const [total, ...perStage] = await Promise.all([
        count(collection),
        ...STAGES.map((stage) => count(collection, stage)),
      ])
      return {
        collection,
        ...context.labels[collection],
        total: total ?? 0,
        href: listHref({ adminRoute, collection }),
        stages: STAGES.map((stage, index) => ({
          stage,
          count: perStage[index] ?? 0,
          href: listHref({ adminRoute, collection, equals: { stage } }),
        })),
      }
    }),
  )
}

/**
 * The user's own documents still in progress: sent back to them, their drafts (an imported
 * draft an editor assigned to them included: ownership is the latest version's owner, which a
 * `draft: true` query reads), and what they submitted.
 */
const loadMyWork = async (context: Context, userId: number | string) => {
  const { payload, req, adminRoute } = context
  const pages = await Promise.all(
    REVIEWED_COLLECTIONS.flatMap((collection) =>
      MY_WORK_STAGES.map(async (stage) => {
        const { docs, totalDocs } = await payload.find({
          collection,
          draft: true,
          where: { and: [{ owner: { equals: userId } }, { stage: { equals: stage } }] },
          sort: '-updatedAt',
          limit: MY_WORK_LIMIT,
          depth: 0,
          select: { title: true, stage: true, updatedAt: true },
          overrideAccess: false,
          req,
        })
        return {
          collection,
          totalDocs,
          rows: docs.map((doc): WorkRow => ({
            ...docLink(context, collection, doc),
            stage: isStage(doc.stage) ? doc.stage : stage,
            changedAt: doc.updatedAt,
          })),
        }
      }),
    ),
  )
  const totals = new Map<ReviewedCollection, number>()
  for (const page of pages) {
    totals.set(page.collection, (totals.get(page.collection) ?? 0) + page.totalDocs)
  }
  return {
    rows: sortMyWork(pages.flatMap((page) => page.rows)).slice(0, MY_WORK_LIMIT),
    total: [...totals.values()].reduce((sum, value) => sum + value, 0),
    lists: REVIEWED_COLLECTIONS.filter((collection) => (totals.get(collection) ?? 0) > 0).map(
      (collection) => ({
        label: `All your ${context.labels[collection].plural.toLowerCase()}`,
        href: listHref({ adminRoute, collection, equals: { owner: userId } }),
      }),
    ),
  }
}

/**
 * Documents in review, the longest waiting first. A document waits since its last submission
 * (the trail's latest `submit`), not since its last save: an editor's fix of a typo does not send
 * it to the back of the queue.
 */
const loadReviewQueue = async (context: Context) => {
  const { payload, req, adminRoute } = context
  const pages = await Promise.all(
    REVIEWED_COLLECTIONS.map(async (collection) => {
      const { docs, totalDocs } = await payload.find({
        collection,
        draft: true,
        where: { stage: { equals: 'in_review' } },
        sort: 'updatedAt',
        limit: REVIEW_QUEUE_SCAN,
        depth: 1,
        select: { title: true, updatedAt: true, owner: true },
        populate: { users: { name: true } },
        overrideAccess: false,
        req,
      })
      return {
        collection,
        totalDocs,
        rows: docs.map((doc) => ({
          ...docLink(context, collection, doc),
          changedAt: doc.updatedAt,
          writer: nameOf(doc.owner),
        })),
      }
    }),
  )
  const rows = pages.flatMap((page) => page.rows)
  const submittedAt = new Map<string, string>()
  if (rows.length > 0) {
    const { docs: submissions } = await payload.find({
      collection: slugs.workflowEvents,
      where: {
        and: [
          { documentKey: { in: rows.map((row) => `${row.collection}:${row.id}`) } },
          { action: { equals: 'submit' } },
        ],
      },
      sort: '-createdAt',
      pagination: false,
      depth: 0,
      select: { documentKey: true, createdAt: true },
      overrideAccess: false,
      req,
    })
    // Newest first: the first seen per document is its last submission.
    for (const event of submissions) {
      if (!submittedAt.has(event.documentKey)) submittedAt.set(event.documentKey, event.createdAt)
    }
  }
  const queue = rows.map(({ changedAt, ...row }): QueueRow => ({
    ...row,
    waitingSince: submittedAt.get(`${row.collection}:${row.id}`) ?? changedAt,
  }))
  return {
    rows: sortReviewQueue(queue).slice(0, REVIEW_QUEUE_LIMIT),
    total: pages.reduce((sum, page) => sum + page.totalDocs, 0),
    lists: pages
      .filter((page) => page.totalDocs > 0)
      .map((page) => ({
        label: `${context.labels[page.collection].plural} in review`,
        href: listHref({ adminRoute, collection: page.collection, equals: { stage: 'in_review' } }),
      })),
  }
}

/** Titles of the scheduled documents the user may read, by `collection:id`. */
const titlesOf = async (context: Context, schedules: PendingSchedule[]) => {
  const { payload, req } = context
  const titles = new Map<string, string | null | undefined>()
  await Promise.all(
    REVIEWED_COLLECTIONS.map(async (collection) => {
      const ids = schedules.filter((item) => item.collection === collection).map((s) => s.docId)
      if (ids.length === 0) return
      const { docs } = await payload.find({
        collection,
        draft: true,
        where: { id: { in: ids } },
        pagination: false,
        depth: 0,
        select: { title: true },
        overrideAccess: false,
        req,
      })
      for (const doc of docs) titles.set(`${collection}:${doc.id}`, doc.title)
    }),
  )
  return titles
}

/** Names of the users who scheduled, by id (editors and admins read every account). */
const schedulersOf = async (context: Context, schedules: PendingSchedule[]) => {
  const { payload, req } = context
  const ids = [...new Set(schedules.map((item) => item.scheduledById).filter((id) => id != null))]
  if (ids.length === 0) return new Map<string, string | null>()
  const { docs } = await payload.find({
    collection: slugs.users,
    where: { id: { in: ids } },
    pagination: false,
    depth: 0,
    select: { name: true },
    overrideAccess: false,
    req,
  })
  return new Map(docs.map((user) => [String(user.id), nameOf(user)]))
}

/** Scheduled publishes and unpublishes still to come, and those that failed or are overdue. */
const loadSchedules = async (context: Context, now: number) => {
  const { adminRoute, req } = context
  const pending = (await findPendingSchedules({ req, overrideAccess: false })).filter((item) =>
    isReviewed(item.collection),
  )
  const [titles, schedulers] = await Promise.all([
    titlesOf(context, pending),
    schedulersOf(context, pending),
  ])
  const rows = pending.map((item): ScheduleRow => ({
    id: String(item.id),
    type: item.type,
    at: item.at,
    hasError: item.hasError,
    doc: docLink(context, item.collection as ReviewedCollection, {
      id: item.docId,
      title:
        titles.get(`${item.collection}:${item.docId}`) ??
        `${context.labels[item.collection as ReviewedCollection].singular} ${item.docId}`,
    }),
    scheduledBy:
      item.scheduledBy ??
      (item.scheduledById == null ? null : (schedulers.get(String(item.scheduledById)) ?? null)),
    jobHref: editHref({ adminRoute, collection: slugs.jobs, id: item.id }),
  }))
  const { upcoming, needsAttention } = partitionSchedules({ schedules: rows, now })
  return { upcoming: upcoming.slice(0, UPCOMING_LIMIT), needsAttention }
}

/** The latest steps of the workflow trail the user may read (a contributor: their documents'). */
const loadActivity = async (context: Context): Promise<ActivityRow[]> => {
  const { payload, req, adminRoute } = context
  const { docs } = await payload.find({
    collection: slugs.workflowEvents,
    sort: '-createdAt',
    limit: ACTIVITY_LIMIT,
    depth: 0,
    overrideAccess: false,
    req,
  })
  return docs.map((event) => {
    const key = parseDocumentKey(event.documentKey)
    return {
      id: String(event.id),
      event,
      who: event.userName?.trim() || null,
      note: event.note?.trim() || null,
      title: event.title?.trim() || 'Untitled',
      href: key && isReviewed(key.collection) ? editHref({ adminRoute, ...key }) : null,
      at: event.createdAt,
    }
  })
}

/** Webhooks switched off by the CMS (not by an admin), newest first. */
const loadSwitchedOffWebhooks = async ({ payload, req, adminRoute }: Context) => {
  const { docs } = await payload.find({
    collection: slugs.webhooks,
    where: { and: [{ active: { equals: false } }, { disabledAt: { exists: true } }] },
    sort: '-disabledAt',
    limit: 10,
    depth: 0,
    overrideAccess: false,
    req,
  })
  return docs.map((webhook): SwitchedOffWebhook => ({
    id: String(webhook.id),
    name: webhook.name,
    reason: webhook.disabledReason ?? null,
    at: webhook.disabledAt ?? null,
    href: `${adminRoute}/collections/${slugs.webhooks}/${webhook.id}`,
  }))
}

/** Runs one section's queries; a failure is logged and shown in that section alone. */
const attempt = async <Value>(
  payload: Payload,
  name: string,
  load: () => Promise<Value>,
): Promise<Section<Value>> => {
  try {
    return { isLoaded: true, value: await load() }
  } catch (err) {
    payload.logger.error({ err, msg: `dashboard: could not load ${name}` })
    return { isLoaded: false }
  }
}

/** Everything the dashboard shows to `user`, read with their access. */
export const loadDashboard = async ({
  payload,
  user,
  now,
}: {
  payload: Payload
  user: TypedUser
  now: number
}): Promise<DashboardData> => {
  const req = await createLocalReq({ user }, payload)
  const context: Context = {
    payload,
    req,
    adminRoute: payload.config.routes.admin,
    labels: {
      posts: labelsOf(payload, slugs.posts),
      digests: labelsOf(payload, slugs.digests),
    },
  }
  const seesEverything = canPublish(user)
  const hasWebhooks = isAdminUser(user) && Boolean(payload.collections[slugs.webhooks])
  const [counts, myWork, reviewQueue, schedules, activity, switchedOffWebhooks] = await Promise.all(
    [
      attempt(payload, 'counts', () => loadCounts(context)),
      attempt(payload, 'my work', () => loadMyWork(context, user.id)),
      attempt(payload, 'review queue', () => loadReviewQueue(context)),
      seesEverything ? attempt(payload, 'schedules', () => loadSchedules(context, now)) : null,
      attempt(payload, 'recent activity', () => loadActivity(context)),
      hasWebhooks ? attempt(payload, 'webhooks', () => loadSwitchedOffWebhooks(context)) : null,
    ],
  )
  return {
    now,
    seesEverything,
    counts,
    myWork,
    reviewQueue,
    schedules,
    activity,
    switchedOffWebhooks,
  }
}
