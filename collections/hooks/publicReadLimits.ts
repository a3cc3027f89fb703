import type { CollectionBeforeOperationHook } from 'payload'

import { isStaffUser } from '../../lib/roles.ts'

/** Largest page an anonymous caller may ask for. */
export const MAX_PUBLIC_LIMIT = 100
/** Deepest relationship population an anonymous caller may ask for. */
export const MAX_PUBLIC_DEPTH = 2

const READ_OPERATIONS = new Set(['read', 'count', 'readDistinct'])

/**
 * Set in `context` by server code that reads as a public caller but needs no total count (search
 * ranks its own candidates): `pagination: false` is then kept, still at most MAX_PUBLIC_LIMIT
 * documents. Only Local API callers can set a request's context.
 */
export const UNCOUNTED_PUBLIC_READ = 'uncountedPublicRead'

type ReadArgs = {
  currentDepth?: number
  where?: unknown
  depth?: number
  draft?: boolean
  limit?: number
  pagination?: boolean
  trash?: boolean
}

const isIdList = (where: unknown): boolean => {
  const clause = (where as { id?: { in?: unknown } } | undefined)?.id
  return (
    Object.keys(where ?? {}).length === 1 &&
    Object.keys(clause ?? {}).length === 1 &&
    Array.isArray(clause?.in)
  )
}

/**
 * Clamps what a public (non-staff) caller can ask of a read: never drafts, never the trash,
 * always paginated, at most `MAX_PUBLIC_LIMIT` per page and `MAX_PUBLIC_DEPTH` levels deep.
 * Access rules already filter the documents; this closes the query-parameter side doors
 * (`draft=true`, `trash=true`, `limit=0`, `pagination=false`, deep `depth`).
 */
export const publicReadLimits: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (!READ_OPERATIONS.has(operation) || isStaffUser(req.user)) return args
  // Trusted server code (Local API with access overridden) is not a public caller.
  if ((args as { overrideAccess?: boolean }).overrideAccess === true) return args
  const readArgs = args as ReadArgs
  const limit = readArgs.limit
  // Payload's own population of relationships (its dataloader) fetches the related documents of
  // a page in one unpaginated `id in […]` query at a nested depth. Callers cannot set
  // currentDepth, and the id list is bounded by the capped page, so it keeps `pagination: false`;
  // paginating it would leave all but the first 10 related documents as bare ids.
  const isPopulation =
    typeof readArgs.currentDepth === 'number' &&
    readArgs.pagination === false &&
    isIdList(readArgs.where)
  const isUncounted = readArgs.pagination === false && req.context?.[UNCOUNTED_PUBLIC_READ] === true
  return {
    ...args,
    draft: false,
    trash: false,
    pagination: !(isPopulation || isUncounted),
    limit:
      isUncounted && limit === undefined
        ? MAX_PUBLIC_LIMIT
        : typeof limit === 'number' && Number.isFinite(limit) && limit >= 1
          ? Math.min(Math.floor(limit), MAX_PUBLIC_LIMIT)
          : limit === undefined
            ? undefined
            : MAX_PUBLIC_LIMIT,
    depth:
      typeof readArgs.depth === 'number' && Number.isFinite(readArgs.depth)
        ? Math.max(0, Math.min(Math.floor(readArgs.depth), MAX_PUBLIC_DEPTH))
        : readArgs.depth,
  }
}
