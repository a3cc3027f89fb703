import { createHash } from 'node:crypto'

/**
 * The pure half of `npm run db:transfer`: which references a document holds, in which order
 * collections can be copied into a database with foreign keys, how ids move between an SQL
 * database (numbers) and MongoDB (ObjectIds), and the content hash both sides are compared by.
 */

/** The parts of a sanitized Payload field (`flattenedFields`) the transfer reads. */
export type FieldShape = {
  name?: string
  type: string
  relationTo?: string | string[]
  hasMany?: boolean
  virtual?: boolean | string
  flattenedFields?: FieldShape[]
  blocks?: { slug: string; flattenedFields?: FieldShape[] }[]
  custom?: Record<string, unknown>
}

export type DocId = number | string
export type Doc = Record<string, unknown>

/** A text field holding `collection:id` (audit entries, preview links) is marked with this. */
export const DOCUMENT_KEY_FIELD = { transfer: 'documentKey' } as const

/** The target id of a source document, or undefined when no such document exists. */
export type IdMapper = (collection: string, id: DocId) => DocId | undefined

const isObject = (value: unknown): value is Doc =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)

const isId = (value: unknown): value is DocId =>
  typeof value === 'number' || (typeof value === 'string' && value !== '')

/** Not stored, so neither copied nor compared. */
const isUnstored = (field: FieldShape): boolean =>
  Boolean(field.virtual) || field.type === 'join' || field.type === 'ui'

/** A stored reference, or a document already populated in its place (`{ id, … }`). */
const idOf = (value: unknown): DocId | undefined =>
  isId(value) ? value : isObject(value) && isId(value.id) ? value.id : undefined

/** Counts the references that pointed at documents that no longer exist (they are dropped). */
export type MapStats = { dangling: number }

const mapSingle = (
  field: FieldShape,
  value: unknown,
  mapId: IdMapper,
  stats: MapStats,
): unknown => {
  if (value === null || value === undefined) return value
  if (Array.isArray(field.relationTo)) {
    if (!isObject(value) || typeof value.relationTo !== 'string') return value
    const id = idOf(value.value)
    const mapped = id === undefined ? undefined : mapId(value.relationTo, id)
    if (mapped === undefined) {
      stats.dangling += 1
      return null
    }
    return { relationTo: value.relationTo, value: mapped }
  }
  const id = idOf(value)
  const mapped = id === undefined ? undefined : mapId(field.relationTo as string, id)
  if (mapped === undefined) {
    stats.dangling += 1
    return null
  }
  return mapped
}

/**
 * Rewrites `{ relationTo, value }` pairs anywhere in a JSON value (rich-text relationship,
 * upload and internal-link nodes, job inputs). Pairs naming no known document stay as they are:
 * nothing enforces them, and they may not be references at all.
 */
const mapLooseJson = (value: unknown, mapId: IdMapper): unknown => {
  if (Array.isArray(value)) return value.map((item) => mapLooseJson(item, mapId))
  if (!isObject(value)) return value
  const out: Doc = {}
  for (const [key, item] of Object.entries(value)) out[key] = mapLooseJson(item, mapId)
  if (typeof value.relationTo === 'string') {
    const id = idOf(value.value)
    const mapped = id === undefined ? undefined : mapId(value.relationTo, id)
    if (mapped !== undefined) {
      out.value = isObject(value.value) ? { ...(out.value as Doc), id: mapped } : mapped
    }
  }
  return out
}

const mapDocumentKey = (value: unknown, mapId: IdMapper): unknown => {
  if (typeof value !== 'string') return value
  const at = value.indexOf(':')
  if (at <= 0) return value
  const collection = value.slice(0, at)
  const raw = value.slice(at + 1)
  const mapped =
    mapId(collection, raw) ?? (/^\d+$/.test(raw) ? mapId(collection, Number(raw)) : undefined)
  return mapped === undefined ? value : `${collection}:${String(mapped)}`
}

