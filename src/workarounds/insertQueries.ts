import { Placeholder } from '@payloadcms/db-sqlite/drizzle'
import { LRUCache } from 'lru-cache'

import { originalOf, patchOnce } from './patchOnce.ts'
import {
  SHAPES_PER_TABLE,
  ShapeReader,
  Unreadable,
  fill,
  kindOf,
  idOf,
  sameBuilt,
  slotIndex,
  unreadable,
  type Built,
  type Known,
  type Shape,
} from './relationalQueries.ts'

/**
 * Register entry "drizzle-rebuilds-every-insert" (src/workarounds/index.ts).
 *
 * Drizzle builds the SQL text of every INSERT anew: a tree with a value, default or `null`
 * per column and row, the `returning` list of every column, then the tree turned into text.
 * Payload writes each document as several such inserts (the row, its relationships, its
 * arrays, its version and the version's own), and so does an upsert on save (an insert with
 * `on conflict do update`); the text differs between them only by which columns each row sets.
 *
 * As for relational queries (relationalQueries.ts), the text is kept per shape: the table,
 * which columns each row sets (a value, null included, is a numbered placeholder; a column
 * left out takes its default), the `on conflict` clause read as an SQL tree, and the returned
 * columns. An insert whose shape would need a value computed per row (a column default made
 * by a function) or holds anything the reader does not read is built as before. Each shape is
 * checked once against Drizzle's own build of the insert and is never kept if they differ.
 */

/** The fields of Drizzle's SQLiteInsertBase / PgInsertBase this module reads. */
export type InsertQuery = {
  config: {
    table: object
    values: unknown
    select?: unknown
    withList?: unknown[]
    onConflict?: unknown
    returning?: { path: string[]; field: unknown }[]
    overridingSystemValue_?: boolean
  }
  dialect: {
    sqlToQuery: (sql: unknown) => Built
    buildInsertQuery: (config: InsertQuery['config']) => unknown
  }
  getSQL: () => unknown
  _prepare: (...args: unknown[]) => unknown
}

type Column = {
  default?: unknown
  defaultFn?: unknown
  onUpdateFn?: unknown
  shouldDisableInsert: () => boolean
}

/** A column Drizzle writes, and whether leaving it out makes Drizzle compute a value per row. */
type InsertColumn = { name: string; computed: boolean }

/**
 * Inserts of more rows are built as before: each row count is a shape of its own, and a long
 * text kept for a rare count would only take room.
 */
export const MAX_KEPT_ROWS = 64

const PATCHED = Symbol.for('newsroom:insert-shapes')
const COLUMNS = Symbol.for('drizzle:Columns')

/** The columns of each table an insert writes, in Drizzle's order (buildInsertQuery's). */
const insertColumns = new WeakMap<object, InsertColumn[]>()
const columnsOf = (table: object): InsertColumn[] => {
  let list = insertColumns.get(table)
  if (!list) {
    const columns = (table as Record<symbol, Record<string, Column> | undefined>)[COLUMNS]
    if (!columns) return unreadable('a table without columns')
    list = Object.entries(columns)
      .filter(([, column]) => !column.shouldDisableInsert())
      .map(([name, column]) => ({
        name,
        // The branches of buildInsertQuery (both dialects) that call a function per row.
        computed:
          column.defaultFn !== undefined || (!column.default && column.onUpdateFn !== undefined),
      }))
    insertColumns.set(table, list)
  }
  return list
}

/** Reads an insert's config; with a rewriting reader, returns it with slots for its values. */
const readInsert = (reader: ShapeReader, config: InsertQuery['config']): InsertQuery['config'] => {
  const { table, values, select, withList, onConflict, returning } = config
  if (select) return unreadable('an insert from a select')
  if (withList !== undefined && withList.length > 0) return unreadable('a WITH clause')
  if (!Array.isArray(values)) return unreadable('the rows of an insert')
  if (values.length > MAX_KEPT_ROWS) return unreadable(`an insert of ${values.length} rows`)
  // PostgreSQL's `overriding system value` (set by Drizzle only as `true`).
  reader.key += `i${idOf(table)}:${config.overridingSystemValue_ === true ? 'o' : ''}[`
  const columns = columnsOf(table)
  const rows = values.map((row: Record<string, unknown>) => {
    const out: Record<string, unknown> = {}
    reader.key += '('
    for (const { name, computed } of columns) {
      const value = row[name]
      const isParam = value !== null && typeof value === 'object' && kindOf(value) === 'Param'
      const param = value as {
        value: unknown
        encoder: { mapToDriverValue: (v: unknown) => unknown }
      }
      if (value === undefined || (isParam && param.value === undefined)) {
        if (computed) return unreadable('a column default computed per row')
        reader.key += '_'
        continue
      }
      if (!isParam) {
        // An SQL value: read as a tree, its bound values taken out.
        reader.key += 's'
        out[name] = reader.sql(value, false)
        continue
      }
      if (param.value !== null && typeof param.value === 'object') {
        if (kindOf(param.value) === 'Placeholder') return unreadable('a placeholder')
      }
      // As Drizzle does: null is bound as it is, anything else as its column encodes it.
      const mapped = param.value === null ? null : param.encoder.mapToDriverValue(param.value)
      if (mapped !== null && typeof mapped === 'object' && kindOf(mapped) === 'SQL') {
        return unreadable('a value encoded as SQL')
      }
      const placeholder: Placeholder = reader.slot(mapped)
      out[name] = reader.rewrite
        ? Object.assign(Object.create(param) as object, {
            value: placeholder,
          })
        : value
    }
    reader.key += ')'
    return out
  })
  reader.key += ']'
  const conflict = onConflict === undefined ? undefined : reader.sql(onConflict, false)
  reader.key += 'r'
  for (const { path, field } of returning ?? []) {
    reader.key += `${path.join('.')}=`
    reader.sql(field, true)
    reader.key += ','
  }
  return { ...config, values: rows, onConflict: conflict }
}

