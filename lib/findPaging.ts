/**
 * What a `where` pins down. Payload answers every paginated `find` with `totalDocs`, and its SQL
 * adapters count the matches in a second query to get it; a query that pins a unique field (a
 * post by its slug) or a first page that is not full already shows its total. The response
 * cache keeps such answers until one of the pinned documents changes.
 */

import { isPlainObject } from './values.ts'

const isScalar = (value: unknown): value is string | number =>
  typeof value === 'string' || typeof value === 'number'

/** A condition every match must meet: `field` (id or a unique field) is one of `values`. */
export type Pin = { field: string; values: (string | number)[] }

/**
 * The condition of `where` that every match must meet and that names the matching documents:
 * `equals` (one document) or `in` (a few) on `id` or on a field in `unique`, on the query
 * itself or a member of an `and`. An `or` pins nothing. The narrowest such condition is given.
 */
export const pinOf = ({
  where,
  unique,
}: {
  where: unknown
  unique: ReadonlySet<string>
}): Pin | undefined => {
  if (!isPlainObject(where)) return undefined
  let best: Pin | undefined
  const consider = (pin: Pin | undefined) => {
    if (pin && (!best || pin.values.length < best.values.length)) best = pin
  }
  for (const [key, condition] of Object.entries(where)) {
    if (key === 'and') {
      if (Array.isArray(condition))
        for (const part of condition) consider(pinOf({ where: part, unique }))
      continue
    }
    if (key === 'or' || (key !== 'id' && !unique.has(key)) || !isPlainObject(condition)) continue
    if (isScalar(condition.equals)) consider({ field: key, values: [condition.equals] })
    const among = condition.in
    if (Array.isArray(among) && among.length > 0 && among.every(isScalar))
      consider({ field: key, values: [...new Set(among)] })
  }
  return best
}

/** True when `where` can match at most one document (see `pinOf`). */
export const pinsOneDocument = (args: { where: unknown; unique: ReadonlySet<string> }): boolean =>
  pinOf(args)?.values.length === 1

/** The paging fields of a first page, as Payload's SQL adapters give them, for `total` matches. */
export const firstPagePaging = ({ total, limit }: { total: number; limit: number }) => {
  const totalPages = total === 0 ? 1 : Math.ceil(total / limit)
  return {
    hasNextPage: totalPages > 1,
    hasPrevPage: false,
    nextPage: totalPages > 1 ? 2 : null,
    page: 1,
    pagingCounter: 1,
    prevPage: null,
    totalDocs: total,
    totalPages,
  }
}
