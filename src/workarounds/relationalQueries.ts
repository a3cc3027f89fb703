import { Column, Placeholder, Table, entityKind, is } from '@payloadcms/db-sqlite/drizzle'
import { LRUCache } from 'lru-cache'

import { originalOf, patchOnce } from './patchOnce.ts'

/**
 * Register entry "drizzle-rebuilds-every-query" (src/workarounds/index.ts).
 *
 * Drizzle's relational queries (`db.query.posts.findMany(…)`, which Payload's SQL adapters
 * read every document with) build their SQL text anew on every run: the select, a JSON
 * sub-query per array, relationship and locale table, aliasing every column, then turning the
 * tree into text. Front ends send the same few query shapes with other values (a post by
 * slug, a page of a list, the authors of a page), so the text is kept per shape and only the
 * values are put in.
 *
 * A shape is the query's config with every bound value of its `where` (and a positive
 * `limit` or `offset`) taken out: those become numbered placeholders, and the text is built
 * once from that config. Everything else is part of the shape as it is: columns, relations,
 * the output of functions (called here with stand-ins for the columns and operators), values
 * inlined into the text, `null` (which an encoder may turn into other text). A config with
 * anything else (a sub-query, a view, a value whose encoding is SQL) is built as before.
 *
 * Each shape is checked once: the text built with placeholders, its values put in, must equal
 * what Drizzle builds for the query itself, or the shape is never kept.
 */

/** Shapes kept per table of a schema, the least recently used dropped first. */
export const SHAPES_PER_TABLE = 300

export const SLOT = '\u0000newsroom-slot-'
const PATCHED = Symbol.for('newsroom:relational-query-shapes')

type Encoder = { mapToDriverValue: (value: unknown) => unknown }

export type Built = { sql: string; params: unknown[]; typings?: unknown[] }

/** What Drizzle's relational query returns from `_toSQL`. */
type ToSql = { query: unknown; builtQuery: Built }

/** The fields of Drizzle's SQLiteRelationalQuery / PgRelationalQuery this module reads. */
export type RelationalQuery = {
  tableConfig: object
  config: unknown
  _toSQL: () => ToSql
}

export type Shape = {
  query: unknown
  sql: string
  params: unknown[]
  typings?: unknown[]
  /** [index in params, index in the values read off the config] */
  slots: [number, number][]
}

/** Thrown (and caught) when a config holds something this module does not read. */
export class Unreadable extends Error {}

export const unreadable = (what: string): never => {
  throw new Unreadable(what)
}

/** The kind of a Drizzle object, by its class's entity kind; columns and tables by ancestry. */
const kinds = new WeakMap<object, string>()
export const kindOf = (value: object): string => {
  const constructor = (value as { constructor?: object }).constructor
  if (!constructor) return 'object'
  let kind = kinds.get(constructor)
  if (kind === undefined) {
    const own = (constructor as Record<symbol, unknown>)[entityKind]
    if (typeof own !== 'string') kind = 'object'
    else if (is(value, Column)) kind = 'Column'
    else if (is(value, Table)) kind = 'Table'
    else kind = own
    kinds.set(constructor, kind)
  }
  return kind
}

/** Columns and tables are named in a shape by identity (they render by their own names). */
const ids = new WeakMap<object, number>()
let nextId = 0
export const idOf = (value: object): number => {
  let id = ids.get(value)
  if (id === undefined) {
    id = nextId++
    ids.set(value, id)
  }
  return id
}

const STAND_IN = Symbol('newsroom:stand-in')
type StandIn = { [STAND_IN]: string; args?: unknown[] }

/** Stand-ins for the aliased columns and the operators Drizzle gives config functions. */
const standInColumns = new Proxy(
  {},
  { get: (_, name) => ({ [STAND_IN]: `column:${String(name)}` }) },
) as Record<string, unknown>
const standInOperators = new Proxy(
  {},
  {
    get:
      (_, name) =>
      (...args: unknown[]): StandIn => ({ [STAND_IN]: `op:${String(name)}`, args }),
  },
) as Record<string, unknown>

