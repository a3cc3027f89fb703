import type { AdminViewServerProps } from 'payload'
import React from 'react'

import { lastFullWeek } from '../../../lib/digestBuilder.ts'
import { isStaffUser } from '../../../lib/roles.ts'
import { DigestBuilder } from './DigestBuilder.tsx'

/**
 * The digest builder's admin view (`/admin/collections/digests/build`): the week it starts with
 * is the last full one (Monday to Sunday) in the server's time zone, the one every date in the
 * admin is written in.
 */
export const DigestBuilderView = ({ initPageResult }: AdminViewServerProps) => {
  const { user } = initPageResult.req
  if (!isStaffUser(user)) {
    return (
      <div className="gutter--left gutter--right">
        <h1>New digest</h1>
        <p>Log in as staff to build a digest.</p>
      </div>
    )
  }
  return <DigestBuilder initialRange={lastFullWeek(new Date())} />
}
