/**
 * The relations an answer carries as bare ids, and the answer without some of them.
 *
 * Payload leaves the id of a related document in an answer when it does not populate it: at
 * `depth=0`, beyond the requested depth (the relations of populated documents), and when the
 * reader may not read it ("ids are visible regardless of access controls"). These functions find
 * those ids in a tree of documents, knowing from the depth whether Payload tried to populate
 * each one, and rebuild the tree without the ones a caller names. Pure: the fields come from
 * the caller (Payload's `flattenedFields` fit the shape below).
 */
import { isPlainObject } from './values.ts'

export type Id = number | string

/** What the walk reads of a (flattened) field: Payload's `FlattenedField` has this shape. */
export type RelationSchemaField = {
  type: string
  name?: string
  relationTo?: string | readonly string[]
  collection?: string | readonly string[]
  hasMany?: boolean
  maxDepth?: number
  flattenedFields?: readonly RelationSchemaField[]
  blocks?: readonly { slug: string; flattenedFields?: readonly RelationSchemaField[] }[]
}

/** A relation held as a bare id. */
export type RelationRef = {
  collection: string
  id: Id
  /** True when Payload tried to populate it (so a bare id means it could not read it). */
  isPopulationTried: boolean
}

export type RelationWalk = {
  /** The documents of the answer, all of `collection`. */
  docs: readonly unknown[]
  collection: string
  /** The flattened fields of a collection; undefined for a collection not known. */
  fieldsOf: (collection: string) => readonly RelationSchemaField[] | undefined
  /** The depth Payload populated the answer to (after its defaults and maximum). */
  depth: number
  /**
   * Only rich text's references, not relationship, upload or join fields: for answers whose
   * relations are resolved elsewhere (GraphQL's own resolvers).
   */
  isRichTextOnly?: boolean
}

/** The key of a document in the sets below. */
export const refKey = ({ collection, id }: { collection: string; id: Id }): string =>
  `${collection}:${String(id)}`

const isId = (value: unknown): value is Id =>
  (typeof value === 'number' && Number.isFinite(value)) ||
  (typeof value === 'string' && value !== '')

/** A marker for an entry to leave out of its list. */
const DROP = Symbol('drop')

type Visitor = {
  depth: number
  fieldsOf: RelationWalk['fieldsOf']
  isRichTextOnly?: boolean
  /** Called for each bare id: true keeps it, false leaves it out, a document takes its place. */
  decide: (ref: RelationRef) => boolean | Record<string, unknown>
  /** Called for each document met: populated documents are ones the reader may read. */
  seen: (collection: string, id: Id) => void
}

/** Maps a list, giving back the same list when nothing changed and leaving out DROPs. */
const mapList = (list: readonly unknown[], each: (entry: unknown) => unknown): unknown[] => {
  let isChanged = false
  const out: unknown[] = []
  for (const entry of list) {
    const next = each(entry)
    if (next !== entry) isChanged = true
    if (next !== DROP) out.push(next)
  }
  return isChanged ? out : (list as unknown[])
}

/** Payload populates a relation of a document at `level` (1: the answer's own documents) when… */
const isPopulationTried = (field: RelationSchemaField, level: number, depth: number): boolean => {
  const populateDepth =
    typeof field.maxDepth === 'number' && field.maxDepth < depth ? field.maxDepth : depth
  return populateDepth > 0 && level <= populateDepth
}

const walkDocument = (
  doc: unknown,
  collection: string,
  level: number,
  visitor: Visitor,
): unknown => {
  if (!isPlainObject(doc)) return doc
  const fields = visitor.fieldsOf(collection)
  if (!fields) return doc
  if (isId(doc.id)) visitor.seen(collection, doc.id)
  return walkFields(doc, fields, level, visitor)
}

/** One relation's value: an id, a populated document, or `{ relationTo, value }`. */
const walkRelated = ({
  entry,
  field,
  level,
  visitor,
}: {
  entry: unknown
  field: RelationSchemaField
  level: number
  visitor: Visitor
}): unknown => {
  const isPopulationTriedHere = isPopulationTried(field, level, visitor.depth)
  if (Array.isArray(field.relationTo)) {
    if (!isPlainObject(entry) || typeof entry.relationTo !== 'string') return entry
    const target = entry.value
    if (isPlainObject(target)) {
      const walked = walkDocument(target, entry.relationTo, level + 1, visitor)
      return walked === target ? entry : { ...entry, value: walked }
    }
    if (!isId(target)) return entry
    const ref = {
      collection: entry.relationTo,
      id: target,
      isPopulationTried: isPopulationTriedHere,
    }
    const decided = visitor.decide(ref)
    return decided === true ? entry : decided === false ? DROP : { ...entry, value: decided }
  }
  if (typeof field.relationTo !== 'string') return entry
  if (isPlainObject(entry)) return walkDocument(entry, field.relationTo, level + 1, visitor)
  if (!isId(entry)) return entry
  const ref = { collection: field.relationTo, id: entry, isPopulationTried: isPopulationTriedHere }
  const decided = visitor.decide(ref)
  return decided === true ? entry : decided === false ? DROP : decided
}

