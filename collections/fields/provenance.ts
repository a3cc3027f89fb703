import type { Field, FieldAccess } from 'payload'

import { isStaffField } from '../access/index.ts'

/** Only trusted server code (the importer, with access overridden) writes provenance. */
const nobodyViaApi: FieldAccess = () => false

/**
 * Where an imported document came from: file, line and a hash of the imported text.
 * The importer uses the hash to tell its own writes from an editor's changes.
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
    { name: 'file', type: 'text', admin: { readOnly: true } },
    { name: 'line', type: 'number', admin: { readOnly: true } },
    { name: 'hash', type: 'text', index: true, admin: { readOnly: true } },
    { name: 'importedAt', type: 'date', admin: { readOnly: true } },
  ],
})
