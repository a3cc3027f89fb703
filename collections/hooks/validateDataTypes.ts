import { ValidationError, type CollectionBeforeOperationHook, type CollectionConfig } from 'payload'

import { findDataTypeProblem } from '../../lib/dataTypes.ts'

/**
 * Refuses a create or update whose data holds a value of the wrong kind for its field (an
 * object for an excerpt, a list for a status, rows that are not a list) with a 400 naming the
 * field, before any hook or the database sees it: Payload stores many of these as they come,
 * and SQLite then fails with a 500.
 */
export const validateDataTypes: CollectionBeforeOperationHook = ({
  args,
  collection,
  operation,
  req,
}) => {
  if (operation !== 'create' && operation !== 'update') return args
  const problem = findDataTypeProblem({
    fields: collection.flattenedFields,
    data: 'data' in args ? args.data : undefined,
  })
  if (!problem) return args
  throw new ValidationError({
    collection: collection.slug,
    errors: [{ path: problem.path, message: `${problem.path} ${problem.message}` }],
    req,
  })
}

/** The collection with `validateDataTypes` first among its beforeOperation hooks. */
export const checkDataTypes = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: {
    ...collection.hooks,
    beforeOperation: [validateDataTypes, ...(collection.hooks?.beforeOperation ?? [])],
  },
})
