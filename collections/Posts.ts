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

/** Commentary and press excerpts. Drafts and versions on; anonymous readers see published only. */
export const Posts: CollectionConfig = {
  slug: slugs.posts,
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'author', 'sources', 'postedAt', 'stage', '_status', 'updatedAt'],
    listSearchableFields: ['title', 'slug', 'credit', 'creditedWriter'],
    group: 'Content',
    components: {
      edit: { PublishButton: '/components/EditorsPublishButton.tsx#EditorsPublishButton' },
    },
  },
  defaultSort: '-postedAt',
  // What every public list asks: published, not in the trash, newest first. The index answers
  // the page and its total count without reading the (large) rows.
  indexes: [{ fields: ['_status', 'deletedAt', 'postedAt'] }],
  trash: true,
  endpoints: [workflowEndpoint(slugs.posts), createPreviewLinkEndpoint(slugs.posts)],
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
        { name: 'author', type: 'relationship', relationTo: slugs.authors, index: true },
        {
          name: 'sources',
          type: 'relationship',
          relationTo: slugs.sources,
          hasMany: true,
          index: true,
          admin: { description: 'The outlet(s) the post cites.' },
        },
      ],
    },
    {
      name: 'credit',
      type: 'text',
      label: 'Credit line',
      admin: { description: 'As printed, e.g. "Casey Michel, The New Republic, October 16 2019".' },
    },
    {
      type: 'row',
      fields: [
        { name: 'creditedWriter', type: 'text', label: 'Credited writer' },
        {
          name: 'sourcePublishedAt',
          type: 'date',
          label: 'Published by the source',
          admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'd MMM yyyy' } },
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
    { name: 'content', type: 'richText' },
    ...workflowFields(),
    provenanceField(),
  ],
}
