import type { CollectionConfig, FieldHook } from 'payload'

import { nobody } from './access/index.ts'
import { ownNotifications, serverWrittenField } from './access/ownNotifications.ts'
import { notificationEndpoints } from './notifications/endpoints.ts'
import { slugs } from './slugs.ts'
import { documentPath, NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS } from '../lib/notifications.ts'
import { DOCUMENT_KEY_FIELD } from '../lib/siteTransfer.ts'

const fixed = { update: serverWrittenField }

/** The document's admin path, from its key (so a transfer that changes ids keeps links right). */
const pathOfDocument: FieldHook = ({ siblingData }) => {
  const key = (siblingData as { documentKey?: unknown }).documentKey
  if (typeof key !== 'string' || !key.includes(':')) return null
  const at = key.indexOf(':')
  return documentPath({ collection: key.slice(0, at), id: key.slice(at + 1) })
}

/**
 * What someone was told: a workflow step on their document, a submission to review, a failed
 * schedule. Written by the server only (collections/notifications/notify.ts); each person reads
 * their own, marks them read (`readAt`, the only field they may change) and deletes them. The
 * admin shows them under the bell in the header and on the dashboard, not in the navigation.
 */
export const Notifications: CollectionConfig = {
  slug: slugs.notifications,
  labels: { singular: 'Notification', plural: 'Notifications' },
  admin: {
    useAsTitle: 'title',
    hidden: true,
    defaultColumns: ['createdAt', 'kind', 'title', 'readAt'],
  },
  defaultSort: '-createdAt',
  access: {
    read: ownNotifications,
    create: nobody,
    update: ownNotifications,
    delete: ownNotifications,
  },
  endpoints: notificationEndpoints,
  fields: [
    {
      name: 'recipient',
      type: 'relationship',
      relationTo: slugs.users,
      required: true,
      index: true,
      access: fixed,
    },
    {
      name: 'kind',
      type: 'select',
      required: true,
      options: NOTIFICATION_KINDS.map((kind) => ({
        label: NOTIFICATION_KIND_LABELS[kind],
        value: kind,
      })),
      access: fixed,
    },
    { name: 'title', type: 'text', required: true, access: fixed },
    // The editor's note (changes requested), or why a schedule failed.
    { name: 'message', type: 'textarea', access: fixed },
    // Plain values, not a relationship: the notification outlives the document.
    {
      name: 'documentKey',
      type: 'text',
      label: 'Document',
      admin: { description: 'collection:id, e.g. posts:12' },
      custom: DOCUMENT_KEY_FIELD,
      access: fixed,
    },
    { name: 'documentTitle', type: 'text', access: fixed },
    {
      name: 'url',
      type: 'text',
      virtual: true,
      admin: { description: 'The document in the admin.', readOnly: true },
      hooks: { afterRead: [pathOfDocument] },
    },
    // The name as it was, like the audit trail's.
    { name: 'actorName', type: 'text', label: 'By', access: fixed },
    {
      name: 'readAt',
      type: 'date',
      index: true,
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
  ],
}
