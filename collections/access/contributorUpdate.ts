import type { Access, Where } from 'payload'

import { CONTRIBUTOR_EDITABLE_STAGES } from '../../lib/workflow.ts'
import { canPublish, isStaffUser } from '../../lib/roles.ts'

/**
 * Editors and admins update anything. Contributors update only documents they own while those
 * are a draft or sent back with changes requested (checked against the latest version), so
 * they can neither touch live content nor edit what is under review. Others nothing.
 */
export const contributorUpdate: Access = ({ req: { user } }) => {
  if (canPublish(user)) return true
  if (!user || !isStaffUser(user)) return false
  const own: Where = { owner: { equals: user.id } }
  const editable: Where = { stage: { in: CONTRIBUTOR_EDITABLE_STAGES } }
  return { and: [own, editable] }
}
