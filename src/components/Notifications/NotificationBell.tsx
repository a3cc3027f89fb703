'use client'

import { Button, Popup, PopupList, useAuth, useConfig } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import { NotificationSummary } from './NotificationSummary.tsx'
import { useNotifications } from './useNotifications.ts'
import './notifications.scss'

const baseClass = 'notification-bell'

const BellIcon = () => (
  <svg
    className={`${baseClass}__icon`}
    width="20"
    height="20"
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth="1.8"
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden="true"
  >
    <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
    <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
  </svg>
)

/**
 * The bell in the admin header: the signed-in user's unread count, and a dropdown of their
 * latest notifications, each opening its document (and marked read), with "Mark all read".
 */
export const NotificationBell = ({ pollSeconds = 30 }: { pollSeconds?: number }) => {
  const { user } = useAuth()
  const {
    config: {
      routes: { api },
    },
  } = useConfig()
  const { unread, items, markAllRead, markRead } = useNotifications({ api, limit: 8, pollSeconds })
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => setNow(Date.now()), [items])
  if (!user) return null
  const count = unread ?? 0
  return (
    <Popup
      className={baseClass}
      buttonClassName={`${baseClass}__button`}
      horizontalAlign="right"
      size="large"
      noBackground
      button={
        <span className={`${baseClass}__trigger`} data-unread={count}>
          <BellIcon />
          {count > 0 ? (
            <span className={`${baseClass}__count`} aria-hidden="true">
              {count > 99 ? '99+' : count}
            </span>
          ) : null}
          <span className={`${baseClass}__visually-hidden`}>
            {`Notifications: ${count} unread`}
          </span>
        </span>
      }
      render={({ close }) => (
        <div className={`${baseClass}__popup`}>
          <div className={`${baseClass}__popup-head`}>
            <strong>Notifications</strong>
            <Button
              buttonStyle="subtle"
              size="small"
              margin={false}
              disabled={count === 0}
              onClick={() => void markAllRead()}
            >
              Mark all read
            </Button>
          </div>
          {items.length === 0 ? (
            <p className={`${baseClass}__empty`}>
              Nothing yet. You are told here when your work is reviewed or published, and, as an
              editor, when something is submitted for review.
            </p>
          ) : (
            <PopupList.ButtonGroup>
              {items.map((item) => (
                <PopupList.Button
                  key={item.id}
                  className={`${baseClass}__item`}
                  href={item.url ?? undefined}
                  onClick={() => {
                    void markRead(item)
                    close()
                  }}
                >
                  <NotificationSummary item={item} now={now} />
                </PopupList.Button>
              ))}
            </PopupList.ButtonGroup>
          )}
        </div>
      )}
    />
  )
}
