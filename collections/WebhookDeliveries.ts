import type { CollectionConfig } from 'payload'

import { isAdmin, nobody } from './access/index.ts'
import { slugs } from './slugs.ts'
import { DELIVERY_STATUSES } from '../lib/contentEvents.ts'
import { DATE_TIME_FORMAT } from '../lib/dates.ts'

const readOnly = { readOnly: true } as const
/** Dates read as everywhere else in the admin (lib/dates.ts). */
const dateTime = {
  readOnly: true,
  date: { pickerAppearance: 'dayAndTime', displayFormat: DATE_TIME_FORMAT },
} as const

/**
 * The delivery log: one row per event and webhook (a replay is a new row), with its attempts.
 * Admins read it and replay from it; only the server writes it.
 */
export const WebhookDeliveries: CollectionConfig = {
  slug: slugs.webhookDeliveries,
  labels: { singular: 'Webhook delivery', plural: 'Webhook deliveries' },
  admin: {
    useAsTitle: 'eventType',
    group: 'Webhooks',
    defaultColumns: [
      'createdAt',
      'eventType',
      'webhook',
      'status',
      'attempts',
      'responseStatus',
      'durationMs',
      'nextAttemptAt',
    ],
    description: 'Every event sent to every webhook, with its attempts. Replay one from its page.',
  },
  defaultSort: '-createdAt',
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  graphQL: false,
  lockDocuments: false,
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'eventType', type: 'text', label: 'Type', index: true, admin: readOnly },
        {
          name: 'messageId',
          type: 'text',
          label: 'webhook-id',
          index: true,
          admin: readOnly,
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'webhook',
          type: 'relationship',
          relationTo: slugs.webhooks,
          required: true,
          index: true,
          admin: readOnly,
        },
        {
          name: 'event',
          type: 'relationship',
          relationTo: slugs.contentEvents,
          required: true,
          index: true,
          admin: readOnly,
        },
      ],
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      index: true,
      defaultValue: 'pending',
      options: DELIVERY_STATUSES.map((value) => ({ label: value, value })),
      admin: { ...readOnly, position: 'sidebar' },
    },
    {
      name: 'attempts',
      type: 'number',
      defaultValue: 0,
      admin: { ...readOnly, position: 'sidebar' },
    },
    {
      name: 'nextAttemptAt',
      type: 'date',
      label: 'Next attempt',
      admin: { ...dateTime, position: 'sidebar' },
    },
    {
      name: 'deliveredAt',
      type: 'date',
      label: 'Delivered',
      admin: { ...dateTime, position: 'sidebar' },
    },
    {
      name: 'replayOf',
      type: 'relationship',
      relationTo: slugs.webhookDeliveries,
      label: 'Replay of',
      admin: { ...readOnly, position: 'sidebar' },
    },
    {
      name: 'replay',
      type: 'ui',
      admin: {
        position: 'sidebar',
        components: { Field: '/components/webhooks/ReplayDelivery.tsx#ReplayDelivery' },
      },
    },
    {
      type: 'row',
      fields: [
        { name: 'responseStatus', type: 'number', label: 'Last answer', admin: readOnly },
        { name: 'durationMs', type: 'number', label: 'Took (ms)', admin: readOnly },
      ],
    },
    { name: 'response', type: 'textarea', label: 'First bytes of the answer', admin: readOnly },
    { name: 'error', type: 'text', label: 'Why it failed', admin: readOnly },
    {
      name: 'log',
      type: 'array',
      label: 'Attempts',
      labels: { singular: 'Attempt', plural: 'Attempts' },
      admin: { readOnly: true, initCollapsed: false },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'at',
              type: 'date',
              admin: dateTime,
            },
            { name: 'responseStatus', type: 'number', label: 'Answer', admin: readOnly },
            { name: 'durationMs', type: 'number', label: 'ms', admin: readOnly },
            { name: 'error', type: 'text', admin: readOnly },
          ],
        },
      ],
    },
  ],
}
