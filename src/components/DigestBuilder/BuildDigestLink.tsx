'use client'

import { Button, useConfig } from '@payloadcms/ui'
import { usePathname } from 'next/navigation'
import React from 'react'

import { slugs } from '../../../collections/slugs.ts'

/**
 * Under the digests list's title, beside "Create new": the way to the digest builder, which
 * proposes a week's published posts as the items of a new draft.
 */
export const BuildDigestLink: React.FC = () => {
  const {
    config: {
      routes: { admin },
    },
  } = useConfig()
  const pathname = usePathname()
  const listPath = `${admin}/collections/${slugs.digests}`
  // Payload renders a collection's Description on its edit views too: the link belongs on the list.
  if (pathname.replace(/\/+$/, '') !== listPath) return null
  return (
    <div className="build-digest-link" style={{ marginTop: 'calc(var(--base) / 2)' }}>
      <Button
        buttonStyle="pill"
        el="link"
        id="build-digest-link"
        margin={false}
        size="small"
        url={`${listPath}/build`}
      >
        New digest from a week
      </Button>
    </div>
  )
}
