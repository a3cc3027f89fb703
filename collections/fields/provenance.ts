import type { Field, FieldAccess } from 'payload'

import { isStaffField } from '../access/index.ts'

/** Only trusted server code (the importer, with access overridden) writes provenance. */
const nobodyViaApi: FieldAccess = () => false

/**
 * Where an imported document came from: its import key, file, line and a hash of the fields
 * the importer wrote. The importer compares the hash with the document to tell its own
 * writes from an editor's changes.
 */
export const provenanceField = (): Field => ({
  name: 'provenance',
  type: 'group',
  label: 'Import provenance',
  admin: {
    readOnly: true,
    position: 'sidebar',
    description: 'Set by the seed import; read-only.',
    condition: (data: { provenance?: { file?: string } }) => Boolean(data?.provenance?.file),
  },
  access: { read: isStaffField, create: nobodyViaApi, update: nobodyViaApi },
  fields: [
    // Which seed record this document was made from: the importer finds it again by this key.
    { name: 'importKey', type: 'text', index: true, admin: { readOnly: true } },
    { name: 'file', type: 'text', admin: { readOnly: true } },
    { name: 'line', type: 'number', admin: { readOnly: true } },
    { name: 'hash', type: 'text', index: true, admin: { readOnly: true } },
    { name: 'importedAt', type: 'date', admin: { readOnly: true } },
  ],
})
