import type { CollectionConfig } from 'payload'

import { isStaffField } from './access/index.ts'
import { namedCollection } from './fields/named.ts'
import { validateTwitterHandle, validateWebUrl } from './fields/validators.ts'
import { slugs } from './slugs.ts'

/** Public bylines. Not login accounts: see Users. */
export const Authors: CollectionConfig = namedCollection({
  slug: slugs.authors,
  countsPostsBy: 'author',
  defaultColumns: ['name', 'slug', 'twitter', 'updatedAt'],
  defaultPopulate: { name: true, slug: true },
  fields: [
    {
      name: 'bio',
      type: 'textarea',
      admin: {
        // Bios pasted from a messenger can carry "Anne Anne, [13.03.19 11:20]" (the seed import warns too).
        components: { afterInput: ['/components/ChatPasteWarning.tsx#ChatPasteWarning'] },
      },
    },
    {
      name: 'twitter',
      type: 'text',
      label: 'Twitter handle',
      validate: validateTwitterHandle,
      admin: { description: 'Without the "@".' },
    },
    { name: 'website', type: 'text', validate: validateWebUrl },
    {
      name: 'email',
      type: 'email',
      access: { read: isStaffField },
      admin: { description: 'Visible to staff only.' },
    },
  ],
})
