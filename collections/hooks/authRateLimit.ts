import type { CollectionBeforeOperationHook, Payload } from 'payload'
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'

import { TooManyAttemptsError } from '../errors.ts'
import { clientIpOf } from '../../lib/clientIp.ts'
import { sharedInProcess } from '../../lib/processState.ts'
import { openLimitStore, storedKey, type LimitStore } from './rateLimitStore.ts'

type LimitedOperation = 'login' | 'forgotPassword' | 'resetPassword' | 'unlock'
type Limiter = LimitedOperation | 'forgotPasswordPerEmail'

/** Attempts allowed per client address, per window. */
export const AUTH_RATE_LIMITS: Record<Limiter, { points: number; duration: number }> = {
  login: { points: 20, duration: 15 * 60 },
  forgotPassword: { points: 5, duration: 60 * 60 },
  // Per email address, whether it has an account or not (so the answer tells nothing):
  // stands in for Payload's own per-account interval, which is off (see Users.ts).
  forgotPasswordPerEmail: { points: 3, duration: 15 * 60 },
  resetPassword: { points: 10, duration: 15 * 60 },
  unlock: { points: 10, duration: 15 * 60 },
}

type Limiters = { store: LimitStore; byOperation: Record<Limiter, RateLimiterAbstract> }

/**
 * The limiters of each database, counted in that database (collections/hooks/rateLimitStore.ts)
 * so every instance of the CMS spends the same budget; one set per database adapter in this
 * process, shared by every copy of this module (see lib/processState.ts).
 */
const limitersOf = (payload: Payload): Promise<Limiters> => {
  const byDatabase = sharedInProcess(
    'authRateLimiters',
    () => new WeakMap<object, Promise<Limiters>>(),
  )
  let found = byDatabase.get(payload.db)
  if (!found) {
    found = openLimitStore(payload).then((store) => ({
      store,
      byOperation: Object.fromEntries(
        Object.entries(AUTH_RATE_LIMITS).map(([operation, options]) => [
          operation,
          store.limiter({ keyPrefix: `auth-${operation}`, ...options }),
        ]),
      ) as Record<Limiter, RateLimiterAbstract>,
    }))
    // A store that could not open (the database is down) is tried again on the next attempt.
    found.catch(() => byDatabase.delete(payload.db))
    byDatabase.set(payload.db, found)
  }
  return found
}

const isLimited = (operation: string): operation is LimitedOperation =>
  operation in AUTH_RATE_LIMITS && operation !== 'forgotPasswordPerEmail'

const consume = async ({
  payload,
  limiter,
  key,
  what,
}: {
  payload: Payload
  limiter: Limiter
  key: string
  what: string
}) => {
  try {
    await (await limitersOf(payload)).byOperation[limiter].consume(storedKey(key))
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err
    const seconds = Math.ceil(err.msBeforeNext / 1000)
    throw new TooManyAttemptsError(`Too many ${what}: try again in ${seconds} seconds.`)
  }
}

/**
 * Counts every login, forgot-password, reset-password and unlock attempt against the client
 * address, whichever way it arrives (REST, GraphQL — each aliased mutation is one attempt —
 * or the admin panel), and refuses with 429 once the window's allowance is spent.
 * Local API calls from server code are not counted.
 */
export const authRateLimit: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (!isLimited(operation) || req.payloadAPI === 'local') return args
  await consume({
    payload: req.payload,
    limiter: operation,
    key: clientIpOf(req.headers),
    what: `${operation} attempts from this address`,
  })
  const email = (args as { data?: { email?: unknown } }).data?.email
  if (operation === 'forgotPassword' && typeof email === 'string') {
    await consume({
      payload: req.payload,
      limiter: 'forgotPasswordPerEmail',
      key: email.toLowerCase().trim(),
      what: 'password reset requests for this email',
    })
  }
  return args
}

/** Forgets every attempt counted in `payload`'s database (tests and operator tooling). */
export const resetAuthRateLimits = async (payload: Payload): Promise<void> => {
  await (await limitersOf(payload)).store.clear()
}
