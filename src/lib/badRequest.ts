import { APIError } from 'payload'

/**
 * A 400 for a request the caller got wrong. Named like Payload's QueryError so the logs
 * treat it as a client error (info), not a server fault.
 */
export class BadRequestError extends APIError {
  constructor(message: string) {
    super(message, 400, undefined, true)
    this.name = 'QueryError'
  }
}