const primitiveKey = (value: unknown): string => {
  switch (typeof value) {
    case 'string':
      return `s${value.length}:${value}`
    case 'number':
    case 'bigint':
    case 'boolean':
      return `${typeof value}:${String(value)}`
    case 'undefined':
      return 'u'
    default:
      if (value === null) return 'null'
      if (value instanceof Uint8Array) return `bytes:${Buffer.from(value).toString('base64')}`
      return unreadable(`a value of type ${typeof value}`)
  }
}

/**
 * Reads a config once: `key` names its shape, `values` are the driver values of its slots in
 * the order met. With `rewrite`, also returns the config with each slot a placeholder.
 */
export class ShapeReader {
  key = ''
  values: unknown[] = []
  constructor(readonly rewrite: boolean) {}

  /** Takes `value` out of the shape: a numbered placeholder in its place. */
  slot(value: unknown): Placeholder {
    const index = this.values.length
    this.values.push(value)
    this.key += '?'
    return this.rewrite ? new Placeholder(`${SLOT}${index}`) : (undefined as never)
  }

  /** An SQL tree (or chunk); `verbatim` when its values are part of the shape. */
  sql(node: unknown, verbatim: boolean): unknown {
    if (node === null || typeof node !== 'object') {
      if (verbatim || node === null || node === undefined) {
        this.key += primitiveKey(node)
        return node
      }
      // A bare value in an SQL template is bound as it is.
      return this.slot(node)
    }
    if (Array.isArray(node)) {
      this.key += '['
      const items = node.map((item) => this.sql(item, verbatim))
      this.key += ']'
      return this.rewrite ? items : node
    }
    const kind = kindOf(node)
    switch (kind) {
      case 'StringChunk':
        this.key += `'${(node as { value: string[] }).value.join('')}'`
        return node
      case 'Name':
        this.key += `"${(node as { value: string }).value}"`
        return node
      case 'Column':
        this.key += `c${idOf(node)}`
        return node
      case 'Table':
        this.key += `t${idOf(node)}`
        return node
      case 'Placeholder':
        this.key += `:${(node as { name: string }).name}`
        return node
      case 'SQL': {
        const tree = node as { queryChunks: unknown[]; shouldInlineParams?: boolean }
        const inline = verbatim || tree.shouldInlineParams === true
        this.key += inline ? '(!' : '('
        const chunks = tree.queryChunks.map((chunk) => this.sql(chunk, inline))
        this.key += ')'
        return this.rewrite ? clone(node, { queryChunks: chunks }) : node
      }
      case 'SQL.Aliased': {
        const aliased = node as { sql: unknown; fieldAlias: string }
        this.key += `as"${aliased.fieldAlias}"`
        const inner = this.sql(aliased.sql, verbatim)
        return this.rewrite ? clone(node, { sql: inner }) : node
      }
      case 'Param': {
        const param = node as { value: unknown; encoder: Encoder }
        if (slotName(param.value) !== undefined) {
          this.key += `p:${slotName(param.value)}`
          return node
        }
        // As Drizzle does: null is bound as it is, anything else as its column encodes it.
        const mapped = param.value === null ? null : param.encoder.mapToDriverValue(param.value)
        if (mapped !== null && typeof mapped === 'object' && kindOf(mapped) === 'SQL') {
          return unreadable('a value encoded as SQL')
        }
        if (verbatim || mapped === null) {
          this.key += `p${primitiveKey(mapped)}`
          return node
        }
        const placeholder = this.slot(mapped)
        // Encoded already: the placeholder's value goes in as it is.
        return this.rewrite ? clone(node, { value: placeholder, encoder: asIs }) : node
      }
      default:
        if ((node as Record<symbol, unknown>)[STAND_IN] !== undefined) {
          const standIn = node as StandIn
          this.key += `{${standIn[STAND_IN]}`
          if (standIn.args) this.sql(standIn.args, true)
          this.key += '}'
          return node
        }
        return unreadable(`a ${kind}`)
    }
  }