const mapFields = (fields: FieldShape[], data: Doc, mapId: IdMapper, stats: MapStats): Doc => {
  const out: Doc = {}
  const byName = new Map(fields.filter((f) => f.name).map((f) => [f.name as string, f]))
  for (const [key, value] of Object.entries(data)) {
    const field = byName.get(key)
    if (!field) {
      out[key] = value
      continue
    }
    if (isUnstored(field)) continue
    out[key] = mapField(field, value, mapId, stats)
  }
  return out
}

const mapField = (field: FieldShape, value: unknown, mapId: IdMapper, stats: MapStats): unknown => {
  if (value === null || value === undefined) return value
  switch (field.type) {
    case 'relationship':
    case 'upload':
      if (field.hasMany && Array.isArray(value)) {
        return value
          .map((item) => mapSingle(field, item, mapId, stats))
          .filter((item) => item !== null)
      }
      return mapSingle(field, value, mapId, stats)
    case 'richText':
    case 'json':
      return mapLooseJson(value, mapId)
    case 'text':
      return field.custom?.transfer === DOCUMENT_KEY_FIELD.transfer
        ? mapDocumentKey(value, mapId)
        : value
    case 'group':
    case 'tab':
      return isObject(value) ? mapFields(field.flattenedFields ?? [], value, mapId, stats) : value
    case 'array':
      return Array.isArray(value)
        ? (value as unknown[]).map((row) =>
            isObject(row) ? mapFields(field.flattenedFields ?? [], row, mapId, stats) : row,
          )
        : value
    case 'blocks':
      return Array.isArray(value)
        ? (value as unknown[]).map((row) => {
            if (!isObject(row)) return row
            const block = field.blocks?.find((b) => b.slug === row.blockType)
            return block ? mapFields(block.flattenedFields ?? [], row, mapId, stats) : row
          })
        : value
    default:
      return value
  }
}

/**
 * A stored document with every reference rewritten to the target's ids (`mapId`) and the
 * fields nothing stores (virtual, join) left out. A relationship to a document that no longer
 * exists becomes empty (a foreign key would refuse it); `stats.dangling` counts them.
 */
export const mapDocument = ({
  doc,
  fields,
  mapId,
  stats = { dangling: 0 },
}: {
  doc: Doc
  fields: FieldShape[]
  mapId: IdMapper
  stats?: MapStats
}): Doc => mapFields(fields, doc, mapId, stats)

/** The collections a field's relationships and uploads point at (what foreign keys enforce). */
const targetsOf = (field: FieldShape): string[] => {
  if (isUnstored(field)) return []
  if (field.type === 'relationship' || field.type === 'upload') {
    return ([] as string[]).concat(field.relationTo ?? [])
  }
  const nested = [
    ...(field.flattenedFields ?? []),
    ...(field.blocks ?? []).flatMap((block) => block.flattenedFields ?? []),
  ]
  return nested.flatMap(targetsOf)
}

export type CollectionShape = { slug: string; fields: FieldShape[] }
export type CopyStep = {
  slug: string
  /** Top-level fields pointing at a collection not yet copied: written once everything is. */
  deferred: string[]
}

/**
 * The order to copy collections in so that every relationship points at a document already
 * there; where collections point at each other (or at themselves), the fields closing the
 * cycle are deferred.
 */
