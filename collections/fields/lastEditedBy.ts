import type { Field, FieldAccess } from 'payload'

import { isStaffField } from '../access/index.ts'
import { slugs } from '../slugs.ts'

/** Only the server sets it (collections/hooks/recordEditor.ts): what a client sends is dropped. */
const nobodyViaApi: FieldAccess = () => false

/**
 * Who saved the document last: kept in every version, so the versions list can say who saved
 * each one. Empty for saves made without a signed-in user (the import, system jobs). Staff
 * only, like `owner`.
 */
export const lastEditedByField = (): Field => ({
  name: 'lastEditedBy',
  type: 'relationship',
  relationTo: slugs.users,
  label: 'Last saved by',
  access: { read: isStaffField, create: nobodyViaApi, update: nobodyViaApi },
  admin: {
    position: 'sidebar',
    readOnly: true,
    description: 'Set on every save; each version keeps its own.',
  },
})
