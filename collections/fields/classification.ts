import type { Field } from 'payload'

import { LANGUAGES } from '../../lib/languages.ts'
import { slugs } from '../slugs.ts'

/** The language a post, digest or digest item is written in (ISO 639-1 code). */
export const languageField = ({ isIndexed = true }: { isIndexed?: boolean } = {}): Field => ({
  name: 'language',
  type: 'select',
  options: LANGUAGES.map(({ code, label }) => ({ label, value: code })),
  index: isIndexed,
  admin: {
    description:
      'The import detects it from the script (Latin: English; Persian letters: Persian).',
  },
})

/** The topics a post or digest is about; readers browse and follow them (feeds, search). */
export const topicsField = (): Field => ({
  name: 'topics',
  type: 'relationship',
  relationTo: slugs.topics,
  hasMany: true,
  index: true,
})

/** Free labels as printed by the source, e.g. "weekly digest". */
export const tagsField = (): Field => ({
  name: 'tags',
  type: 'text',
  hasMany: true,
  admin: { description: 'Labels as the material prints them, e.g. "weekly digest".' },
})
