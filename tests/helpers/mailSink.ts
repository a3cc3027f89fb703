import type { AddressInfo } from 'node:net'

import { SMTPServer } from 'smtp-server'

export type Mail = { to: string[]; raw: string; text: string }

/** Quoted-printable soft line breaks and escapes undone, so links can be read whole. */
const decodeQuotedPrintable = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))

/** A local SMTP server that keeps every message, for tests that read what the CMS sends. */
export const startMailSink = async () => {
  const mails: Mail[] = []
  const waiting: (() => void)[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = ''
      stream.setEncoding('utf8')
      stream.on('data', (chunk: string) => (raw += chunk))
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
          text: decodeQuotedPrintable(raw),
        })
        for (const wake of waiting.splice(0)) wake()
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo

  /** The next message to `address` after `since` messages, waiting up to 10 s for it. */
  const nextMailTo = async (address: string, since: number): Promise<Mail> => {
    const deadline = Date.now() + 10_000
    for (;;) {
      const mail = mails.slice(since).find((m) => m.to.includes(address))
      if (mail) return mail
      if (Date.now() > deadline) throw new Error(`no email to ${address} within 10 s`)
      await new Promise<void>((resolve) => {
        waiting.push(resolve)
        setTimeout(resolve, 500)
      })
    }
  }
  return {
    url: `smtp://127.0.0.1:${port}`,
    count: () => mails.length,
    /** The messages to `address` received after `since` messages, as they are now. */
    mailsTo: (address: string, since = 0): Mail[] =>
      mails.slice(since).filter((m) => m.to.includes(address)),
    nextMailTo,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
