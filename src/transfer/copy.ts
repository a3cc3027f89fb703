import { createLocalReq, type CollectionSlug, type Payload, type PayloadRequest } from 'payload'

import { innermostMessage, unavailableReason } from '../../lib/databaseErrors.ts'
import {
  allocateIds,
  copyOrder,
  mapDocument,
  type DocId,
  type IdMapper,
  type IdType,
} from '../../lib/siteTransfer.ts'
import {
  collectionPlans,
  countStored,
  storedDocuments,
  storedIds,
  storedVersions,
  TransferError,
  type CollectionPlan,
} from './site.ts'
import { rebuildSearchIndex } from '../plugins/search/index.ts'

export type TransferProgress = {
  /** What is being done, e.g. "copying posts" or "copying posts versions". */
  label: string
  done: number
  total: number
}

export type CopyReport = {
  collections: { slug: string; docs: number; versions: number }[]
  /** Relationships to documents that no longer existed in the source, left empty. */
  danglingReferences: number
  /** Versions whose document no longer existed in the source, not copied. */
  orphanVersions: number
  /** Whether the target's earlier content was replaced (--force). */
  replaced: boolean
  /** Whether the copy ran in one transaction (all or nothing); MongoDB without a replica set cannot. */
  isAtomic: boolean
  /** Documents the target's search index holds once rebuilt. */
  searchIndexed: number
}

/** The id type of a database: numbers for SQL, ObjectIds for MongoDB. */
const idTypeOf = (payload: Payload): IdType =>
  payload.db.defaultIDType === 'number' ? 'number' : 'text'

/** The source id → target id of every document of the site; unknown ids have no target. */
export const buildIdMapper = async ({
  source,
  plans,
  idType,
}: {
  source: Payload
  plans: CollectionPlan[]
  idType: IdType
}): Promise<IdMapper> => {
  const maps = new Map<string, Map<DocId, DocId>>()
  for (const plan of plans) {
    maps.set(plan.slug, allocateIds({ ids: await storedIds(source, plan.slug), type: idType }))
  }
  return (collection, id) => {
    const map = maps.get(collection)
    if (!map) return undefined
    return (
      map.get(id) ?? (typeof id === 'string' && /^\d+$/.test(id) ? map.get(Number(id)) : undefined)
    )
  }
}

const describe = (err: unknown): string => {
  const reason = unavailableReason(err)
  const message = innermostMessage(err)
  return reason && !message.includes(reason) ? `${reason} (${message})` : message
}

/** Empties the target's copied collections (and its editing locks), latest dependants first. */
const emptyTarget = async (
  target: Payload,
  plans: CollectionPlan[],
  req: PayloadRequest,
): Promise<void> => {
  await target.db.deleteMany({
    collection: 'payload-locked-documents',
    where: {},
    req,
  })
  for (const plan of [...plans].reverse()) {
    if (plan.versionFields)
      await target.db.deleteVersions({ collection: plan.slug, where: {}, req })
    await target.db.deleteMany({ collection: plan.slug, where: {}, req })
  }
}

/**
 * After rows were written with explicit ids, PostgreSQL's id sequences still start at 1: the
 * next document created would collide. Moves every sequence of the schema past its table's ids.
 */
const advancePostgresSequences = async (target: Payload, req: PayloadRequest): Promise<void> => {
  if (target.db.name !== 'postgres') return
  const db = target.db as unknown as {
    sessions: Record<string, { db: { execute: (query: unknown) => Promise<unknown> } }>
    drizzle: { execute: (query: unknown) => Promise<unknown> }
  }
  const { sql } = await import('@payloadcms/db-postgres')
  const session = req.transactionID ? db.sessions[String(await req.transactionID)] : undefined
  await (session?.db ?? db.drizzle).execute(
    sql.raw(`DO $$
DECLARE r record; m bigint;
BEGIN
  FOR r IN SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'
  LOOP
    EXECUTE format('SELECT COALESCE(MAX(%I), 0) FROM %I.%I', r.column_name, current_schema(), r.table_name) INTO m;
    PERFORM setval(pg_get_serial_sequence(format('%I.%I', current_schema(), r.table_name), r.column_name), m + 1, false);
  END LOOP;
END $$;`),
  )
}

/**
 * Copies every document, version, audit entry, preview link, media record, job and preference
 * of `source` into `target`, through the database adapters (no hooks run: nothing is
 * re-validated, re-audited or announced). One transaction on the target when it has them: on
 * any error nothing is kept. Refuses a target holding content unless `force`, which replaces it.
 */
