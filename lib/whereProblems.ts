import { isBoolean, isDate, isNumber, OBJECT_ID, TEXT_FIELD_TYPES, type IdType } from './values.ts'

/** What the validator needs to know about a queried field. */
export type QueriedField = {
  type: string
  hasMany?: boolean
}

/** Finds the field a dotted query path names, or undefined when it is not a plain field. */
export type FieldResolver = (path: string) => QueriedField | undefined

const COMPARISONS = ['greater_than', 'greater_than_equal', 'less_than', 'less_than_equal']
const LIST_OPERATORS = new Set(['in', 'not_in', 'all'])
const GEO_OPERATORS = new Set(['near', 'within', 'intersects'])

/** Operators that work on a field of each type; other types are left to Payload. */
const OPERATORS: Record<string, Set<string>> = {
  text: new Set([
    'equals',
    'not_equals',
    'in',
    'not_in',
    'like',
    'not_like',
    'contains',
    'exists',
    ...COMPARISONS,
  ]),
  number: new Set(['equals', 'not_equals', 'in', 'not_in', 'exists', ...COMPARISONS]),
  date: new Set(['equals', 'not_equals', 'in', 'not_in', 'exists', 'like', ...COMPARISONS]),
  checkbox: new Set(['equals', 'not_equals', 'exists']),
  relationship: new Set(['equals', 'not_equals', 'in', 'not_in', 'exists']),
  point: new Set(['equals', 'not_equals', 'exists', 'near', 'within', 'intersects']),
}

const kindOf = (field: QueriedField): string | undefined => {
  if (TEXT_FIELD_TYPES.has(field.type)) return 'text'
  if (field.type === 'upload' || field.type === 'relationship') return 'relationship'
  return field.type in OPERATORS ? field.type : undefined
}

const listOf = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value]

const show = (value: unknown) =>
  JSON.stringify(
    typeof value === 'string' && value.length > 60 ? `${value.slice(0, 57)}...` : value,
  )

/**
 * Checks one condition's value(s) against the field type; returns a message or null.
 * `idType` says what ids look like in this database ('number' for SQLite, 'text' for MongoDB).
 */
const valueProblem = ({
  kind,
  operator,
  value,
  idType,
  hasMany,
}: {
  kind: string
  operator: string
  value: unknown
  idType: IdType
  hasMany: boolean
}): string | null => {
  if (operator === 'exists') return isBoolean(value) ? null : `${show(value)} is not true or false`
  if (value === null || value === undefined || (typeof value === 'string' && value === ''))
    return null
  if (
    !GEO_OPERATORS.has(operator) &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Date)
  ) {
    return `${show(value)} is an object: give a plain value`
  }
  // A list where one value belongs reaches the database as an array, which it cannot bind.
  if (
    Array.isArray(value) &&
    !hasMany &&
    !LIST_OPERATORS.has(operator) &&
    !GEO_OPERATORS.has(operator)
  ) {
    return `${show(value)} is a list: "${operator}" takes one value (use "in" for several)`
  }
  const values = LIST_OPERATORS.has(operator) ? listOf(value) : [value]
  for (const item of values) {
    if (kind === 'date' && operator !== 'like' && !isDate(item))
      return `${show(item)} is not a date`
    if (kind === 'number' && !isNumber(item)) return `${show(item)} is not a number`
    if (kind === 'checkbox' && !isBoolean(item)) return `${show(item)} is not true or false`
    if (kind === 'relationship' && idType === 'number' && !isNumber(item))
      return `${show(item)} is not an id`
    if (kind === 'relationship' && idType === 'text' && !OBJECT_ID.test(String(item))) {
      return `${show(item)} is not an id`
    }
  }
  return null
}

/**
 * Finds the first condition of a `where` query that would make the database fail: an
 * operator the field's type does not support, or a value of the wrong type (a date that is
 * not a date, an id that is not an id). Unknown paths are left to Payload, which answers 400.
 * Returns a message naming the condition, e.g. `where[postedAt][greater_than]: "x" is not a date`.
 */
export const findWhereProblem = ({
  where,
  resolve,
  idType,
  prefix = 'where',
}: {
  where: unknown
  resolve: FieldResolver
  idType: IdType
  prefix?: string
}): string | null => {
  if (where === null || where === undefined) return null
  if (typeof where !== 'object' || Array.isArray(where)) return `${prefix} must be an object`
  for (const [key, condition] of Object.entries(where as Record<string, unknown>)) {
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(condition)) return `${prefix}[${key}] must be a list of conditions`
      for (const [index, nested] of condition.entries()) {
        const problem = findWhereProblem({
          where: nested,
          resolve,
          idType,
          prefix: `${prefix}[${key}][${index}]`,
        })
        if (problem) return problem
      }
      continue
    }
    if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) {
      return `${prefix}[${key}] must name an operator, e.g. ${prefix}[${key}][equals]=…`
    }
    const field =
      key === 'id' ? { type: idType === 'number' ? 'number' : 'relationship' } : resolve(key)
    const kind = field && kindOf(field)
    for (const [operator, value] of Object.entries(condition as Record<string, unknown>)) {
      const at = `${prefix}[${key}][${operator}]`
      if (!field || !kind) continue
      if (operator === 'all' && !field.hasMany) {
        return `${at}: "all" works only on fields that hold several values`
      }
      if (operator === 'contains' && kind !== 'text' && !field.hasMany) {
        return `${at}: "contains" works only on text or on fields that hold several values`
      }
      if (GEO_OPERATORS.has(operator) && kind !== 'point') {
        return `${at}: "${operator}" works only on point (map) fields`
      }
      if (!OPERATORS[kind].has(operator) && operator !== 'all' && operator !== 'contains') {
        return `${at}: "${operator}" does not work on ${field.type} fields`
      }
      const problem = valueProblem({
        kind,
        operator,
        value,
        idType,
        hasMany: Boolean(field.hasMany),
      })
      if (problem) return `${at}: ${problem}`
    }
  }
  return null
}