/** Shapes per table, the least recently used dropped first. */
const shapes = new WeakMap<object, LRUCache<string, Known>>()

/** Counts since start, for the tests. */
export const insertShapeStats = { built: 0, reused: 0, unreadable: 0, unkept: 0 }

/** Builds the shape's text with placeholders once, and checks it against Drizzle's own. */
const learn = (query: InsertQuery, values: unknown[]): { own: Built; known: Known } => {
  const own = query.dialect.sqlToQuery(query.getSQL())
  try {
    const rewriter = new ShapeReader(true)
    const config = readInsert(rewriter, query.config)
    const withSlots = query.dialect.sqlToQuery(query.dialect.buildInsertQuery(config))
    const slots: [number, number][] = []
    withSlots.params.forEach((param, at) => {
      const from = slotIndex(param)
      if (from !== undefined) slots.push([at, from])
    })
    // Drizzle's own typings: a placeholder is typed "none", a value by its column.
    const shape: Shape = { query: undefined, ...withSlots, typings: own.typings, slots }
    const everySlotOnce =
      slots.length === values.length && new Set(slots.map(([, from]) => from)).size === slots.length
    if (everySlotOnce && sameBuilt(fill(shape, values), own)) return { own, known: shape }
  } catch {
    // Built as before.
  }
  insertShapeStats.unkept += 1
  return { own, known: 'unkept' }
}

/** The query text and values of `query`, from its kept shape; undefined to build as before. */
const keptBuild = (query: InsertQuery): Built | undefined => {
  const reader = new ShapeReader(false)
  try {
    readInsert(reader, query.config)
  } catch (error) {
    if (!(error instanceof Unreadable)) throw error
    insertShapeStats.unreadable += 1
    return undefined
  }
  const { table } = query.config
  let kept = shapes.get(table)
  if (!kept) {
    kept = new LRUCache({ max: SHAPES_PER_TABLE })
    shapes.set(table, kept)
  }
  const known = kept.get(reader.key)
  if (known === undefined) {
    insertShapeStats.built += 1
    const learnt = learn(query, reader.values)
    kept.set(reader.key, learnt.known)
    return learnt.own
  }
  if (known === 'unkept') return undefined
  insertShapeStats.reused += 1
  return fill(known, reader.values)
}

const reusingPrepare = (original: InsertQuery['_prepare']) =>
  function prepare(this: InsertQuery, ...args: unknown[]): unknown {
    const built = keptBuild(this)
    if (built === undefined) return original.apply(this, args)
    // Drizzle's own _prepare, with the text and values it would have built given to it.
    const dialect = Object.create(this.dialect) as InsertQuery['dialect']
    dialect.sqlToQuery = () => built
    const view = Object.create(this) as InsertQuery
    view.dialect = dialect
    view.getSQL = () => undefined
    return original.apply(view, args)
  }

/** Keeps the text of each insert shape for the class of `sample`, an insert never run. */
export const reuseInsertText = (sample: object): void => {
  patchOnce(Object.getPrototypeOf(sample) as InsertQuery, '_prepare', PATCHED, reusingPrepare)
}

/** The insert class's own `_prepare` (for the tests' comparisons). */
export const originalPrepare = (sample: object): InsertQuery['_prepare'] | undefined =>
  originalOf(sample, PATCHED)

/** An insert of `drizzle` into one of `tables` that is never run, to reach its class. */
export const sampleInsert = (
  drizzle: { insert: (table: object) => { values: (row: object) => object } },
  tables: Record<string, object>,
): object | undefined => {
  const [first] = Object.values(tables)
  return first && drizzle.insert(first).values({})
}