const walkRelation = (
  value: unknown,
  field: RelationSchemaField,
  level: number,
  visitor: Visitor,
): unknown => {
  const each = (entry: unknown) => walkRelated({ entry, field, level, visitor })
  if (Array.isArray(value)) return mapList(value, each)
  const walked = each(value)
  return walked === DROP ? null : walked
}

/**
 * A join's documents. Payload reads them with the reader's access, so its ids are readable;
 * only the populated documents' own relations are walked.
 */
const walkJoin = (
  value: unknown,
  field: RelationSchemaField,
  level: number,
  visitor: Visitor,
): unknown => {
  if (!isPlainObject(value) || !Array.isArray(value.docs)) return value
  const docs = mapList(value.docs, (entry) => {
    if (Array.isArray(field.collection)) {
      if (!isPlainObject(entry) || typeof entry.relationTo !== 'string') return entry
      const target = entry.value
      if (!isPlainObject(target)) return entry
      const walked = walkDocument(target, entry.relationTo, level + 1, visitor)
      return walked === target ? entry : { ...entry, value: walked }
    }
    return typeof field.collection === 'string'
      ? walkDocument(entry, field.collection, level + 1, visitor)
      : entry
  })
  return docs === value.docs ? value : { ...value, docs }
}

/**
 * Lexical's references: relationship and upload nodes (`relationTo`, `value`) and internal links
 * (`fields.doc`). Lexical sets a reference it could not populate to null, so a bare id is one it
 * did not try: it is asked about, and set to null (as Lexical does) when hidden.
 */
const walkReference = (reference: Record<string, unknown>, level: number, visitor: Visitor) => {
  const { relationTo, value } = reference
  if (typeof relationTo !== 'string') return reference
  if (isPlainObject(value)) {
    const walked = walkDocument(value, relationTo, level + 1, visitor)
    return walked === value ? reference : { ...reference, value: walked }
  }
  if (!isId(value)) return reference
  const decided = visitor.decide({ collection: relationTo, id: value, isPopulationTried: false })
  return decided === true ? reference : { ...reference, value: decided === false ? null : decided }
}

const walkRichText = (node: unknown, level: number, visitor: Visitor): unknown => {
  if (Array.isArray(node)) return mapList(node, (child) => walkRichText(child, level, visitor))
  if (!isPlainObject(node)) return node
  let out = node
  const set = (key: string, next: unknown) => {
    if (next === out[key]) return
    if (out === node) out = { ...node }
    out[key] = next
  }
  if ((node.type === 'relationship' || node.type === 'upload') && 'relationTo' in node) {
    out = walkReference(node, level, visitor)
  }
  if (isPlainObject(node.fields) && isPlainObject(node.fields.doc)) {
    const doc = walkReference(node.fields.doc, level, visitor)
    if (doc !== node.fields.doc) set('fields', { ...node.fields, doc })
  }
  if (isPlainObject(node.root)) set('root', walkRichText(node.root, level, visitor))
  if (Array.isArray(node.children)) set('children', walkRichText(node.children, level, visitor))
  return out
}

const walkFields = (
  data: Record<string, unknown>,
  fields: readonly RelationSchemaField[],
  level: number,
  visitor: Visitor,
): Record<string, unknown> => {
  let out = data
  const set = (name: string, next: unknown) => {
    if (next === out[name]) return
    if (out === data) out = { ...data }
    out[name] = next
  }
  for (const field of fields) {
    const name = field.name
    if (!name || !(name in data)) continue
    const value = data[name]
    const isRelation = ['relationship', 'upload', 'join'].includes(field.type)
    if (isRelation && visitor.isRichTextOnly) continue
    if (field.type === 'relationship' || field.type === 'upload') {
      set(name, walkRelation(value, field, level, visitor))
    } else if (field.type === 'join') {
      set(name, walkJoin(value, field, level, visitor))
    } else if (field.type === 'richText') {
      set(name, walkRichText(value, level, visitor))
    } else if ((field.type === 'group' || field.type === 'tab') && field.flattenedFields) {
      const inner = field.flattenedFields
      if (isPlainObject(value)) set(name, walkFields(value, inner, level, visitor))
    } else if (field.type === 'array' && field.flattenedFields && Array.isArray(value)) {
      const inner = field.flattenedFields
      set(
        name,
        mapList(value, (row) =>
          isPlainObject(row) ? walkFields(row, inner, level, visitor) : row,
        ),
      )
    } else if (field.type === 'blocks' && Array.isArray(value)) {
      set(
        name,
        mapList(value, (row) => {
          if (!isPlainObject(row)) return row
          const block = field.blocks?.find((candidate) => candidate.slug === row.blockType)
          return block?.flattenedFields
            ? walkFields(row, block.flattenedFields, level, visitor)
            : row
        }),
      )
    }
  }
  return out
}

