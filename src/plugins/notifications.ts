import type { Config, Plugin } from 'payload'

import { Notifications } from '../../collections/Notifications.ts'
import { sendNotificationEmailTask } from '../../collections/notifications/email.ts'
import {
  deleteNotificationsOfUser,
  notifyScheduleFailure,
  notifyWorkflowStep,
} from '../../collections/notifications/notify.ts'
import { slugs } from '../../collections/slugs.ts'
import { onScheduleFailed } from '../../collections/workflow/scheduleFailures.ts'
import { chainOnInit } from './onInit.ts'

/** Options of the notifications plugin. */
export type NotificationsOptions = {
  /** How often the admin's bell and dashboard card ask for new notifications (default 30 s). */
  pollSeconds?: number
}

/**
 * Notifications for people, derived from the audit trail: each workflow step written to
 * `workflow-events` tells those concerned (lib/notifications.ts) in the step's transaction, and
 * a scheduled publish that fails for good tells whoever scheduled it and the owner. Each is kept
 * in `notifications` (the bell in the admin header, a card on the dashboard) and, for people who
 * take them by email (`notifyByEmail` on their account), emailed by the background job
 * `sendNotificationEmail`, never in the request. Needs the editorialWorkflow plugin before it.
 */
export const notifications =
  ({ pollSeconds = 30 }: NotificationsOptions = {}): Plugin =>
  (config: Config): Config => ({
    ...config,
    admin: {
      ...config.admin,
      components: {
        ...config.admin?.components,
        actions: [
          ...(config.admin?.components?.actions ?? []),
          {
            path: '/components/Notifications/NotificationBell.tsx#NotificationBell',
            clientProps: { pollSeconds },
          },
        ],
      },
    },
    collections: [
      ...(config.collections ?? []).map((collection) => {
        if (collection.slug === slugs.workflowEvents) {
          const afterChange = [...(collection.hooks?.afterChange ?? []), notifyWorkflowStep]
          return { ...collection, hooks: { ...collection.hooks, afterChange } }
        }
        if (collection.slug === slugs.users) {
          const beforeDelete = [
            ...(collection.hooks?.beforeDelete ?? []),
            deleteNotificationsOfUser,
          ]
          return { ...collection, hooks: { ...collection.hooks, beforeDelete } }
        }
        return collection
      }),
      Notifications,
    ],
    jobs: { ...config.jobs, tasks: [...(config.jobs?.tasks ?? []), sendNotificationEmailTask] },
    onInit: chainOnInit({
      config,
      task: (payload) => {
        onScheduleFailed({ payload, listener: notifyScheduleFailure })
      },
    }),
  })