  /** A config function: its output for stand-in arguments is part of the shape. */
  private func(value: unknown): unknown {
    let output: unknown
    try {
      output = (value as (...args: unknown[]) => unknown)(standInColumns, standInOperators)
    } catch {
      return unreadable('a function that needs real columns')
    }
    this.key += 'fn'
    this.sql(output, true)
    return value
  }

  /** A relational query config (`findMany`'s argument, or one of its `with` entries). */
  config(config: unknown): unknown {
    if (config === true || config === undefined) {
      this.key += String(config)
      return config
    }
    if (config === null || typeof config !== 'object') return unreadable('a config')
    const entries = Object.entries(config as Record<string, unknown>)
    const out: Record<string, unknown> = {}
    this.key += '{'
    for (const [name, value] of entries) {
      this.key += `${name}=`
      out[name] = this.entry(name, value)
      this.key += ';'
    }
    this.key += '}'
    return this.rewrite ? out : config
  }

  private entry(name: string, value: unknown): unknown {
    if (typeof value === 'function') {
      if (name === 'where' || name === 'orderBy' || name === 'extras') return this.func(value)
      return unreadable(`a function as ${name}`)
    }
    switch (name) {
      case 'columns':
        return this.flags(value)
      case 'with': {
        if (value === undefined) return value
        if (value === null || typeof value !== 'object') return unreadable('with')
        const out: Record<string, unknown> = {}
        this.key += '{'
        for (const [relation, relationConfig] of Object.entries(value)) {
          this.key += `${relation}:`
          const isOff = relationConfig === false || relationConfig === null
          if (isOff) this.key += 'off'
          out[relation] = isOff ? relationConfig : this.config(relationConfig)
          this.key += ','
        }
        this.key += '}'
        return this.rewrite ? out : value
      }
      case 'where':
        if (value === undefined) {
          this.key += 'u'
          return value
        }
        return this.sql(value, false)
      case 'orderBy':
        this.sql(value, true)
        return value
      case 'extras':
        if (value === null || typeof value !== 'object' || kindOf(value) !== 'object') {
          return unreadable('extras')
        }
        this.key += '{'
        for (const [alias, extra] of Object.entries(value)) {
          this.key += `${alias}:`
          this.sql(extra, true)
        }
        this.key += '}'
        return value
      case 'limit':
      case 'offset':
        // Drizzle leaves out a negative limit and an offset of 0: those change the text.
        if (typeof value === 'number' && Number.isInteger(value) && value > 0) {
          return this.slot(value)
        }
        if (value !== null && typeof value === 'object') return unreadable(name)
        this.key += primitiveKey(value)
        return value
      default:
        return unreadable(`the config key ${name}`)
    }
  }

  private flags(value: unknown): unknown {
    if (value === undefined) {
      this.key += 'u'
      return value
    }
    if (value === null || typeof value !== 'object') return unreadable('columns')
    this.key += '{'
    for (const [column, flag] of Object.entries(value)) {
      if (flag !== true && flag !== false && flag !== undefined) return unreadable('columns')
      this.key += `${column}:${String(flag)},`
    }
    this.key += '}'
    return value
  }
}

/** An encoder for values encoded already. */
const asIs: Encoder = { mapToDriverValue: (value) => value }

/** A copy of a Drizzle object (same class, same fields) with some fields replaced. */
const clone = <T extends object>(node: T, fields: Record<string, unknown>): T =>
  Object.assign(Object.create(Object.getPrototypeOf(node) as object) as T, node, fields)

/** The name of a Drizzle placeholder; undefined for anything else. */
const slotName = (value: unknown): string | undefined =>
  value !== null && typeof value === 'object' && kindOf(value) === 'Placeholder'
    ? (value as { name: string }).name
    : undefined

/** Which value a built param takes: a placeholder of ours, bare or in a Param. */
export const slotIndex = (param: unknown): number | undefined => {
  const isParam = param !== null && typeof param === 'object' && kindOf(param) === 'Param'
  const name = slotName(isParam ? (param as { value: unknown }).value : param)
  return name?.startsWith(SLOT) ? Number(name.slice(SLOT.length)) : undefined
}

