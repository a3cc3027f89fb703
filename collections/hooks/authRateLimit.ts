import { APIError, type CollectionBeforeOperationHook } from 'payload'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

import { clientIpOf } from '../../src/lib/clientIp.ts'

type LimitedOperation = 'login' | 'forgotPassword' | 'resetPassword' | 'unlock'

/** Attempts allowed per client address, per window. */
export const AUTH_RATE_LIMITS: Record<LimitedOperation, { points: number; duration: number }> = {
  login: { points: 20, duration: 15 * 60 },
  forgotPassword: { points: 5, duration: 60 * 60 },
  resetPassword: { points: 10, duration: 15 * 60 },
  unlock: { points: 10, duration: 15 * 60 },
}

// One store per process, shared by every copy of this module (Next may load it twice).
const STORE_KEY = Symbol.for('newsroom.authRateLimiters')
type Store = Record<LimitedOperation, RateLimiterMemory>
const globalStore = globalThis as typeof globalThis & { [STORE_KEY]?: Store }

const limiters = (): Store =>
  (globalStore[STORE_KEY] ??= Object.fromEntries(
    Object.entries(AUTH_RATE_LIMITS).map(([operation, options]) => [
      operation,
      new RateLimiterMemory({ keyPrefix: `auth-${operation}`, ...options }),
    ]),
  ) as Store)

const isLimited = (operation: string): operation is LimitedOperation =>
  operation in AUTH_RATE_LIMITS

/**
 * Counts every login, forgot-password, reset-password and unlock attempt against the client
 * address, whichever way it arrives (REST, GraphQL — each aliased mutation is one attempt —
 * or the admin panel), and refuses with 429 once the window's allowance is spent.
 * Local API calls from server code are not counted.
 */
export const authRateLimit: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (!isLimited(operation) || req.payloadAPI === 'local') return args
  try {
    await limiters()[operation].consume(clientIpOf(req.headers))
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err
    const seconds = Math.ceil(err.msBeforeNext / 1000)
    throw new APIError(
      `Too many ${operation} attempts from this address: try again in ${seconds} seconds.`,
      429,
      undefined,
      true,
    )
  }
  return args
}

/** Forgets every counted attempt (tests and operator tooling). */
export const resetAuthRateLimits = (): void => {
  delete globalStore[STORE_KEY]
}
