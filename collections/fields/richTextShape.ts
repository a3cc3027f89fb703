import { ValidationError, type CollectionConfig, type FieldHook } from 'payload'

import { getEnabledNodes, type SanitizedServerEditorConfig } from '@payloadcms/richtext-lexical'

import { findRichTextProblem } from '../../lib/richTextShape.ts'
import { mapFields } from './mapFields.ts'

/** Nodes every Lexical editor has, whatever its features. */
const CORE_NODE_TYPES = ['root', 'paragraph', 'text', 'linebreak', 'tab']

const nodeTypesByEditor = new WeakMap<object, ReadonlySet<string>>()

/** The node types a rich text field's editor knows: Lexical's own and its features'. */
const nodeTypesOf = (field: unknown): ReadonlySet<string> | undefined => {
  const editorConfig = (field as { editor?: { editorConfig?: SanitizedServerEditorConfig } }).editor
    ?.editorConfig
  if (!editorConfig) return undefined
  let types = nodeTypesByEditor.get(editorConfig)
  if (!types) {
    const names = getEnabledNodes({ editorConfig }).map((node) =>
      'replace' in node ? node.replace.getType() : node.getType(),
    )
    types = new Set([...CORE_NODE_TYPES, ...names])
    nodeTypesByEditor.set(editorConfig, types)
  }
  return types
}

/**
 * Refuses rich text that is not a Lexical document with a 400 naming the field. Payload's
 * Lexical validation let `"text"`, `{"root": 5}`, a list or node types the editor does not
 * have through (an editor then cannot open the document), and `children` that are not a list
 * reached the database as a 500. Runs before validation, so drafts are checked too.
 */
export const richTextIsLexical: FieldHook = ({ value, path, field, collection, req }) => {
  const problem = findRichTextProblem(value, nodeTypesOf(field))
  if (!problem) return value as unknown
  throw new ValidationError({
    collection: collection?.slug,
    errors: [{ path: (path ?? [field.name]).join('.'), message: `Rich text ${problem}` }],
    req,
  })
}

/** The collection with every rich text field checked on save (see `richTextIsLexical`). */
export const checkRichText = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  fields: mapFields(collection.fields, (field) => {
    if (field.type !== 'richText') return field
    const hooks = field.hooks ?? {}
    return {
      ...field,
      hooks: { ...hooks, beforeValidate: [richTextIsLexical, ...(hooks.beforeValidate ?? [])] },
    }
  }),
})
