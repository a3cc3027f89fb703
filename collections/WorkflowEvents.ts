import { Forbidden, type CollectionConfig } from 'payload'

import { isStaff, nobody } from './access/index.ts'
import { slugs } from './slugs.ts'
import { DOCUMENT_KEY_FIELD } from '../lib/siteTransfer.ts'
import {
  ACTION_LABELS,
  ACTIONS,
  SCHEDULE_LABELS,
  SCHEDULE_TYPES,
  STAGE_LABELS,
  STAGES,
} from '../lib/workflow.ts'

const stageOptions = STAGES.map((stage) => ({ label: STAGE_LABELS[stage], value: stage }))

/**
 * The audit trail: one entry per stage change, publish, unpublish or schedule, written by the
 * server. Editors and admins read it all, contributors the entries of their own documents (the
 * editorialWorkflow plugin sets that rule, knowing which collections are reviewed); nobody edits
 * or deletes it, not even through the Local API.
 */
export const WorkflowEvents: CollectionConfig = {
  slug: slugs.workflowEvents,
  labels: { singular: 'Workflow event', plural: 'Workflow events' },
  admin: {
    useAsTitle: 'title',
    defaultColumns: [
      'createdAt',
      'action',
      'title',
      'documentKey',
      'from',
      'to',
      'userName',
      'note',
    ],
    group: 'Admin',
    description: 'Every review step, publish and schedule, as it happened. Read-only.',
  },
  defaultSort: '-createdAt',
  access: { read: isStaff, create: nobody, update: nobody, delete: nobody },
  hooks: {
    beforeChange: [
      ({ operation, req }) => {
        if (operation === 'update') throw new Forbidden(req.t)
      },
    ],
    beforeDelete: [
      ({ req }) => {
        throw new Forbidden(req.t)
      },
    ],
  },
  fields: [
    // Plain values, not a relationship: the trail outlives the documents it describes.
    {
      name: 'documentKey',
      type: 'text',
      index: true,
      required: true,
      label: 'Document',
      admin: { description: 'collection:id, e.g. posts:12' },
      // `npm run db:transfer` rewrites the id when ids change between databases.
      custom: DOCUMENT_KEY_FIELD,
    },
    { name: 'title', type: 'text' },
    {
      name: 'action',
      type: 'select',
      required: true,
      options: ACTIONS.map((action) => ({ label: ACTION_LABELS[action], value: action })),
    },
    { name: 'from', type: 'select', options: stageOptions },
    { name: 'to', type: 'select', options: stageOptions },
    { name: 'user', type: 'relationship', relationTo: slugs.users },
    // The name as it was, so the trail reads the same after accounts change or go.
    { name: 'userName', type: 'text', label: 'By' },
    { name: 'note', type: 'textarea' },
    // Schedules: what is to happen and when (shown in each reader's time zone, not in the note).
    {
      name: 'scheduleType',
      type: 'select',
      options: SCHEDULE_TYPES.map((type) => ({ label: SCHEDULE_LABELS[type], value: type })),
    },
    { name: 'scheduledAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
  ],
}
