import type { AfterErrorHook, CollectionBeforeOperationHook, PayloadRequest } from 'payload'

import { errorBody } from '../../lib/errors.ts'

/**
 * Every failed login takes at least this long. The real work differs by account: an unknown
 * email fails after one lookup, a known one after hashing the password (tens of ms) and
 * counting the attempt, a locked one at once. Padded to one floor, none of them tells an
 * attacker which emails have accounts.
 */
export const FAILED_LOGIN_MIN_MS = 500

/** One message for every failed login, whether the email is unknown, wrong or locked. */
export const FAILED_LOGIN_MESSAGE =
  'The email or password is incorrect. After 5 failed attempts an account is locked for 15 minutes.'

const STARTED = Symbol.for('newsroom.loginStartedAt')
type Stamped = { [STARTED]?: number }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Notes when the first login of a request began (GraphQL may carry several, as aliases). */
export const stampLoginStart: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation === 'login' && req.context) (req.context as Stamped)[STARTED] ??= Date.now()
  return args
}

const FAILED_LOGIN_ERRORS = new Set(['AuthenticationError', 'LockedAuth'])

const failedLoginName = (error: unknown): string | undefined => {
  const original = (error as { originalError?: unknown }).originalError ?? error
  const name = (original as { name?: unknown } | null)?.name
  return typeof name === 'string' && FAILED_LOGIN_ERRORS.has(name) ? name : undefined
}

const waitForFloor = async (req: PayloadRequest | undefined): Promise<void> => {
  const started = (req?.context as Stamped | undefined)?.[STARTED]
  if (started === undefined) return
  await sleep(Math.max(0, started + FAILED_LOGIN_MIN_MS - Date.now()))
}

/**
 * Makes failed logins alike over REST and GraphQL: the same status, message and error name,
 * after the same minimum time (see `FAILED_LOGIN_MIN_MS`).
 */
export const equalizeFailedLogins: AfterErrorHook = async ({ error, req, graphqlResult }) => {
  if (!failedLoginName(error)) return
  await waitForFloor(req)
  if (graphqlResult) {
    return {
      graphqlResult: {
        ...graphqlResult,
        message: FAILED_LOGIN_MESSAGE,
        extensions: { ...graphqlResult.extensions, name: 'AuthenticationError', statusCode: 401 },
      },
    }
  }
  return { response: errorBody(FAILED_LOGIN_MESSAGE), status: 401 }
}
