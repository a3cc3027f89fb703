import {
  GraphQLError,
  type ASTVisitor,
  type ExecutionArgs,
  type FieldNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql'
import {
  docAccessOperation,
  headersWithCors,
  type CollectionSlug,
  type Endpoint,
  type PayloadRequest,
} from 'payload'

import { errorBody } from '../../lib/errors.ts'
import { isStaffUser } from '../../lib/roles.ts'

/** Payload's per-document permission route: `POST /api/<collection>/access/<id>`. */
const DOC_ACCESS_PATH = '/access/:id?'

/**
 * The admin panel asks Payload which fields of a document its user may edit. Asked by anyone
 * else, the answer told documents apart by their state: `{"fields": {}}` for a draft, 404 for
 * an id that does not exist. Only staff get it now (Payload's own answer, from its exported
 * docAccess operation); everyone else gets the same 404. Listed before Payload's own route,
 * which it then hides.
 */
export const staffOnlyDocAccess: Endpoint = {
  path: DOC_ACCESS_PATH,
  method: 'post',
  handler: async (req) => {
    const slug = req.routeParams?.collection
    const collection =
      typeof slug === 'string' ? req.payload.collections[slug as CollectionSlug] : undefined
    if (!isStaffUser(req.user) || !collection) {
      return Response.json(errorBody('Not Found'), { status: 404 })
    }
    // Ids come as text; numeric ids are numbers to the database (as Payload's own route does).
    const raw = req.routeParams?.id
    const id =
      typeof raw === 'string' &&
      req.payload.db.defaultIDType === 'number' &&
      collection.customIDType !== 'text'
        ? parseFloat(raw)
        : (raw as string | undefined)
    const result = await docAccessOperation({ id, collection, data: req.data, req })
    return Response.json(result, { headers: headersWithCors({ headers: new Headers(), req }) })
  },
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
