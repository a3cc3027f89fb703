import {
  NotFound,
  type CollectionBeforeOperationHook,
  type FlattenedField,
  type Payload,
} from 'payload'

import { isPossibleId, type IdType } from '../../lib/values.ts'
import { BadRequestError } from '../errors.ts'
import { findWhereProblem, type QueriedField } from '../../lib/whereProblems.ts'

const idTypeOf = (payload: Payload): IdType =>
  payload.db.defaultIDType === 'number' ? 'number' : 'text'

/** Walks a dotted path through groups, arrays, tabs and (single-collection) relationships. */
const resolverFor =
  ({ payload, fields }: { payload: Payload; fields: FlattenedField[] }) =>
  (path: string): QueriedField | undefined => {
    let current: FlattenedField[] | undefined = fields
    let found: FlattenedField | undefined
    for (const segment of path.split('.')) {
      if (!current) return undefined
      found = current.find((field) => 'name' in field && field.name === segment)
      if (!found) return undefined
      if ('flattenedFields' in found) {
        current = found.flattenedFields
      } else if (
        (found.type === 'relationship' || found.type === 'upload') &&
        typeof found.relationTo === 'string'
      ) {
        current = payload.collections[found.relationTo]?.config.flattenedFields
      } else {
        current = undefined
      }
    }
    return found
      ? { type: found.type, hasMany: 'hasMany' in found ? Boolean(found.hasMany) : false }
      : undefined
  }

/**
 * Answers a malformed query with 400 (or 404 for an id that cannot exist) before the database
 * sees it and fails with a 500: a date that is not a date, an id that is not an id, an
 * operator the field cannot take. Runs for REST, GraphQL and the Local API alike.
 */
export const validateQuery: CollectionBeforeOperationHook = ({ args, collection, req }) => {
  const idType = idTypeOf(req.payload)
  const { id, where, sort } = args as { id?: unknown; where?: unknown; sort?: unknown }
  if (id !== undefined && !isPossibleId({ id, idType })) throw new NotFound(req.t)
  const resolve = resolverFor({ payload: req.payload, fields: collection.flattenedFields })
  const problem = findWhereProblem({ where, idType, resolve }) ?? findSortProblem({ sort, resolve })
  if (problem) throw new BadRequestError(problem)
  return args
}

/** Fields every collection can be sorted on without declaring them. */
const BUILT_IN_SORTS = new Set(['id', 'createdAt', 'updatedAt'])

/** An unknown sort field is a mistake to report, not a request to ignore silently. */
export const findSortProblem = ({
  sort,
  resolve,
}: {
  sort: unknown
  resolve: (path: string) => QueriedField | undefined
}): string | null => {
  if (sort === undefined || sort === null || sort === '') return null
  const items = Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : [sort]
  for (const item of items) {
    if (typeof item !== 'string') return `sort ${JSON.stringify(item)} must be a field name`
    const path = item.trim().replace(/^[-+]/, '')
    if (path === '' || BUILT_IN_SORTS.has(path)) continue
    if (!resolve(path)) {
      return `sort "${item}": there is no field "${path}" to sort on (prefix "-" for newest or largest first)`
    }
  }
  return null
}
