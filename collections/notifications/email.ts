import type { TaskConfig } from 'payload'

import { awaitingDelivery } from '../../lib/emailDelivery.ts'
import { documentUrl, notificationEmail } from '../../lib/notifications.ts'
import { idOf } from '../../lib/values.ts'
import { slugs } from '../slugs.ts'
import { EMAIL_TASK } from './notify.ts'

/**
 * The background task that emails one notification to its recipient, through the configured
 * adapter (src/email.ts), waiting for the SMTP server to accept it: a refusal fails the task and
 * Payload tries again later. A notification deleted meanwhile, or a recipient who turned email
 * off or is gone, sends nothing.
 */
export const sendNotificationEmailTask: TaskConfig<typeof EMAIL_TASK> = {
  slug: EMAIL_TASK,
  label: 'Email a notification',
  inputSchema: [{ name: 'notification', type: 'text', required: true }],
  outputSchema: [{ name: 'isSent', type: 'checkbox' }],
  retries: { attempts: 4, backoff: { type: 'exponential', delay: 30_000 } },
  handler: async ({ input, req }) => {
    const notification = await req.payload.findByID({
      collection: slugs.notifications,
      id: input.notification,
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
      req,
    })
    if (!notification) return { output: { isSent: false } }
    const recipient = await req.payload.findByID({
      collection: slugs.users,
      id: idOf(notification.recipient) as number,
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
      req,
    })
    if (!recipient || recipient.notifyByEmail === false) return { output: { isSent: false } }
    const key = notification.documentKey ?? ''
    const at = key.indexOf(':')
    const email = notificationEmail({
      kind: notification.kind,
      title: notification.title,
      message: notification.message,
      documentTitle: notification.documentTitle,
      url: documentUrl({
        serverUrl: req.payload.config.serverURL,
        collection: key.slice(0, at),
        id: key.slice(at + 1),
      }),
      recipientName: recipient.name,
    })
    await req.payload.sendEmail(
      awaitingDelivery({
        to: recipient.email,
        subject: email.subject,
        text: email.text,
        html: email.html,
      }),
    )
    return { output: { isSent: true } }
  },
}
