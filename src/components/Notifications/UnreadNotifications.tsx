'use client'

import React, { useEffect, useState } from 'react'

import { NotificationSummary } from './NotificationSummary.tsx'
import { useNotifications } from './useNotifications.ts'
import './notifications.scss'

const baseClass = 'editorial-dashboard'

/**
 * The dashboard's "Unread notifications" card (in the editorial dashboard's own card style):
 * the signed-in user's unread notifications, newest first, each opening its document, and
 * "Mark all read". Kept in step with the header's bell.
 */
export const UnreadNotifications = ({
  api,
  pollSeconds = 30,
}: {
  /** The REST API's path, e.g. `/api`. */
  api: string
  pollSeconds?: number
}) => {
  const { unread, items, markAllRead, markRead } = useNotifications({
    api,
    limit: 5,
    isUnreadOnly: true,
    pollSeconds,
  })
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => setNow(Date.now()), [items])
  const count = unread ?? 0
  return (
    <section
      className={`card ${baseClass}__panel unread-notifications`}
      aria-labelledby={`${baseClass}-notifications`}
      data-section="notifications"
    >
      <h2 className={`${baseClass}__heading`} id={`${baseClass}-notifications`}>
        Unread notifications{' '}
        <span className={`${baseClass}__muted`} data-unread-count={count}>
          {count}
        </span>
      </h2>
      {unread === null ? null : items.length === 0 ? (
        <p className={`${baseClass}__empty`}>You are up to date.</p>
      ) : (
        <>
          <ul className={`${baseClass}__rows`}>
            {items.map((item) => (
              <li className={`${baseClass}__row`} key={item.id}>
                <a
                  className="unread-notifications__link"
                  href={item.url ?? undefined}
                  onClick={() => void markRead(item)}
                >
                  <NotificationSummary item={item} now={now} />
                </a>
              </li>
            ))}
          </ul>
          <p className={`${baseClass}__more`}>
            {count > items.length ? `${items.length} of ${count} shown. ` : null}
            {/* Payload's Button markup (this card renders inside the server-rendered dashboard). */}
            <button
              type="button"
              className="btn btn--icon-style-without-border btn--size-small btn--withoutPopup btn--no-margin btn--style-secondary"
              onClick={() => void markAllRead()}
            >
              <span className="btn__content">
                <span className="btn__label">Mark all read</span>
              </span>
            </button>
          </p>
        </>
      )}
    </section>
  )
}
