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

/** A refused workflow step: 403 with a message a writer can act on. */
export class WorkflowError extends APIError {
  constructor(message: string) {
    super(message, 403, undefined, true)
    this.name = 'Forbidden'
  }
}

/** A refused request other than a workflow step: 403 with a message saying what is allowed. */
export class ForbiddenError extends APIError {
  constructor(message: string) {
    super(message, 403, undefined, true)
    this.name = 'Forbidden'
  }
}

/** A 429; its own name so the log files it as a warning, not a server error. */
export class TooManyAttemptsError extends APIError {
  constructor(message: string) {
    super(message, 429, undefined, true)
    this.name = 'TooManyAttemptsError'
  }
}