export const copySite = async ({
  source,
  target,
  force = false,
  onProgress = () => undefined,
}: {
  source: Payload
  target: Payload
  force?: boolean
  onProgress?: (progress: TransferProgress) => void
}): Promise<CopyReport> => {
  const plans = collectionPlans(source)
  const targetSlugs = new Set(target.config.collections.map((c) => c.slug))
  const missing = plans.filter((plan) => !targetSlugs.has(plan.slug))
  if (missing.length > 0) {
    throw new TransferError(`the target has no collection ${missing.map((p) => p.slug).join(', ')}`)
  }
  const bySlug = new Map<string, CollectionPlan>(plans.map((plan) => [plan.slug, plan]))
  const steps = copyOrder(plans)

  const counts = new Map<string, { docs: number; versions: number }>()
  for (const plan of plans) counts.set(plan.slug, await countStored(source, plan))

  const held: string[] = []
  for (const plan of plans) {
    const { docs, versions } = await countStored(target, plan)
    if (docs + versions > 0)
      held.push(`${plan.slug}: ${docs}${versions ? ` (+${versions} versions)` : ''}`)
  }
  if (held.length > 0 && !force) {
    throw new TransferError(
      `the target already holds content (${held.join(', ')}): nothing was copied. Give --force to replace it.`,
    )
  }

  const mapId = await buildIdMapper({ source, plans, idType: idTypeOf(target) })
  const req = await createLocalReq({}, target)
  const transactionID = await target.db.beginTransaction()
  if (transactionID !== null) req.transactionID = transactionID
  const stats = { dangling: 0 }
  let orphanVersions = 0
  try {
    if (held.length > 0)
      await emptyTarget(
        target,
        steps.map((s) => bySlug.get(s.slug)!),
        req,
      )

    // Fields pointing at a collection copied later, written once everything is there.
    const deferredWrites: { slug: CollectionSlug; id: DocId; data: Record<string, unknown> }[] = []
    for (const step of steps) {
      const plan = bySlug.get(step.slug)!
      const total = counts.get(step.slug)!.docs
      let done = 0
      onProgress({ label: `copying ${step.slug}`, done, total })
      for await (const page of storedDocuments(source, plan.slug)) {
        for (const doc of page) {
          const id = mapId(step.slug, doc.id)!
          const { id: _sourceId, ...data } = mapDocument({ doc, fields: plan.fields, mapId, stats })
          const later: Record<string, unknown> = {}
          for (const name of step.deferred) {
            if (name in data) {
              later[name] = data[name]
              delete data[name]
            }
          }
          try {
            await target.db.create({
              collection: plan.slug,
              customID: id,
              data,
              req,
              returning: false,
            })
          } catch (err) {
            throw new TransferError(`${step.slug} ${String(doc.id)}: ${describe(err)}`)
          }
          // The whole document again, not only the deferred fields: the Drizzle adapters'
          // updateOne empties every array table the data does not carry (a post's writers).
          if (Object.keys(later).length > 0)
            deferredWrites.push({ slug: plan.slug, id, data: { ...data, ...later } })
          done += 1
        }
        onProgress({ label: `copying ${step.slug}`, done, total })
      }
    }
    for (const write of deferredWrites) {
      try {
        await target.db.updateOne({
          collection: write.slug,
          id: write.id,
          data: write.data,
          req,
          returning: false,
        })
      } catch (err) {
        throw new TransferError(`${write.slug} ${String(write.id)}: ${describe(err)}`)
      }
    }

    for (const step of steps) {
      const plan = bySlug.get(step.slug)!
      if (!plan.versionFields) continue
      const label = `copying ${step.slug} versions`
      const total = counts.get(step.slug)!.versions
      let done = 0
      onProgress({ label, done, total })
      for await (const page of storedVersions(source, plan.slug)) {
        for (const version of page) {
          done += 1
          const before = stats.dangling
          const mapped = mapDocument({ doc: version, fields: plan.versionFields, mapId, stats })
          if (mapped.parent === null || mapped.parent === undefined) {
            // A version whose document is gone: it cannot be stored (or reached) without one.
            stats.dangling = before
            orphanVersions += 1
            continue
          }
          try {
            await target.db.createVersion({
              collectionSlug: plan.slug,
              parent: mapped.parent as DocId,
              versionData: mapped.version as never,
              autosave: Boolean(mapped.autosave),
              createdAt: String(mapped.createdAt),
              updatedAt: String(mapped.updatedAt),
              publishedLocale: mapped.publishedLocale as string | undefined,
              snapshot: mapped.snapshot as true | undefined,
              req,
              returning: false,
            })
          } catch (err) {
            throw new TransferError(
              `${step.slug} ${String(version.parent)}, version ${String(version.id)}: ${describe(err)}`,
            )
          }
        }
        onProgress({ label, done, total })
      }
    }
    await advancePostgresSequences(target, req)
    if (transactionID !== null) {
      try {
        await target.db.commitTransaction(transactionID)
      } catch (err) {
        throw new TransferError(`saving the copy failed: ${describe(err)}`)
      }
    }
  } catch (err) {
    if (transactionID !== null)
      await target.db.rollbackTransaction(transactionID).catch(() => undefined)
    throw err
  }
  // The search index is not copied (NOT_COPIED): the target builds its own from what it holds.
  const { indexed: searchIndexed } = await rebuildSearchIndex({
    payload: target,
    onProgress: ({ collection, done, total }) =>
      onProgress({ label: `indexing ${collection} for search`, done, total }),
  })
  return {
    searchIndexed,
    collections: steps.map((step) => ({ slug: step.slug, ...counts.get(step.slug)! })),
    danglingReferences: stats.dangling,
    orphanVersions,
    replaced: held.length > 0,
    isAtomic: transactionID !== null,
  }
}
