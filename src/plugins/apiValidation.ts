import type { CollectionConfig, Config, Plugin } from 'payload'

import { checkRelations } from '../../collections/fields/relations.ts'
import { checkRichText } from '../../collections/fields/richTextShape.ts'
import { validateDataTypes } from '../../collections/hooks/validateDataTypes.ts'
import { validateQuery } from '../../collections/hooks/validateQuery.ts'
import {
  staffOnlyDocAccess,
  staffOnlyDocAccessQueries,
} from '../../collections/hooks/staffOnlyDocAccess.ts'
import {
  brokenJsonIsBadRequest,
  databaseUnavailable,
  fileRetrievalIsBadRequest,
} from './errorAnswers.ts'

/** Every check a collection's writes and queries go through, in the order they run. */
const withChecks = (collection: CollectionConfig): CollectionConfig => {
  const checked = checkRichText(checkRelations(collection))
  return {
    ...checked,
    hooks: {
      ...checked.hooks,
      // First: wrong-typed data never reaches another hook, a bad query never the database.
      beforeOperation: [
        validateDataTypes,
        validateQuery,
        ...(checked.hooks?.beforeOperation ?? []),
      ],
    },
    // Before Payload's own routes, which it hides from non-staff callers.
    endpoints:
      checked.endpoints === false ? false : [staffOnlyDocAccess, ...(checked.endpoints ?? [])],
  }
}

/**
 * Bad input gets a 4xx that names the problem, never a 500, whichever way it arrives (REST,
 * GraphQL, the Local API): wrong-typed values and missing related documents are refused before
 * any hook or the database sees them, rich text must be a Lexical document its editor knows,
 * `where` and `sort` must fit the fields, and errors that are the client's (broken JSON, a file
 * address Payload cannot fetch) or the database's (locked, read-only, full) say so. Per-document
 * permissions answer staff only. Payload's own collections get the query check from the
 * workaround register ("internal-collections-unchecked").
 */
export const apiValidation =
  (): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: (config.collections ?? []).map(withChecks),
    hooks: {
      ...config.hooks,
      afterError: [
        ...(config.hooks?.afterError ?? []),
        brokenJsonIsBadRequest,
        fileRetrievalIsBadRequest,
        databaseUnavailable,
      ],
    },
    graphQL: {
      ...config.graphQL,
      validationRules: (args) => [
        ...(config.graphQL?.validationRules?.(args) ?? []),
        ...staffOnlyDocAccessQueries(args),
      ],
    },
  })
