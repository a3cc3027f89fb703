import React from 'react'

import { formatDateTime, formatRelative } from '../../../lib/dates.ts'
import { NOTIFICATION_KIND_LABELS, NOTIFICATION_KIND_TONES } from '../../../lib/notifications.ts'
import type { NotificationItem } from './useNotifications.ts'

/**
 * One notification: what happened (its kind as a pill), the note, and when. Payload's Pill
 * markup (its styles ship with the admin), as this is also rendered in the server-rendered
 * dashboard, which imports nothing from @payloadcms/ui.
 */
export const NotificationSummary = ({ item, now }: { item: NotificationItem; now: number }) => (
  <span className="notification-summary" data-unread={item.readAt ? undefined : 'true'}>
    <span className="notification-summary__head">
      <span className={`pill pill--style-${NOTIFICATION_KIND_TONES[item.kind]} pill--size-small`}>
        <span className="pill__label">{NOTIFICATION_KIND_LABELS[item.kind]}</span>
      </span>
      <time
        className="notification-summary__when"
        dateTime={item.createdAt}
        title={formatDateTime(item.createdAt)}
      >
        {formatRelative({ value: item.createdAt, now })}
      </time>
    </span>
    <span className="notification-summary__title">{item.title}</span>
    {item.message ? <span className="notification-summary__message">{item.message}</span> : null}
  </span>
)