const sameValue = (a: unknown, b: unknown): boolean => {
  if (Object.is(a, b)) return true
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a).equals(b)
  return false
}

export const sameBuilt = (a: Built, b: Built): boolean =>
  a.sql === b.sql &&
  a.params.length === b.params.length &&
  a.params.every((param, index) => sameValue(param, b.params[index]))

export const fill = (shape: Shape, values: unknown[]): Built => {
  const params = shape.params.slice()
  for (const [at, from] of shape.slots) params[at] = values[from]
  return { sql: shape.sql, params, typings: shape.typings }
}

/** What `learn` concluded about a shape: kept, or never to be kept. */
export type Known = Shape | 'unkept'

/** Shapes per table config (one per table per schema), the least recently used dropped first. */
const shapes = new WeakMap<object, LRUCache<string, Known>>()

/** Counts since start, for the tests. */
export const shapeStats = { built: 0, reused: 0, unreadable: 0, unkept: 0 }

/**
 * Builds the shape's text once with placeholders, checks it against Drizzle's own build of
 * this query, and returns that build.
 */
const learn = ({
  query,
  original,
  values,
  table,
  key,
}: {
  query: RelationalQuery
  original: () => ToSql
  values: unknown[]
  table: LRUCache<string, Known>
  key: string
}): ToSql => {
  const own = original.call(query)
  let known: Known = 'unkept'
  try {
    const rewriter = new ShapeReader(true)
    const config = rewriter.config(query.config)
    const withSlots = original.call(
      Object.assign(Object.create(query) as RelationalQuery, { config }),
    )
    const slots: [number, number][] = []
    withSlots.builtQuery.params.forEach((param, at) => {
      const from = slotIndex(param)
      if (from !== undefined) slots.push([at, from])
    })
    const shape: Shape = {
      query: withSlots.query,
      sql: withSlots.builtQuery.sql,
      params: withSlots.builtQuery.params,
      // Drizzle's own: a placeholder is typed "none", a value by its column.
      typings: own.builtQuery.typings,
      slots,
    }
    const everySlotOnce =
      slots.length === values.length && new Set(slots.map(([, from]) => from)).size === slots.length
    if (everySlotOnce && sameBuilt(fill(shape, values), own.builtQuery)) known = shape
  } catch {
    // Built as before.
  }
  if (known === 'unkept') shapeStats.unkept += 1
  table.set(key, known)
  return own
}

const reusingToSql = (original: () => ToSql) =>
  function toSql(this: RelationalQuery): ToSql {
    const reader = new ShapeReader(false)
    try {
      reader.config(this.config)
    } catch (error) {
      if (!(error instanceof Unreadable)) throw error
      shapeStats.unreadable += 1
      return original.call(this)
    }
    let table = shapes.get(this.tableConfig)
    if (!table) {
      table = new LRUCache({ max: SHAPES_PER_TABLE })
      shapes.set(this.tableConfig, table)
    }
    const { key, values } = reader
    const known = table.get(key)
    if (known === undefined) {
      shapeStats.built += 1
      return learn({ query: this, original, values, table, key })
    }
    if (known === 'unkept') return original.call(this)
    shapeStats.reused += 1
    return { query: known.query, builtQuery: fill(known, values) }
  }

/**
 * Keeps the text of each relational query shape (see the top of this file) for the class of
 * `sample`, a relational query of the adapter's Drizzle (SQLite's or PostgreSQL's).
 */
export const reuseRelationalQueryText = (sample: object): void => {
  patchOnce(Object.getPrototypeOf(sample) as RelationalQuery, '_toSQL', PATCHED, reusingToSql)
}

/** The relational query class's own `_toSQL` (for the tests' comparisons). */
export const originalToSql = (sample: object): (() => ToSql) | undefined =>
  originalOf(sample, PATCHED)

/** A relational query of `drizzle` that is never run, to reach its class. */
export const sampleRelationalQuery = (drizzle: {
  query: Record<string, { findMany: (config?: object) => object }>
}): object | undefined => {
  const [first] = Object.values(drizzle.query)
  return first?.findMany({})
}
