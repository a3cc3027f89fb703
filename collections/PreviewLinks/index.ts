import type { CollectionConfig } from 'payload'

import { DOCUMENT_KEY_FIELD } from '../../lib/siteTransfer.ts'
import { editorsOrOwnLinks, nobody } from '../access/index.ts'
import { slugs } from '../slugs.ts'

/**
 * Shareable, expiring links to one draft. Only a hash of each link's secret is stored; editors
 * see every link and contributors their own, and revoke one by deleting it.
 */
export const PreviewLinks: CollectionConfig = {
  slug: slugs.previewLinks,
  labels: { singular: 'Preview link', plural: 'Preview links' },
  admin: {
    useAsTitle: 'documentKey',
    defaultColumns: ['documentKey', 'expiresAt', 'createdBy', 'createdAt'],
    group: 'Admin',
    description:
      'Links that let anyone holding them read one draft until they expire. Delete one to revoke it.',
  },
  access: { read: editorsOrOwnLinks, create: nobody, update: nobody, delete: editorsOrOwnLinks },
  fields: [
    {
      name: 'documentKey',
      type: 'text',
      required: true,
      index: true,
      admin: { readOnly: true },
      // `npm run db:transfer` rewrites the id when ids change between databases.
      custom: DOCUMENT_KEY_FIELD,
    },
    { name: 'tokenHash', type: 'text', required: true, index: true, admin: { hidden: true } },
    {
      name: 'expiresAt',
      type: 'date',
      required: true,
      admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
    { name: 'createdBy', type: 'relationship', relationTo: slugs.users, admin: { readOnly: true } },
  ],
}
