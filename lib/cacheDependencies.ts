/**
 * What a cached answer depends on, and what a write changes, as keys the response cache
 * matches: an answer is dropped when a write changes one of its keys. A list depends on every
 * document of its collection (`posts#*`: any write may add, remove or reorder one); a read of
 * pinned documents (a post by slug, the authors a list populates by id) depends on those
 * documents only (`posts#slug=my-post`, `authors#id=3`). A write of a post changes `posts#*`, its
 * id, and each of its unique values before and after the write (an old slug no longer leads to
 * it, a new one now does).
 */
import { pinOf } from './findPaging.ts'
import { isPlainObject } from './values.ts'

/** The key of answers that depend on everything (search, feeds, raw SQL): any write drops them. */
export const EVERYTHING = '*'

export const anyDocumentOf = (collection: string): string => `${collection}#*`

export const documentKey = (collection: string, field: string, value: string | number): string =>
  `${collection}#${field}=${String(value)}`

/** True when `where` or `sort` reaches into other documents (a dotted path such as author.slug). */
const readsThroughRelations = ({ where, sort }: { where: unknown; sort?: unknown }) => {
  const sorts = Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : []
  if (sorts.some((field) => typeof field === 'string' && field.includes('.'))) return true
  const visit = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.some(visit)
    if (!isPlainObject(node)) return false
    return Object.entries(node).some(([key, value]) =>
      key === 'and' || key === 'or' ? visit(value) : key.includes('.'),
    )
  }
  return visit(where)
}

/** The keys a read of `collection` with `where` (and `sort`) depends on. */
export const readDependencies = ({
  collection,
  where,
  sort,
  unique,
}: {
  collection: string
  where?: unknown
  sort?: unknown
  unique: ReadonlySet<string>
}): string[] => {
  if (readsThroughRelations({ where, sort })) return [EVERYTHING]
  const pin = pinOf({ where, unique })
  return pin
    ? pin.values.map((value) => documentKey(collection, pin.field, value))
    : [anyDocumentOf(collection)]
}

/** The keys a write of the document `id` of `collection` changes (`docs`: before and after). */
export const changeDependencies = ({
  collection,
  id,
  docs,
  unique,
}: {
  collection: string
  id?: string | number
  docs: unknown[]
  unique: ReadonlySet<string>
}): string[] => {
  const keys = new Set([anyDocumentOf(collection)])
  for (const doc of docs) {
    if (!doc || typeof doc !== 'object') continue
    const values = doc as Record<string, unknown>
    for (const field of ['id', ...unique]) {
      const value = values[field]
      if (typeof value === 'string' || typeof value === 'number')
        keys.add(documentKey(collection, field, value))
    }
  }
  if (id !== undefined) keys.add(documentKey(collection, 'id', id))
  return [...keys]
}
