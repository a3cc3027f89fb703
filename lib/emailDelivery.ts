/**
 * How a sender asks the email adapter (src/email.ts) to wait for the SMTP server's answer.
 * Requests never do: a request that sends mail (forgot-password for a known email) must take
 * no longer than one that sends none. Background jobs do, so a refused email fails the job and
 * the queue tries it again.
 */
export const AWAIT_DELIVERY = 'awaitDelivery'

/** The message, marked so that `payload.sendEmail` settles only once the server accepted it. */
export const awaitingDelivery = <Message extends object>(
  message: Message,
): Message & { [AWAIT_DELIVERY]: true } => ({ ...message, [AWAIT_DELIVERY]: true })

/** Splits the mark off a message: whether its sender waits, and the message to hand on. */
export const takeDeliveryMark = <Message extends object>(
  sent: Message,
): { isAwaited: boolean; message: Omit<Message, typeof AWAIT_DELIVERY> } => {
  const { [AWAIT_DELIVERY]: mark, ...message } = sent as Message & { [AWAIT_DELIVERY]?: unknown }
  return { isAwaited: mark === true, message }
}
