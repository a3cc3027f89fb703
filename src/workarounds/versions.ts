import type { BaseDatabaseAdapter, Where } from 'payload'

type FindVersions = BaseDatabaseAdapter['findVersions']
type FindVersionsArgs = Parameters<FindVersions>[0]
type TransactionId = number | string

/**
 * Whether `args` asks for one version past the first page and everything in it: the query
 * Payload's `enforceMaxVersions` makes after each version it saves (`limit: 1`,
 * `page: maxPerDoc + 1`, no `select`), to learn whether the document has versions to delete.
 */
export const isPastLimitLookup = (args: FindVersionsArgs): boolean =>
  args.limit === 1 && args.pagination === false && (args.page ?? 1) > 1 && args.select === undefined

/** The parent id of a `where` that pins one document's versions and nothing else. */
const pinnedParent = (where: Where | undefined): number | string | undefined => {
  const keys = Object.keys(where ?? {})
  const parent = where?.parent as Record<string, unknown> | undefined
  if (keys.length !== 1 || !parent || Object.keys(parent).join() !== 'equals') return undefined
  const id = parent.equals
  return typeof id === 'number' || typeof id === 'string' ? id : undefined
}

/** The adapter's answer to a lookup that finds nothing (drizzle findMany, pagination off). */
const nothingFound = (args: FindVersionsArgs) => ({
  docs: [],
  hasNextPage: false,
  hasPrevPage: false,
  limit: args.limit,
  nextPage: null,
  page: args.page,
  pagingCounter: 1,
  prevPage: null,
  totalDocs: 0,
  totalPages: 1,
})

/**
 * Register entry "max-versions-full-read" (src/workarounds/index.ts). After every version it
 * saves, Payload reads the version just past `versions.maxPerDoc` whole (every field, its
 * relationships and arrays) although it only uses that version's `updatedAt`, and nearly always
 * there is none. Here:
 * - a document created in the transaction that asks, with fewer versions saved since than the
 *   lookup skips, has none past the limit: nobody else can add versions to a row they cannot
 *   see yet. Answered as the adapter answers a lookup that finds nothing, without asking it
 *   (an imported post: one query fewer);
 * - any other such lookup first asks for the `updatedAt` alone, and only when a version is
 *   there reads it as asked. No version found is the same answer whatever was selected, and a
 *   version found is read in full.
 */
export const lookPastLimitLightly = (
  db: Pick<
    BaseDatabaseAdapter,
    | 'create'
    | 'createVersion'
    | 'findVersions'
    | 'commitTransaction'
    | 'rollbackTransaction'
    | 'payload'
  >,
): void => {
  const collections = db.payload?.collections as
    Record<string, { config: { versions?: unknown } } | undefined> | undefined
  const hasVersions = (collection: string) => Boolean(collections?.[collection]?.config.versions)
  /** Per open transaction: `collection:id` of each document it created, and its versions. */
  const created = new Map<TransactionId, Map<string, number>>()
  const transactionOf = async (req?: { transactionID?: unknown }) => {
    const id = (await req?.transactionID) as TransactionId | null | undefined
    return id === null ? undefined : id
  }

  const create = db.create.bind(db)
  db.create = async (args) => {
    const doc = (await create(args)) as { id?: number | string } | null
    const transaction = await transactionOf(args.req)
    const id = doc?.id
    if (transaction !== undefined && id !== undefined && hasVersions(args.collection)) {
      const documents = created.get(transaction) ?? new Map<string, number>()
      documents.set(`${args.collection}:${id}`, 0)
      created.set(transaction, documents)
    }
    return doc
  }

  const createVersion = db.createVersion.bind(db)
  db.createVersion = (async (args: Parameters<typeof createVersion>[0]) => {
    const version = await createVersion(args)
    const documents = created.get((await transactionOf(args.req)) as TransactionId)
    const key = `${args.collectionSlug}:${String(args.parent)}`
    const saved = documents?.get(key)
    if (documents && saved !== undefined) documents.set(key, saved + 1)
    return version
  }) as typeof createVersion

  const findVersions: FindVersions = db.findVersions.bind(db)
  db.findVersions = (async (args: FindVersionsArgs) => {
    if (!isPastLimitLookup(args)) return findVersions(args)
    const parent = pinnedParent(args.where)
    const documents = created.get((await transactionOf(args.req)) as TransactionId)
    const saved = parent === undefined ? undefined : documents?.get(`${args.collection}:${parent}`)
    const skipped = ((args.page ?? 1) - 1) * (args.limit ?? 1)
    if (saved !== undefined && saved <= skipped) return nothingFound(args)
    const light = await findVersions({ ...args, select: { updatedAt: true } })
    return light.docs.length === 0 ? light : findVersions(args)
  }) as FindVersions

  const forget = <T extends (id: never) => Promise<void>>(end: T): T =>
    (async (incoming: Parameters<T>[0]) => {
      const id = await (incoming as Promise<TransactionId> | TransactionId)
      try {
        await end(id as never)
      } finally {
        created.delete(id)
      }
    }) as T
  db.commitTransaction = forget(db.commitTransaction.bind(db))
  db.rollbackTransaction = forget(db.rollbackTransaction.bind(db))
}
