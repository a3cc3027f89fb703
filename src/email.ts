import nodemailer from 'nodemailer'
import type { EmailAdapter } from 'payload'

import { takeDeliveryMark } from '../lib/emailDelivery.ts'

/** How the CMS sends email (password resets, account unlocks, notifications). */
export type EmailSettings = {
  /** `smtp://` or `smtps://` connection URL; unset: email is logged, not sent. */
  smtpUrl?: string
  fromAddress: string
  fromName: string
  isProduction: boolean
}

const addressOf = (entry: unknown): string =>
  entry && typeof entry === 'object' && 'address' in entry ? String(entry.address) : String(entry)

const recipients = (to: unknown): string =>
  (Array.isArray(to) ? to : [to]).map(addressOf).join(', ')

/**
 * SMTP through nodemailer when `SMTP_URL` is set. Otherwise emails are written to the log:
 * in full during development; in production only who and what, since a reset link in a log
 * would let anyone who reads the log take over the account.
 */
export const emailAdapter =
  ({ smtpUrl, fromAddress, fromName, isProduction }: EmailSettings): EmailAdapter =>
  ({ payload }) => {
    const common = { defaultFromAddress: fromAddress, defaultFromName: fromName }
    if (smtpUrl) {
      const transport = nodemailer.createTransport(smtpUrl)
      return {
        ...common,
        name: 'smtp',
        // Sent in the background: a request that sends mail (forgot-password for a known
        // email) must not take the SMTP round trip longer than one that sends none, or its
        // timing would tell which emails have accounts. Failures go to the log.
        sendEmail: (sent) => {
          const { isAwaited, message } = takeDeliveryMark(sent)
          const delivery = transport.sendMail({
            ...message,
            from: message.from ?? { name: fromName, address: fromAddress },
          })
          // A background job waits (lib/emailDelivery.ts), so a failure fails the job and it retries.
          if (isAwaited) return delivery
          delivery.catch((err: unknown) =>
            payload.logger.error({
              err,
              msg: `email to ${recipients(message.to)} not sent: ${err instanceof Error ? err.message : String(err)}`,
            }),
          )
          return Promise.resolve()
        },
      }
    }
    return {
      ...common,
      name: 'log',
      sendEmail: (sent) => {
        const { message } = takeDeliveryMark(sent)
        const summary = `email to ${recipients(message.to)}: "${String(message.subject ?? '')}"`
        if (isProduction) {
          payload.logger.warn({ msg: `${summary} not sent: SMTP_URL is not set` })
        } else {
          const body =
            typeof message.text === 'string'
              ? message.text
              : typeof message.html === 'string'
                ? message.html
                : ''
          payload.logger.info({ msg: `${summary} (not sent: SMTP_URL is not set)\n${body}` })
        }
        return Promise.resolve()
      },
    }
  }
