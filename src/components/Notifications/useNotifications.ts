'use client'

import { useCallback, useEffect, useState } from 'react'

import type { NotificationKind } from '../../../lib/notifications.ts'

/** A notification as the admin shows it. */
export type NotificationItem = {
  id: number | string
  kind: NotificationKind
  title: string
  message?: string | null
  url?: string | null
  documentTitle?: string | null
  actorName?: string | null
  readAt?: string | null
  createdAt: string
}

/** Sent on the window when someone marks notifications read, so the bell and the panel agree. */
const CHANGED = 'newsroom:notifications-changed'

/**
 * The signed-in user's notifications (no @payloadcms/ui here: the dashboard renders on the server too): the unread count and the latest `limit` (only unread
 * ones with `isUnreadOnly`), read again every `pollSeconds`, when the tab comes back into view,
 * and when another component marks some read.
 */
export const useNotifications = ({
  api,
  limit,
  isUnreadOnly = false,
  pollSeconds,
}: {
  /** The REST API's path, e.g. `/api` (the config's `routes.api`). */
  api: string
  limit: number
  isUnreadOnly?: boolean
  pollSeconds: number
}) => {
  const base = `${api}/notifications`
  const [unread, setUnread] = useState<number | null>(null)
  const [items, setItems] = useState<NotificationItem[]>([])

  const reload = useCallback(async () => {
    const query = new URLSearchParams({ limit: String(limit), sort: '-createdAt', depth: '0' })
    if (isUnreadOnly) query.set('where[readAt][exists]', 'false')
    try {
      const [count, list] = await Promise.all([
        fetch(`${base}/unread-count`, { credentials: 'include', cache: 'no-store' }),
        fetch(`${base}?${query.toString()}`, { credentials: 'include', cache: 'no-store' }),
      ])
      if (!count.ok || !list.ok) return
      setUnread(((await count.json()) as { unread: number }).unread)
      setItems(((await list.json()) as { docs: NotificationItem[] }).docs)
    } catch {
      // Offline for a moment: the next poll tries again.
    }
  }, [base, limit, isUnreadOnly])

  useEffect(() => {
    void reload()
    const timer = window.setInterval(() => void reload(), pollSeconds * 1000)
    const onVisible = () => {
      if (document.visibilityState === 'visible') void reload()
    }
    const onChanged = () => void reload()
    document.addEventListener('visibilitychange', onVisible)
    window.addEventListener(CHANGED, onChanged)
    return () => {
      window.clearInterval(timer)
      document.removeEventListener('visibilitychange', onVisible)
      window.removeEventListener(CHANGED, onChanged)
    }
  }, [reload, pollSeconds])

  const changed = () => window.dispatchEvent(new Event(CHANGED))

  const markAllRead = useCallback(async () => {
    await fetch(`${base}/mark-all-read`, { method: 'POST', credentials: 'include' })
    changed()
  }, [base])

  const markRead = useCallback(
    async (item: NotificationItem) => {
      if (item.readAt) return
      await fetch(`${base}/${item.id}`, {
        method: 'PATCH',
        credentials: 'include',
        keepalive: true,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ readAt: new Date().toISOString() }),
      })
      changed()
    },
    [base],
  )

  return { unread, items, reload, markAllRead, markRead }
}
