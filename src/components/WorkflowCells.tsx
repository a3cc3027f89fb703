'use client'

import type { DefaultCellComponentProps } from 'payload'
import { Pill } from '@payloadcms/ui'
import React from 'react'

import { formatDateTime } from '../../lib/dates.ts'
import {
  isScheduleType,
  isStage,
  SCHEDULE_LABELS,
  STAGE_LABELS,
  STAGE_TONES,
} from '../../lib/workflow.ts'

/** The list's "Scheduled" column: "Publish 5 Dec 2026, 14:00" in the reader's time zone. */
export const ScheduledCell: React.FC<DefaultCellComponentProps> = ({ cellData, rowData }) => {
  if (typeof cellData !== 'string' || cellData === '') return null
  const type = (rowData as { scheduledAction?: unknown }).scheduledAction
  return (
    <span className="scheduled-cell">
      {isScheduleType(type) ? SCHEDULE_LABELS[type] : 'Publish'} {formatDateTime(cellData)}
    </span>
  )
}

/** The list's "Stage" column, as the same pill the workflow panel shows. */
export const StageCell: React.FC<DefaultCellComponentProps> = ({ cellData }) =>
  isStage(cellData) ? (
    <Pill pillStyle={STAGE_TONES[cellData]} size="small">
      {STAGE_LABELS[cellData]}
    </Pill>
  ) : null

/** Fields shown elsewhere (the workflow panel shows the schedule on the document). */
export const NoField: React.FC = () => null
