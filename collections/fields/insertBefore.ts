import type { Field } from 'payload'

/** The fields with `added` placed before the first field named `before` (or at the end). */
export const insertBefore = ({
  fields,
  before,
  added,
}: {
  fields: Field[]
  before: string
  added: Field[]
}): Field[] => {
  const at = fields.findIndex((field) => 'name' in field && field.name === before)
  return at === -1 ? [...fields, ...added] : [...fields.slice(0, at), ...added, ...fields.slice(at)]
}