/**
 * Every relation of the answer held as a bare id, and the documents it shows populated (or as
 * its own documents): those the reader is known to read.
 */
export const findRelationRefs = ({
  docs,
  collection,
  fieldsOf,
  depth,
  isRichTextOnly,
}: RelationWalk): { refs: RelationRef[]; shown: Set<string> } => {
  const refs: RelationRef[] = []
  const shown = new Set<string>()
  const visitor: Visitor = {
    depth,
    fieldsOf,
    isRichTextOnly,
    decide: (ref) => {
      refs.push(ref)
      return true
    },
    seen: (seenCollection, id) => shown.add(refKey({ collection: seenCollection, id })),
  }
  for (const doc of docs) walkDocument(doc, collection, 1, visitor)
  return { refs, shown }
}

/**
 * The answer's documents without the relations `isHidden` names: left out of hasMany lists,
 * `null` for a single relation (and a rich-text reference's value). Unchanged documents are
 * given back as they came.
 */
export const withoutRelations = ({
  docs,
  collection,
  fieldsOf,
  depth,
  isRichTextOnly,
  isHidden,
}: RelationWalk & { isHidden: (ref: RelationRef) => boolean }): unknown[] => {
  const visitor: Visitor = {
    depth,
    fieldsOf,
    isRichTextOnly,
    decide: (ref) => !isHidden(ref),
    seen: () => {},
  }
  return docs.map((doc) => walkDocument(doc, collection, 1, visitor))
}

/**
 * The answer's documents with each bare id replaced by the document `documentOf` gives for it,
 * or left out (as `withoutRelations` does) when it gives none: a population done by hand.
 */
export const withRelationsReplaced = ({
  docs,
  collection,
  fieldsOf,
  depth,
  documentOf,
}: RelationWalk & {
  documentOf: (ref: RelationRef) => Record<string, unknown> | undefined
}): unknown[] => {
  const visitor: Visitor = {
    depth,
    fieldsOf,
    decide: (ref) => documentOf(ref) ?? false,
    seen: () => {},
  }
  return docs.map((doc) => walkDocument(doc, collection, 1, visitor))
}

/** How much of a collection a reader may read: all, none, or some (a filter decides). */
export type ReadScope = 'all' | 'none' | 'some'

/**
 * What to do with the bare ids of an answer: `hidden`, the ones the reader cannot read as far as
 * the answer already shows (Payload tried to populate them and could not, or the reader reads
 * none of the collection); `toCheck`, per collection, the ones nobody tried. Ids of collections
 * the reader reads whole, and of documents the answer shows populated, are kept without a
 * question.
 */
export const planRelationChecks = ({
  refs,
  shown,
  scopeOf,
}: {
  refs: readonly RelationRef[]
  shown: ReadonlySet<string>
  scopeOf: (collection: string) => ReadScope
}): { hidden: Set<string>; toCheck: Map<string, Id[]> } => {
  const hidden = new Set<string>()
  const toCheck = new Map<string, Id[]>()
  const isAsked = (ref: RelationRef) => scopeOf(ref.collection) !== 'all' && !shown.has(refKey(ref))
  const isSettled = (ref: RelationRef) =>
    ref.isPopulationTried || scopeOf(ref.collection) === 'none'
  for (const ref of refs) if (isAsked(ref) && isSettled(ref)) hidden.add(refKey(ref))
  const queued = new Set<string>()
  for (const ref of refs) {
    const key = refKey(ref)
    if (!isAsked(ref) || hidden.has(key) || queued.has(key)) continue
    queued.add(key)
    toCheck.set(ref.collection, [...(toCheck.get(ref.collection) ?? []), ref.id])
  }
  return { hidden, toCheck }
}
