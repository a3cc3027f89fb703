import type {
  CollectionAfterOperationHook,
  CollectionConfig,
  CollectionSlug,
  PayloadRequest,
  SanitizedCollectionConfig,
  SanitizedConfig,
  SelectType,
} from 'payload'

import {
  findRelationRefs,
  planRelationChecks,
  refKey,
  withoutRelations,
  withRelationsReplaced,
  type Id,
  type ReadScope,
  type RelationSchemaField,
} from '../../lib/relationRefs.ts'

type ReadArgs = {
  currentDepth?: number
  depth?: number | string
  overrideAccess?: boolean
}

/**
 * The depth Payload populated an answer to, worked out as its afterRead does: its default when
 * none is given, at most its maximum; 0 (nothing tried) for what it cannot read as a number.
 */
const populatedDepth = (depth: ReadArgs['depth'], config: SanitizedConfig): number => {
  const chosen = depth || depth === 0 ? parseInt(String(depth), 10) : config.defaultDepth
  return Number.isNaN(chosen) ? 0 : Math.max(0, Math.min(chosen, config.maxDepth))
}

/** A collection's config by its slug, as a string (the answer's relations name any). */
const configOf = ({ req, collection }: { req: PayloadRequest; collection: string }) =>
  (req.payload.collections as Record<string, { config: SanitizedCollectionConfig } | undefined>)[
    collection
  ]?.config

const scopes = new WeakMap<object, Map<string, Promise<ReadScope>>>()

/**
 * How much of `collection` the request's reader may read: all of it (its `read` access answers
 * true), none (false), or some (a filter). Asked once per request and collection. Signed-in
 * readers read every account: a colleague's account (an owner, who saved a version) is not
 * content, and the admin names them; anonymous readers never get those fields.
 */
const readScope = ({
  req,
  collection,
}: {
  req: PayloadRequest
  collection: string
}): Promise<ReadScope> => {
  let known = scopes.get(req)
  if (!known) {
    known = new Map()
    scopes.set(req, known)
  }
  let scope = known.get(collection)
  if (!scope) {
    const config = configOf({ req, collection })
    const read = config?.access?.read
    scope =
      req.user && config?.auth
        ? Promise.resolve('all')
        : read
          ? Promise.resolve(read({ req })).then((result) =>
              result === true ? 'all' : result === false ? 'none' : 'some',
            )
          : Promise.resolve('none')
    known.set(collection, scope)
  }
  return scope
}

/** What a readability check reads of a document. */
const ID_ONLY: SelectType = { id: true }

/**
 * The documents among `ids` of `collection` the reader may read, by their `refKey`: one query, by
 * the reader's access, as Payload's own population reads (an `id in […]` list at a nested depth,
 * so public read limits keep it unpaginated; the response cache notes it as a read of those
 * documents, the unreadable ones included).
 */
const readableDocs = async ({
  req,
  collection,
  ids,
  select,
}: {
  req: PayloadRequest
  collection: string
  ids: Id[]
  select?: SelectType
}): Promise<Map<string, Record<string, unknown>>> => {
  const { docs } = await req.payload.find({
    collection: collection as CollectionSlug,
    where: { id: { in: ids } },
    ...(select ? { select } : {}),
    depth: 0,
    currentDepth: 1,
    pagination: false,
    draft: false,
    trash: false,
    overrideAccess: false,
    req,
  })
  return new Map(
    docs.map((doc) => [
      refKey({ collection, id: (doc as { id: Id }).id }),
      doc as unknown as Record<string, unknown>,
    ]),
  )
}

const fieldsOfFor =
  (req: PayloadRequest) =>
  (slug: string): readonly RelationSchemaField[] | undefined =>
    configOf({ req, collection: slug })?.flattenedFields

/**
 * `docs` of `collection`, populated to `depth`, without the relations the request's reader cannot
 * read (see `hideUnreadableRelations`). Gives back `docs` itself when nothing is hidden.
 */
export const withoutUnreadableRelations = async ({
  req,
  collection,
  docs,
  depth,
  isRichTextOnly = false,
  isVersions = false,
}: {
  req: PayloadRequest
  collection: string
  docs: readonly unknown[]
  depth: number
  /** Only rich text's references (see `RelationWalk`). */
  isRichTextOnly?: boolean
  /** `docs` are versions of `collection`: its fields are under `version`. */
  isVersions?: boolean
}): Promise<readonly unknown[]> => {
  const fieldsOf = fieldsOfFor(req)
  const versions = `${collection}#versions`
  const walk = {
    docs,
    collection: isVersions ? versions : collection,
    depth,
    isRichTextOnly,
    fieldsOf: (slug: string): readonly RelationSchemaField[] | undefined =>
      isVersions && slug === versions
        ? [{ type: 'group', name: 'version', flattenedFields: fieldsOf(collection) ?? [] }]
        : fieldsOf(slug),
  }
  const { refs, shown } = findRelationRefs(walk)
  if (refs.length === 0) return docs
  const collections = [...new Set(refs.map((ref) => ref.collection))]
  const scopeBySlug = new Map(
    await Promise.all(
      collections.map(async (slug) => [slug, await readScope({ req, collection: slug })] as const),
    ),
  )
  const { hidden, toCheck } = planRelationChecks({
    refs,
    shown,
    scopeOf: (slug) => scopeBySlug.get(slug) ?? 'none',
  })
  await Promise.all(
    [...toCheck].map(async ([slug, ids]) => {
      const readable = await readableDocs({ req, collection: slug, ids, select: ID_ONLY })
      for (const id of ids) {
        const key = refKey({ collection: slug, id })
        if (!readable.has(key)) hidden.add(key)
      }
    }),
  )
  if (hidden.size === 0) return docs
  return withoutRelations({ ...walk, isHidden: (ref) => hidden.has(refKey(ref)) })
}

