import type { CollectionConfig } from 'payload'

import { isEditor, isStaff, publishedOrStaff } from './access/index.ts'
import { contributorUpdate } from './access/contributorUpdate.ts'
import { provenanceField } from './fields/provenance.ts'
import { slug } from './fields/slug.ts'
import { publicReadLimits } from './hooks/publicReadLimits.ts'
import { validateQuery } from './hooks/validateQuery.ts'
import { createPreviewLinkEndpoint } from '../src/endpoints/preview.ts'
import { workflowEndpoint } from './workflow/endpoint.ts'
import { workflowFields } from './workflow/fields.ts'
import { enforceWorkflow, recordWorkflowEvents, rememberDraftSave } from './workflow/hooks.ts'
import { slugs } from './slugs.ts'

/** Weekly digests: numbered issues made of short items, some under a section heading. */
export const Digests: CollectionConfig = {
  slug: slugs.digests,
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'issueNumber', 'issueDate', 'stage', '_status', 'updatedAt'],
    listSearchableFields: ['title', 'slug'],
    group: 'Content',
    components: {
      edit: { PublishButton: '/components/EditorsPublishButton.tsx#EditorsPublishButton' },
    },
  },
  defaultSort: '-issueDate',
  // Published, not in the trash, newest first: see Posts.
  indexes: [{ fields: ['_status', 'deletedAt', 'issueDate'] }],
  trash: true,
  endpoints: [workflowEndpoint(slugs.digests), createPreviewLinkEndpoint(slugs.digests)],
  // Drafts are validated too: without it a draft save let a bad date through to the database (500).
  versions: { drafts: { schedulePublish: true, validate: true }, maxPerDoc: 50 },
  access: {
    read: publishedOrStaff,
    create: isStaff,
    update: contributorUpdate,
    delete: isEditor,
    readVersions: isStaff,
  },
  hooks: {
    beforeOperation: [validateQuery, rememberDraftSave, publicReadLimits],
    beforeChange: [enforceWorkflow],
    afterChange: [recordWorkflowEvents],
  },
  fields: [
    { name: 'title', type: 'text', required: true },
    slug(),
    {
      type: 'row',
      fields: [
        {
          name: 'issueNumber',
          type: 'number',
          unique: true,
          index: true,
          min: 1,
          admin: { step: 1, description: 'Unique when present.' },
          // A copy is another issue: its number is left for the editor to give.
          hooks: { beforeDuplicate: [() => null] },
        },
        {
          name: 'issueDate',
          type: 'date',
          index: true,
          admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'd MMM yyyy' } },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'author', type: 'relationship', relationTo: slugs.authors, index: true },
        { name: 'sources', type: 'relationship', relationTo: slugs.sources, hasMany: true },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'credit',
          type: 'text',
          label: 'Credit line',
          admin: { description: 'As printed, e.g. "Iran Interlink, October 19 2019".' },
        },
        {
          name: 'postedAt',
          type: 'date',
          label: 'Posted here',
          index: true,
          admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'd MMM yyyy' } },
        },
      ],
    },
    { name: 'excerpt', type: 'textarea' },
    { name: 'intro', type: 'richText' },
    {
      name: 'items',
      type: 'array',
      labels: { singular: 'Item', plural: 'Items' },
      admin: { initCollapsed: true },
      fields: [
        {
          name: 'heading',
          type: 'text',
          label: 'Section heading',
          admin: { description: 'e.g. "In English"; repeat it on each item of the section.' },
        },
        { name: 'body', type: 'richText', required: true },
        {
          type: 'row',
          fields: [
            { name: 'post', type: 'relationship', relationTo: slugs.posts },
            { name: 'source', type: 'relationship', relationTo: slugs.sources },
          ],
        },
      ],
    },
    {
      name: 'relatedPosts',
      type: 'relationship',
      relationTo: slugs.posts,
      hasMany: true,
    },
    ...workflowFields(),
    provenanceField(),
  ],
}
