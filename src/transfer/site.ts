import fs from 'node:fs'

import {
  buildVersionCollectionFields,
  getPayload,
  type CollectionSlug,
  type Payload,
} from 'payload'

import type { DocId, FieldShape } from '../../lib/siteTransfer.ts'
import { redactUri } from '../../lib/database.ts'
import { innermostMessage, unavailableReason } from '../../lib/databaseErrors.ts'
import { loadEnv } from '../env.ts'

/** A problem `npm run db:transfer` reports in one line and stops for (exit code 2). */
export class TransferError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TransferError'
  }
}

/**
 * Not copied: editing locks belong to sessions on the old database, `payload-kv` holds caches
 * and counters the CMS rebuilds, each database keeps its own record of its migrations, and the
 * journal of content changes only tells running instances what to drop from their caches.
 */
export const NOT_COPIED = new Set<string>([
  'payload-locked-documents',
  'payload-kv',
  'payload-migrations',
  'content-changes',
  // Rebuilt on the target from what was copied (src/plugins/search).
  'search-index',
])

/** One collection as the transfer sees it. */
export type CollectionPlan = {
  slug: CollectionSlug
  fields: FieldShape[]
  /** The fields of its versions (parent, version, latest…), when it keeps versions. */
  versionFields?: FieldShape[]
}

export type Side = 'source' | 'target'

/**
 * Opens the CMS on one database: this app's config with `DATABASE_URI` set to `uri`, its
 * migrations applied (so an empty target gets the schema), no import, no job runner.
 */
export const openSite = async ({
  uri,
  side,
  projectRoot,
}: {
  uri: string
  side: Side
  projectRoot: string
}): Promise<Payload> => {
  const option = side === 'source' ? '--from' : '--to'
  let env
  try {
    env = loadEnv({
      env: {
        ...process.env,
        DATABASE_URI: uri,
        SEED_ON_START: 'false',
        // The transfer rebuilds the target's index itself, once everything is copied.
        SEARCH_REINDEX_ON_START: 'false',
        // One transaction holds SQLite's writer for the whole copy: say so only after 5 min.
        DATABASE_BUSY_SECONDS: '300',
      },
      projectRoot,
    })
  } catch (err) {
    throw new TransferError(`${option}: ${(err as Error).message.replace(/^DATABASE_URI /, '')}`)
  }
  if (
    env.database.kind === 'sqlite' &&
    side === 'source' &&
    !fs.existsSync(env.database.filePath)
  ) {
    throw new TransferError(`${option}: there is no SQLite database at ${env.database.filePath}`)
  }
  const { newsroomConfig } = await import('../payload.config.ts')
  try {
    return await getPayload({
      config: newsroomConfig({ env, projectRoot }),
      key: `db-transfer-${side}`,
      cron: false,
    })
  } catch (err) {
    const detail = innermostMessage(err)
    const reason = unavailableReason(err)
    throw new TransferError(
      `${option} ${redactUri(uri)}: cannot open the database: ${
        reason && !detail.includes(reason) ? `${reason} (${redactUri(detail)})` : redactUri(detail)
      }`,
    )
  }
}

/** The collections to copy, with the fields the copy reads references from. */
export const collectionPlans = (payload: Payload): CollectionPlan[] => {
  if (payload.config.globals.length > 0) {
    throw new TransferError(
      `this site has globals (${payload.config.globals.map((g) => g.slug).join(', ')}), which db:transfer does not copy`,
    )
  }
  return payload.config.collections
    .filter((collection) => !NOT_COPIED.has(collection.slug))
    .map((collection) => ({
      slug: collection.slug,
      fields: collection.flattenedFields,
      ...(collection.versions
        ? {
            versionFields: buildVersionCollectionFields(payload.config, collection, true),
          }
        : {}),
    }))
}

type Row = Record<string, unknown> & { id: DocId }

/** How many rows are read at a time. */
export const PAGE_SIZE = 200

/** Every stored document of a collection, in id order, a page at a time, as stored. */
export async function* storedDocuments(
  payload: Payload,
  slug: CollectionSlug,
): AsyncGenerator<Row[]> {
  for (let page = 1; ; page++) {
    const result = await payload.db.find({
      collection: slug,
      where: {},
      sort: 'id',
      limit: PAGE_SIZE,
      page,
      pagination: true,
    })
    if (result.docs.length > 0) yield result.docs
    if (!result.hasNextPage) return
  }
}

/** Every stored version of a collection's documents, in id order, a page at a time. */
export async function* storedVersions(
  payload: Payload,
  slug: CollectionSlug,
): AsyncGenerator<Row[]> {
  for (let page = 1; ; page++) {
    const result = await payload.db.findVersions({
      collection: slug,
      where: {},
      sort: 'id',
      limit: PAGE_SIZE,
      page,
      pagination: true,
    })
    if (result.docs.length > 0) yield result.docs
    if (!result.hasNextPage) return
  }
}

/** The ids of every stored document of a collection. */
export const storedIds = async (payload: Payload, slug: CollectionSlug): Promise<DocId[]> => {
  const result = await payload.db.find({
    collection: slug,
    where: {},
    sort: 'id',
    limit: 0,
    pagination: false,
    select: { id: true },
  })
  return result.docs.map((doc) => doc.id)
}

/** How many documents and versions a collection holds. */
export const countStored = async (
  payload: Payload,
  plan: CollectionPlan,
): Promise<{ docs: number; versions: number }> => {
  const { totalDocs: docs } = await payload.db.count({ collection: plan.slug, where: {} })
  const versions = plan.versionFields
    ? (await payload.db.countVersions({ collection: plan.slug, where: {} })).totalDocs
    : 0
  return { docs, versions }
}
