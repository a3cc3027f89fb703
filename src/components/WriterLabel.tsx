'use client'

import { useRowLabel } from '@payloadcms/ui'
import React from 'react'

/** A credited writer's row label: the writer's name, "Writer 02" while it is empty. */
export const WriterLabel: React.FC = () => {
  const { data, rowNumber } = useRowLabel<{ name?: string | null }>()
  const name = data?.name?.trim()
  const label = name || `Writer ${String((rowNumber ?? 0) + 1).padStart(2, '0')}`
  return (
    <span className="row-label" title={label} style={{ pointerEvents: 'none' }}>
      {label}
    </span>
  )
}
