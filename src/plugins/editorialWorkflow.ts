import type { CollectionConfig, CollectionSlug, Config, Plugin } from 'payload'

import { contributorUpdate } from '../../collections/access/contributorUpdate.ts'
import { insertBefore } from '../../collections/fields/insertBefore.ts'
import { WorkflowEvents } from '../../collections/WorkflowEvents.ts'
import { workflowEndpoint } from '../../collections/workflow/endpoint.ts'
import { workflowFields } from '../../collections/workflow/fields.ts'
import {
  enforceWorkflow,
  recordWorkflowEvents,
  rememberDraftSave,
} from '../../collections/workflow/hooks.ts'
import { jobsCollectionOverrides } from '../../collections/workflow/scheduling.ts'

type ReviewedSlug = Parameters<typeof workflowEndpoint>[0]

const reviewed = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  admin: {
    ...collection.admin,
    components: {
      ...collection.admin?.components,
      edit: {
        ...collection.admin?.components?.edit,
        PublishButton: '/components/EditorsPublishButton.tsx#EditorsPublishButton',
      },
    },
  },
  // Contributors edit only their own drafts, and nothing under review or live.
  access: { ...collection.access, update: contributorUpdate },
  endpoints: [...(collection.endpoints || []), workflowEndpoint(collection.slug as ReviewedSlug)],
  hooks: {
    ...collection.hooks,
    beforeOperation: [...(collection.hooks?.beforeOperation ?? []), rememberDraftSave],
    beforeChange: [...(collection.hooks?.beforeChange ?? []), enforceWorkflow],
    afterChange: [...(collection.hooks?.afterChange ?? []), recordWorkflowEvents],
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
 * endpoint and sidebar, the review queue on the dashboard, and scheduled publishing shown to
 * editors as background jobs. The scheduling check itself is wired by the workaround register
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
          '/components/ReviewQueue.tsx#ReviewQueue',
        ],
      },
    },
    collections: [
      ...(config.collections ?? []).map((collection) =>
        (collections as readonly string[]).includes(collection.slug)
          ? reviewed(collection)
          : collection,
      ),
      WorkflowEvents,
    ],
    jobs: { ...config.jobs, jobsCollectionOverrides },
  })
