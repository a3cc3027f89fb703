/** A configuration problem the operator can fix; the message names the setting. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

/** The body of every error answer the CMS gives outside Payload, in Payload's own shape. */
export type ErrorBody = { errors: { message: string }[] }

/** `{ errors: [{ message }] }`, as Payload answers its own errors. */
export const errorBody = (message: string): ErrorBody => ({ errors: [{ message }] })
