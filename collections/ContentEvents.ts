import type { CollectionConfig } from 'payload'

import { isAdmin, nobody } from './access/index.ts'
import { slugs } from './slugs.ts'
import { EVENT_LABELS, EVENT_TYPES } from '../lib/contentEvents.ts'
import { DATE_TIME_FORMAT } from '../lib/dates.ts'

/**
 * The outbox: one row per content event (a publish, an unpublish, a slug change…), written in
 * the same transaction as the change it announces, so a rolled-back write announces nothing and
 * a crash after the commit loses nothing. Webhook deliveries are made from it
 * (src/plugins/contentEvents). Admins read it; only the server writes it.
 */
export const ContentEvents: CollectionConfig = {
  slug: slugs.contentEvents,
  labels: { singular: 'Content event', plural: 'Content events' },
  admin: {
    useAsTitle: 'type',
    group: 'Webhooks',
    defaultColumns: ['occurredAt', 'type', 'summary', 'eventId'],
    description:
      'What the CMS announced to webhooks: every publish, unpublish, change and slug change of published content. Read-only.',
  },
  defaultSort: '-occurredAt',
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  graphQL: false,
  lockDocuments: false,
  fields: [
    {
      name: 'eventId',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      label: 'Event id',
      admin: { readOnly: true, description: 'Sent as `webhook-id`; the same on every retry.' },
    },
    {
      name: 'type',
      type: 'select',
      required: true,
      index: true,
      options: EVENT_TYPES.map((type) => ({
        label: `${type} · ${EVENT_LABELS[type]}`,
        value: type,
      })),
      admin: { readOnly: true },
    },
    {
      name: 'occurredAt',
      type: 'date',
      required: true,
      index: true,
      admin: {
        readOnly: true,
        date: { pickerAppearance: 'dayAndTime', displayFormat: DATE_TIME_FORMAT },
      },
    },
    {
      name: 'summary',
      type: 'text',
      admin: { readOnly: true, description: 'The documents it names, by title.' },
    },
    { name: 'documents', type: 'json', admin: { readOnly: true } },
    { name: 'documentKeys', type: 'json', admin: { hidden: true } },
    {
      name: 'affected',
      type: 'json',
      label: 'Affected pages and feeds',
      admin: { readOnly: true },
    },
    {
      name: 'body',
      type: 'code',
      admin: { readOnly: true, language: 'json', description: 'Exactly what is signed and sent.' },
    },
  ],
}
