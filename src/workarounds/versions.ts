import type { BaseDatabaseAdapter } from 'payload'

type FindVersions = BaseDatabaseAdapter['findVersions']
type FindVersionsArgs = Parameters<FindVersions>[0]

/**
 * Whether `args` asks for one version past the first page and everything in it: the query
 * Payload's `enforceMaxVersions` makes after each version it saves (`limit: 1`,
 * `page: maxPerDoc + 1`, no `select`), to learn whether the document has versions to delete.
 */
export const isPastLimitLookup = (args: FindVersionsArgs): boolean =>
  args.limit === 1 && args.pagination === false && (args.page ?? 1) > 1 && args.select === undefined

/**
 * Register entry "max-versions-full-read" (src/workarounds/index.ts). After every version it
 * saves, Payload reads the version just past `versions.maxPerDoc` whole (every field, its
 * relationships and arrays) although it only uses that version's `updatedAt`, and nearly always
 * there is none. Here such a lookup first asks for the `updatedAt` alone; only when a version is
 * there is it read as asked. No version found is the same answer whatever was selected, and a
 * version found is read in full: the caller gets what the adapter alone would have given it.
 */
export const lookPastLimitLightly = (db: Pick<BaseDatabaseAdapter, 'findVersions'>): void => {
  const findVersions: FindVersions = db.findVersions.bind(db)
  db.findVersions = (async (args: FindVersionsArgs) => {
    if (!isPastLimitLookup(args)) return findVersions(args)
    const light = await findVersions({ ...args, select: { updatedAt: true } })
    return light.docs.length === 0 ? light : findVersions(args)
  }) as FindVersions
}