export const copyOrder = (collections: CollectionShape[]): CopyStep[] => {
  const bySlug = new Map(collections.map((c) => [c.slug, c]))
  const order: string[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (slug: string) => {
    if (state.has(slug) || !bySlug.has(slug)) return
    state.set(slug, 'visiting')
    for (const target of new Set(bySlug.get(slug)!.fields.flatMap(targetsOf))) visit(target)
    state.set(slug, 'done')
    order.push(slug)
  }
  for (const collection of collections) visit(collection.slug)
  return order.map((slug, index) => {
    const earlier = new Set(order.slice(0, index))
    const deferred = bySlug
      .get(slug)!
      .fields.filter((field) => field.name)
      .filter((field) =>
        targetsOf(field).some((target) => bySlug.has(target) && !earlier.has(target)),
      )
      .map((field) => field.name as string)
    return { slug, deferred }
  })
}

export type IdType = 'number' | 'text'

const OBJECT_ID = /^[0-9a-f]{24}$/i

/** Whether an id can be stored as it is in a database whose ids are of `type`. */
export const fitsIdType = (id: DocId, type: IdType): boolean =>
  type === 'number'
    ? typeof id === 'number' && Number.isSafeInteger(id) && id > 0
    : typeof id === 'string' && OBJECT_ID.test(id)

/**
 * The target id of each source id of one collection. Ids the target can store stay the same;
 * otherwise every id of the collection gets a new one, in the same order: 1, 2, 3… for an SQL
 * database, ObjectIds (a fixed time and a counter) for MongoDB.
 */
export const allocateIds = ({
  ids,
  type,
  seconds = 0x60000000,
}: {
  ids: DocId[]
  type: IdType
  /** The time part of generated ObjectIds (seconds since 1970). */
  seconds?: number
}): Map<DocId, DocId> => {
  const map = new Map<DocId, DocId>()
  if (ids.every((id) => fitsIdType(id, type))) {
    for (const id of ids) map.set(id, id)
    return map
  }
  const sorted = [...ids].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)),
  )
  const prefix = seconds.toString(16).padStart(8, '0')
  sorted.forEach((id, index) => {
    map.set(
      id,
      type === 'number' ? index + 1 : `${prefix}${(index + 1).toString(16).padStart(16, '0')}`,
    )
  })
  return map
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/

/**
 * A value as every database gives it back: keys sorted, empty values (null, [], {}) left out,
 * dates as ISO strings in UTC, ids as text. Two databases holding the same content give equal
 * canonical forms, however each stores dates, JSON key order or absent values.
 */
export const canonical = (value: unknown): unknown => {
  if (value === null || value === undefined) return undefined
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'bigint') return Number(value)
  if (typeof value === 'number') return Object.is(value, -0) ? 0 : value
  if (typeof value === 'string') {
    if (ISO_DATE.test(value)) {
      const date = new Date(value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'))
      if (!Number.isNaN(date.getTime())) return date.toISOString()
    }
    return value
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => canonical(item) ?? null)
    return items.length > 0 ? items : undefined
  }
  if (isObject(value)) {
    const out: Doc = {}
    for (const key of Object.keys(value).sort()) {
      const item = canonical(value[key])
      if (item !== undefined) out[key] = item
    }
    return Object.keys(out).length > 0 ? out : undefined
  }
  return value
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

/** The hash of one document's canonical form. */
export const documentHash = (doc: unknown): string => sha256(JSON.stringify(canonical(doc) ?? null))

/** One hash for a set of documents, whatever order they were read in. */
export const setHash = (hashes: string[]): string => sha256([...hashes].sort().join('\n'))

/** What one side of a transfer holds in one collection. */
export type CollectionSummary = { docs: number; versions: number; hash: string }
export type SiteSummary = Record<string, CollectionSummary>

export type ComparisonRow = {
  collection: string
  source: CollectionSummary
  target: CollectionSummary
  same: boolean
}

export const compareSummaries = (source: SiteSummary, target: SiteSummary): ComparisonRow[] =>
  [...new Set([...Object.keys(source), ...Object.keys(target)])].map((collection) => {
    const empty = { docs: 0, versions: 0, hash: setHash([]) }
    const from = source[collection] ?? empty
    const to = target[collection] ?? empty
    return {
      collection,
      source: from,
      target: to,
      same: from.docs === to.docs && from.versions === to.versions && from.hash === to.hash,
    }
  })

/** The comparison as a table: counts and the first characters of each side's hash. */
export const formatComparison = (rows: ComparisonRow[]): string => {
  const header = [
    'collection',
    'source docs',
    'target docs',
    'versions',
    'source hash',
    'target hash',
    '',
  ]
  const lines = rows.map((row) => [
    row.collection,
    String(row.source.docs),
    String(row.target.docs),
    row.source.versions === row.target.versions
      ? String(row.source.versions)
      : `${row.source.versions} → ${row.target.versions}`,
    row.source.hash.slice(0, 12),
    row.target.hash.slice(0, 12),
    row.same ? 'same' : 'DIFFERENT',
  ])
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((l) => l[i].length)))
  return [header, ...lines]
    .map((cells) =>
      cells
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}
