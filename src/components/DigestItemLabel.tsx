'use client'

import { useRowLabel } from '@payloadcms/ui'
import React from 'react'

import { digestItemLabel } from '../../lib/digestItems.ts'

type DigestItemRow = { heading?: string | null; body?: unknown }

/**
 * A digest item's row label in the admin: its section heading and the first words of its text
 * (lib/digestItems.ts), "Item 03" while both are empty. Payload's own `row-label` class keeps it
 * looking like the other rows; a label too wide for the row ends in an ellipsis.
 */
export const DigestItemLabel: React.FC = () => {
  const { data, rowNumber } = useRowLabel<DigestItemRow>()
  const label = digestItemLabel({
    heading: data?.heading,
    body: data?.body,
    rowIndex: rowNumber ?? 0,
  })
  return (
    <span
      className="row-label digest-item-label"
      title={label}
      style={{
        pointerEvents: 'none',
        display: 'block',
        minWidth: 0,
        overflow: 'hidden',
        textOverflow: 'ellipsis',
        whiteSpace: 'nowrap',
      }}
    >
      {label}
    </span>
  )
}
