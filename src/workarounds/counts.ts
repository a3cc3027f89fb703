import type { BaseDatabaseAdapter, Payload } from 'payload'

import { firstPagePaging, pinsOneDocument } from '../../lib/findPaging.ts'
import { uniqueFieldsOf } from '../plugins/uniqueFields.ts'

type Find = BaseDatabaseAdapter['find']

/** Each wrapped adapter's own `find`, which always counts (the tests compare the two). */
const countingFinds = new WeakMap<Payload['db'], Find>()

/** The adapter's `find` before `countOnlyWhenNeeded` (the same function on other adapters). */
export const countingFind = (db: Payload['db']): Find => countingFinds.get(db) ?? db.find.bind(db)

/**
 * `find` without the count its total does not need. Payload's SQL adapters run a second query
 * on every paginated `find` to count the matches. A query that pins a unique field (a post by
 * its slug: the front ends' commonest read) matches at most one document, and a first page
 * that is not full holds every match: both know their total, and are answered exactly as the
 * adapter answers them after counting. A full first page still counts, after its read.
 */
const leanFind =
  ({
    find,
    unique,
    count,
  }: {
    find: Find
    unique: Map<string, ReadonlySet<string>>
    count: BaseDatabaseAdapter['count']
  }): Find =>
  async <T>(args: Parameters<Find>[0]) => {
    const { limit, page, pagination, collection, where } = args
    const isFirstPage = page === undefined || page === 1
    if (pagination === false || !limit || limit < 1 || !isFirstPage) return find<T>(args)
    const found = await find<T>({ ...args, pagination: false })
    if (
      found.docs.length < limit ||
      pinsOneDocument({ where, unique: unique.get(collection) ?? new Set() })
    ) {
      return found
    }
    const { totalDocs } = await count({ collection, where, req: args.req, locale: args.locale })
    return { ...found, ...firstPagePaging({ total: totalDocs, limit }), limit }
  }

/**
 * Register entry "drizzle-needless-counts" (src/workarounds/index.ts): the SQL adapters' `find`
 * counts only when the total is not already known (see `leanFind`).
 */
export const countOnlyWhenNeeded = (payload: Payload): void => {
  const db = payload.db
  const find = db.find.bind(db)
  countingFinds.set(db, find)
  db.find = leanFind({
    find,
    count: db.count.bind(db),
    unique: uniqueFieldsOf(payload),
  })
}