/**
 * Leaves out of an answer the relations its reader cannot read: a draft a published post relates
 * to, a trashed author, at every depth (`depth=0` included). Payload leaves their ids ("visible
 * regardless of access controls"), which tells anonymous readers that unpublished documents
 * exist. Removed from hasMany lists, `null` for a single relation. Reads of versions too (a
 * contributor's own post may relate to someone else's draft).
 *
 * Costs nothing more when the answer holds no bare id, or only ids of collections the reader reads
 * whole (editors, admins: their answers are untouched). An id Payload tried to populate and could
 * not is unreadable: no query. Ids nobody tried (`depth=0`, or the relations of the documents at
 * the last populated level) are asked with one query per related collection, unless the answer
 * already shows that document populated. GraphQL resolves relations itself (null when
 * unreadable): only its rich text is checked. Local API reads are left as they are.
 */
export const hideUnreadableRelations: CollectionAfterOperationHook = async ({
  args,
  collection,
  operation,
  req,
  result,
}) => {
  const isList = operation === 'find' || operation === 'findVersions'
  const isVersions = operation === 'findVersions' || operation === 'findVersionByID'
  if (!isList && !isVersions && operation !== 'findByID') return result
  const readArgs = args as ReadArgs
  // The content API only. Local API callers decide for themselves (`withoutUnreadableRelations`):
  // the admin's edit view reads a document that way, and a relation it left out would be lost
  // at the next save.
  if (!result || req.payloadAPI === 'local' || readArgs.overrideAccess === true) return result
  // GraphQL reads every document at depth 0 and resolves its relations itself (null when
  // unreadable), but hands rich text over as read: its references are checked at every level.
  const isGraphQL = req.payloadAPI === 'GraphQL'
  if (!isGraphQL && typeof readArgs.currentDepth === 'number') return result
  const docs: readonly unknown[] = isList ? (result as { docs: unknown[] }).docs : [result]
  const kept = await withoutUnreadableRelations({
    req,
    collection: collection.slug,
    docs,
    depth: populatedDepth(readArgs.depth, req.payload.config),
    isRichTextOnly: isGraphQL,
    isVersions,
  })
  if (kept === docs) return result
  return isList ? { ...result, docs: kept } : kept[0]
}

/**
 * `doc` of `collection`, read by trusted code (access overridden, e.g. a draft a preview link
 * shows), with its relations populated one level deep as the request's reader may read them:
 * the published versions of related documents, none the reader cannot read, and no id of one
 * below. One query per related collection, and the checks of the level below.
 */
export const withRelationsAsReader = async ({
  req,
  collection,
  doc,
}: {
  req: PayloadRequest
  collection: string
  doc: Record<string, unknown>
}): Promise<Record<string, unknown>> => {
  const walk = { docs: [doc], collection, depth: 0, fieldsOf: fieldsOfFor(req) }
  const byCollection = new Map<string, Id[]>()
  for (const ref of findRelationRefs(walk).refs) {
    const ids = byCollection.get(ref.collection) ?? []
    if (!ids.some((id) => String(id) === String(ref.id))) ids.push(ref.id)
    byCollection.set(ref.collection, ids)
  }
  const found = new Map<string, Record<string, unknown>>()
  await Promise.all(
    [...byCollection].map(async ([slug, ids]) => {
      if ((await readScope({ req, collection: slug })) === 'none') return
      // What Payload's population selects: the default populate, and deletedAt with the trash.
      const config = configOf({ req, collection: slug })
      const defaults = config?.defaultPopulate
      const select: SelectType | undefined =
        defaults && config.trash ? { ...defaults, deletedAt: true as const } : defaults
      for (const [key, related] of await readableDocs({ req, collection: slug, ids, select })) {
        found.set(key, related)
      }
    }),
  )
  const [populated] = withRelationsReplaced({
    ...walk,
    documentOf: (ref) => found.get(refKey(ref)),
  })
  const [kept] = await withoutUnreadableRelations({
    req,
    collection,
    docs: [populated],
    depth: 1,
  })
  return kept as Record<string, unknown>
}

/** The collection with `hideUnreadableRelations` after its other afterOperation hooks. */
export const hidingUnreadableRelations = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: {
    ...collection.hooks,
    afterOperation: [...(collection.hooks?.afterOperation ?? []), hideUnreadableRelations],
  },
})
