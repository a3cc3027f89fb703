import type { Field } from 'payload'

/**
 * Applies `change` to every data field that holds no other fields (text, relationship, rich
 * text…), however deep it sits in arrays, groups, rows, tabs or blocks; containers are kept.
 */
export const mapFields = (fields: Field[], change: (field: Field) => Field): Field[] =>
  fields.map((field): Field => {
    if (field.type === 'tabs') {
      return {
        ...field,
        tabs: field.tabs.map((tab) => ({ ...tab, fields: mapFields(tab.fields, change) })),
      }
    }
    if ('fields' in field && Array.isArray(field.fields)) {
      return { ...field, fields: mapFields(field.fields, change) }
    }
    if (field.type === 'blocks') {
      return {
        ...field,
        blocks: field.blocks.map((block) => ({
          ...block,
          fields: mapFields(block.fields, change),
        })),
      }
    }
    return change(field)
  })
