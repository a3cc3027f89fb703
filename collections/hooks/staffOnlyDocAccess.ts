import {
  GraphQLError,
  type ASTVisitor,
  type ExecutionArgs,
  type FieldNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql'
import type { Payload, PayloadRequest } from 'payload'

import { isStaffUser } from '../access/index.ts'

/** Payload's per-document permission route: `POST /api/<collection>/access/<id>`. */
const DOC_ACCESS_PATH = '/access/:id?'

const notFound = () => Response.json({ errors: [{ message: 'Not Found' }] }, { status: 404 })

/**
 * The admin panel asks Payload which fields of a document its user may edit. Asked by anyone
 * else, the answer told documents apart by their state: `{"fields": {}}` for a draft, 404 for
 * an id that does not exist. Only staff get it now; everyone else gets the same 404.
 */
export const staffOnlyDocAccessRoutes = (payload: Payload): void => {
  for (const { config } of Object.values(payload.collections)) {
    if (!Array.isArray(config.endpoints)) continue
    for (const endpoint of config.endpoints) {
      if (endpoint.path !== DOC_ACCESS_PATH) continue
      const handler = endpoint.handler
      endpoint.handler = (req) => (isStaffUser(req.user) ? handler(req) : notFound())
    }
  }
}

/**
 * The same rule for GraphQL's `docAccess<Collection>` queries, as a validation rule; and for its
 * `Access` query, which failed for anonymous callers with a 500 (Payload drops the `false` of
 * `canAccessAdmin`, a field GraphQL requires). REST's `/api/access` still answers everyone.
 */
export const staffOnlyDocAccessQueries = (args: ExecutionArgs): ValidationRule[] => {
  const req = (args.contextValue as { req?: PayloadRequest } | undefined)?.req
  if (isStaffUser(req?.user)) return []
  const rule = (context: ValidationContext): ASTVisitor => ({
    Field: (node: FieldNode) => {
      const name = node.name.value
      const isPermissionQuery = name === 'Access' || name.startsWith('docAccess')
      if (!isPermissionQuery || context.getParentType() !== args.schema.getQueryType()) {
        return
      }
      context.reportError(
        new GraphQLError(`${name} is for signed-in staff (the admin panel).`, { nodes: node }),
      )
    },
  })
  return [rule]
}
