import { ValidationError, type CollectionConfig, type FieldHook } from 'payload'

import { findRichTextProblem } from '../../src/lib/richTextShape.ts'
import { mapFields } from './mapFields.ts'

/**
 * Refuses rich text that is not a Lexical document with a 400 naming the field. Payload's
 * Lexical validation let `"text"`, `{"root": 5}` or a list through (an editor then cannot open
 * the document), and `children` that are not a list reached the database as a 500. Runs
 * before validation, so drafts are checked too.
 */
export const richTextIsLexical: FieldHook = ({ value, path, field, collection, req }) => {
  const problem = findRichTextProblem(value)
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
