import type { CollectionConfig } from 'payload'

import { nobody } from './access/index.ts'
import { slugs } from './slugs.ts'

/**
 * A journal of writes that change what anonymous readers get, one row per transaction (naming
 * the first document it wrote), added in the writing transaction (a rolled-back write leaves
 * none). Every instance of the CMS watches it to drop its cached answers when another instance
 * commits (src/plugins/responseCache/changes.ts). Rows are pruned after an hour. Internal: no
 * API, no admin screen.
 */
export const ContentChanges: CollectionConfig = {
  slug: slugs.contentChanges,
  admin: { hidden: true },
  access: { read: nobody, create: nobody, update: nobody, delete: nobody },
  graphQL: false,
  lockDocuments: false,
  fields: [
    { name: 'changedCollection', type: 'text', required: true },
    { name: 'documentId', type: 'text' },
    // The process that wrote it: it already dropped its own cached answers.
    { name: 'instance', type: 'text', required: true, index: true },
  ],
}
