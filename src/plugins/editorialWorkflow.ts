import type { CollectionConfig, CollectionSlug, Config, Plugin } from 'payload'

import { contributorUpdate } from '../../collections/access/contributorUpdate.ts'
import { ownOrPublished, ownVersions, ownWorkflowEvents } from '../../collections/access/ownWork.ts'
import {
  contributorDraftListsAfter,
  contributorDraftListsBefore,
} from '../../collections/hooks/contributorDraftLists.ts'
import { insertBefore } from '../../collections/fields/insertBefore.ts'
import { WorkflowEvents } from '../../collections/WorkflowEvents.ts'
import { workflowEndpoints } from '../../collections/workflow/endpoint.ts'
import { workflowFields } from '../../collections/workflow/fields.ts'
import {
  enforceWorkflow,
  recordWorkflowEvents,
  rememberDraftSave,
} from '../../collections/workflow/hooks.ts'
import { jobsCollectionOverrides, readSchedule } from '../../collections/workflow/scheduling.ts'

type ReviewedSlug = Parameters<typeof workflowEndpoints>[0]

const reviewed = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  admin: {
    ...collection.admin,
    components: {
      ...collection.admin?.components,
      edit: {
        ...collection.admin?.components?.edit,
        // One way to publish: the workflow panel's Publish (src/components/WorkflowPanel.tsx).
        PublishButton: '/components/WorkflowCells.tsx#NoField',
      },
    },
  },
  access: {
    ...collection.access,
    // Contributors read their own work and what is live of everyone else's (collections/access/ownWork.ts).
    read: ownOrPublished(collection.slug as ReviewedSlug),
    readVersions: ownVersions(collection.slug as ReviewedSlug),
    // Contributors edit only their own drafts, and nothing under review or live.
    update: contributorUpdate,
  },
  endpoints: [
    ...(collection.endpoints || []),
    ...workflowEndpoints(collection.slug as ReviewedSlug),
  ],
  hooks: {
    ...collection.hooks,
    beforeOperation: [
      ...(collection.hooks?.beforeOperation ?? []),
      rememberDraftSave,
      contributorDraftListsBefore,
    ],
    afterOperation: [...(collection.hooks?.afterOperation ?? []), contributorDraftListsAfter],
    beforeChange: [...(collection.hooks?.beforeChange ?? []), enforceWorkflow],
    afterChange: [...(collection.hooks?.afterChange ?? []), recordWorkflowEvents],
    afterRead: [...(collection.hooks?.afterRead ?? []), readSchedule],
  },
  // Stage, owner and note sit in the sidebar above the import provenance.
  fields: insertBefore({
    fields: collection.fields,
    before: 'provenance',
    added: workflowFields(),
  }),
})

/**
 * The editorial workflow on the collections it names: review stages kept apart from Payload's
 * draft/published status, rights per role enforced on every write path (collections/workflow
 * hooks, with the rules in lib/workflow.ts), the audit trail (`workflow-events`), the workflow
 * endpoint and sidebar, the editorial dashboard (counts per stage, each user's work, the review
 * queue, schedules and recent steps), and scheduled publishing shown to editors as background jobs. The scheduling check itself is wired by the workaround register
 * ("schedule-publish-unchecked").
 */
export const editorialWorkflow =
  ({ collections }: { collections: readonly CollectionSlug[] }): Plugin =>
  (config: Config): Config => ({
    ...config,
    admin: {
      ...config.admin,
      components: {
        ...config.admin?.components,
        beforeDashboard: [
          ...(config.admin?.components?.beforeDashboard ?? []),
          '/components/EditorialDashboard/index.tsx#EditorialDashboard',
        ],
      },
    },
    collections: [
      ...(config.collections ?? []).map((collection) =>
        (collections as readonly string[]).includes(collection.slug)
          ? reviewed(collection)
          : collection,
      ),
      {
        ...WorkflowEvents,
        access: { ...WorkflowEvents.access, read: ownWorkflowEvents(collections) },
      },
    ],
    jobs: { ...config.jobs, jobsCollectionOverrides },
  })
