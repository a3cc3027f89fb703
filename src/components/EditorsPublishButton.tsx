'use client'

import { PublishButton, useAuth } from '@payloadcms/ui'
import React from 'react'

import { canPublish } from '../../lib/roles.ts'

/** Payload's Publish button, shown only to those allowed to publish (editors and admins). */
export const EditorsPublishButton: React.FC = () => {
  const { user } = useAuth()
  return canPublish(user) ? <PublishButton /> : null
}
