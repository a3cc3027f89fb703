import type { Field } from 'payload'

import { isEditorField, isStaffField } from '../access/index.ts'
import { slugs } from '../slugs.ts'
import { SCHEDULE_LABELS, SCHEDULE_TYPES, STAGE_LABELS, STAGES } from '../../lib/workflow.ts'

/** Stage, owner and the note that goes with a stage change, for every reviewed collection. */
export const workflowFields = (): Field[] => [
  {
    name: 'stage',
    type: 'select',
    // Always set by the workflow hook; optional in the API so writes need not send it.
    defaultValue: 'draft',
    index: true,
    options: STAGES.map((stage) => ({ label: STAGE_LABELS[stage], value: stage })),
    access: { read: isStaffField },
    admin: {
      position: 'sidebar',
      readOnly: true,
      description: 'Changed by the workflow actions, never by hand.',
      components: {
        Field: '/components/WorkflowPanel.tsx#WorkflowPanel',
        Cell: '/components/WorkflowCells.tsx#StageCell',
      },
    },
    hooks: {
      // A copy starts its own review.
      beforeDuplicate: [() => 'draft'],
    },
  },
  {
    name: 'owner',
    type: 'relationship',
    relationTo: slugs.users,
    index: true,
    access: { read: isStaffField, update: isEditorField },
    admin: {
      position: 'sidebar',
      description:
        'The writer responsible. Imported documents have none until an editor assigns one.',
    },
  },
  {
    // The next scheduled step, read from the job queue (collections/workflow/scheduling.ts).
    name: 'scheduledFor',
    type: 'date',
    virtual: true,
    label: 'Scheduled',
    access: { read: isStaffField },
    admin: {
      readOnly: true,
      disableBulkEdit: true,
      // The workflow panel shows it on the document, with a way to cancel it.
      components: {
        Field: '/components/WorkflowCells.tsx#NoField',
        Cell: '/components/WorkflowCells.tsx#ScheduledCell',
      },
    },
  },
  {
    name: 'scheduledAction',
    type: 'select',
    virtual: true,
    options: SCHEDULE_TYPES.map((type) => ({ label: SCHEDULE_LABELS[type], value: type })),
    access: { read: isStaffField },
    admin: { hidden: true, disableListColumn: true, disableListFilter: true },
  },
  {
    // Sent with a stage change (required when requesting changes); kept in the audit trail.
    name: 'workflowNote',
    type: 'textarea',
    virtual: true,
    admin: { hidden: true },
  },
]
