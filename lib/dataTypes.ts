import { isBoolean, isDate, isNumber, isPlainObject, TEXT_FIELD_TYPES } from './values.ts'

/** What the type check needs to know about a field (Payload's flattened fields fit). */
export type TypedField = {
  name: string
  type: string
  hasMany?: boolean
  flattenedFields?: TypedField[]
  blocks?: { slug: string; flattenedFields: TypedField[] }[]
}

const kindOf = (value: unknown): string =>
  Array.isArray(value)
    ? 'a list'
    : value === null
      ? 'null'
      : typeof value === 'object'
        ? 'an object'
        : typeof value === 'string'
          ? 'text'
          : typeof value === 'boolean'
            ? 'true or false'
            : typeof value

const isText = (value: unknown) => typeof value === 'string' || typeof value === 'number'
const isRelation = (value: unknown) =>
  typeof value === 'number' ||
  (typeof value === 'string' && value !== '') ||
  (isPlainObject(value) && ('id' in value || 'value' in value))

/** The one-value check of each field type, and the words that say what it wants. */
const SCALARS: Record<
  string,
  { accepts: (value: unknown) => boolean; wants: string; wantsMany: string }
> = {
  text: { accepts: isText, wants: 'text', wantsMany: 'texts' },
  number: { accepts: isNumber, wants: 'a number', wantsMany: 'numbers' },
  date: {
    accepts: isDate,
    wants: 'a date (e.g. 2020-01-02 or 2020-01-02T09:00:00Z)',
    wantsMany: 'dates',
  },
  checkbox: { accepts: isBoolean, wants: 'true or false', wantsMany: 'true or false values' },
  relationship: { accepts: isRelation, wants: 'an id', wantsMany: 'ids' },
}

const scalarKind = (type: string): string | undefined =>
  TEXT_FIELD_TYPES.has(type)
    ? 'text'
    : type === 'upload'
      ? 'relationship'
      : type in SCALARS
        ? type
        : undefined

export type DataTypeProblem = { path: string; message: string }

/**
 * The first value of `data` that cannot be stored in its field: text where a list or an object
 * came, a date that is no date, a list of rows that is not a list. Payload passes many of
 * these to the database, which fails with a 500. Unknown keys, null and empty values, rich
 * text, JSON and points are left to Payload. Paths are Payload's (`items.0.body`).
 */
export const findDataTypeProblem = ({
  fields,
  data,
  prefix = '',
}: {
  fields: TypedField[]
  data: unknown
  prefix?: string
}): DataTypeProblem | null => {
  if (!isPlainObject(data)) return null
  for (const field of fields) {
    if (!(field.name in data)) continue
    const value = data[field.name]
    const path = `${prefix}${field.name}`
    if (value === null && (field.type === 'array' || field.type === 'blocks')) {
      // Payload fails on a null list of rows (500) where it takes an empty one.
      return { path, message: 'must be a list of rows ([] for none), not null' }
    }
    if (value === null || value === undefined) continue
    const problem = valueProblem({ field, value, path })
    if (problem) return problem
  }
  return null
}

const valueProblem = ({
  field,
  value,
  path,
}: {
  field: TypedField
  value: unknown
  path: string
}): DataTypeProblem | null => {
  const scalar = scalarKind(field.type)
  if (scalar) {
    const { accepts, wants, wantsMany } = SCALARS[scalar]
    if (field.hasMany) {
      if (!Array.isArray(value))
        return { path, message: `must be a list of ${wantsMany}, not ${kindOf(value)}` }
      const index = value.findIndex((item) => item !== null && !accepts(item))
      return index === -1
        ? null
        : { path: `${path}.${index}`, message: `must be ${wants}, not ${kindOf(value[index])}` }
    }
    if (scalar === 'text' && value === '') return null
    return accepts(value) ? null : { path, message: `must be ${wants}, not ${kindOf(value)}` }
  }
  if (field.type === 'group' && field.flattenedFields) {
    if (!isPlainObject(value)) return { path, message: `must be an object, not ${kindOf(value)}` }
    return findDataTypeProblem({ fields: field.flattenedFields, data: value, prefix: `${path}.` })
  }
  // The admin's form sends an array or blocks field left empty as 0, its number of rows.
  if ((field.type === 'array' || field.type === 'blocks') && value === 0) return null
  if ((field.type === 'array' || field.type === 'blocks') && !Array.isArray(value)) {
    return { path, message: `must be a list of rows, not ${kindOf(value)}` }
  }
  if (field.type === 'array' && field.flattenedFields && Array.isArray(value)) {
    return rowsProblem({ rows: value, path, fieldsOf: () => field.flattenedFields })
  }
  if (field.type === 'blocks' && Array.isArray(value)) {
    return rowsProblem({
      rows: value,
      path,
      fieldsOf: (row) =>
        field.blocks?.find((block) => block.slug === row.blockType)?.flattenedFields,
    })
  }
  return null
}

const rowsProblem = ({
  rows,
  path,
  fieldsOf,
}: {
  rows: unknown[]
  path: string
  fieldsOf: (row: Record<string, unknown>) => TypedField[] | undefined
}): DataTypeProblem | null => {
  for (const [index, row] of rows.entries()) {
    if (!isPlainObject(row)) {
      return { path: `${path}.${index}`, message: `must be a row (an object), not ${kindOf(row)}` }
    }
    const fields = fieldsOf(row)
    const problem =
      fields && findDataTypeProblem({ fields, data: row, prefix: `${path}.${index}.` })
    if (problem) return problem
  }
  return null
}
