import type { CollectionConfig } from 'payload'

import { isAdmin } from './access/index.ts'
import { slugs } from './slugs.ts'
import { EVENT_LABELS, EVENT_SUBJECTS, EVENT_TYPES } from '../lib/contentEvents.ts'
import { DATE_TIME_FORMAT } from '../lib/dates.ts'

const subscribable = EVENT_TYPES.filter((type) => type !== 'webhook.test')

const readOnlySidebar = { readOnly: true, position: 'sidebar' } as const
const dateSidebar = {
  ...readOnlySidebar,
  date: { pickerAppearance: 'dayAndTime', displayFormat: DATE_TIME_FORMAT },
} as const

/**
 * Where content events are sent: a receiver's URL, the events and collections it wants, and the
 * secret deliveries are signed with (Standard Webhooks). The secret is made by the CMS, shown
 * once (in the answer that creates the webhook or rotates its secret) and never readable
 * afterwards. Admins only. Delivery, retries and switching off a failing webhook:
 * src/plugins/contentEvents.
 */
export const Webhooks: CollectionConfig = {
  slug: slugs.webhooks,
  labels: { singular: 'Webhook', plural: 'Webhooks' },
  admin: {
    useAsTitle: 'name',
    group: 'Webhooks',
    defaultColumns: ['name', 'url', 'active', 'events', 'lastDeliveredAt', 'disabledReason'],
    description:
      'Front ends and services told when published content changes, with signed requests (Standard Webhooks).',
  },
  access: { read: isAdmin, create: isAdmin, update: isAdmin, delete: isAdmin },
  graphQL: false,
  fields: [
    {
      name: 'name',
      type: 'text',
      required: true,
      admin: { placeholder: 'Front end revalidation' },
    },
    {
      name: 'url',
      type: 'text',
      required: true,
      label: 'URL',
      admin: {
        placeholder: 'https://www.example.org/api/revalidate',
        description:
          'https only; private, loopback and link-local addresses are refused (also after DNS). Redirects are not followed.',
      },
    },
    {
      name: 'events',
      type: 'select',
      hasMany: true,
      options: subscribable.map((type) => ({
        label: `${type} · ${EVENT_LABELS[type]}`,
        value: type,
      })),
      admin: { description: 'Leave empty for every event.' },
    },
    {
      name: 'collections',
      type: 'select',
      hasMany: true,
      options: Object.keys(EVENT_SUBJECTS).map((value) => ({ label: value, value })),
      admin: { description: 'Leave empty for every collection.' },
    },
    {
      name: 'active',
      type: 'checkbox',
      defaultValue: true,
      admin: {
        position: 'sidebar',
        description:
          'Switched off by the CMS when a delivery still fails after a day of retries; tick it again once the receiver works.',
      },
    },
    {
      name: 'signingSecret',
      type: 'ui',
      admin: {
        position: 'sidebar',
        components: { Field: '/components/webhooks/SecretControl.tsx#SecretControl' },
      },
    },
    {
      name: 'tools',
      type: 'ui',
      admin: { components: { Field: '/components/webhooks/WebhookTools.tsx#WebhookTools' } },
    },
    // Never returned by any API: deliveries read it with showHiddenFields.
    { name: 'secret', type: 'text', hidden: true },
    {
      name: 'secretHint',
      type: 'text',
      label: 'Secret',
      admin: { hidden: true, readOnly: true },
    },
    { name: 'secretShownAt', type: 'date', admin: { hidden: true, readOnly: true } },
    {
      name: 'consecutiveFailures',
      type: 'number',
      defaultValue: 0,
      label: 'Failed attempts in a row',
      admin: readOnlySidebar,
    },
    { name: 'lastDeliveredAt', type: 'date', label: 'Last delivered', admin: dateSidebar },
    { name: 'lastFailedAt', type: 'date', label: 'Last failed attempt', admin: dateSidebar },
    { name: 'disabledAt', type: 'date', label: 'Switched off', admin: dateSidebar },
    { name: 'disabledReason', type: 'text', label: 'Why switched off', admin: readOnlySidebar },
  ],
}
