import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { chooseDatabase, type DatabaseChoice } from '../lib/database.ts'
import {
  MIN_SECRET_LENGTH,
  parseBoolean,
  parseBusySeconds,
  parseCacheSeconds,
  parseEmailFrom,
  parseJobsStaleSeconds,
  parseObjectStorage,
  parseOrigin,
  parsePasswordResetSeconds,
  parsePort,
  parsePreviewUrl,
  parseSmtpUrl,
  parseTrustProxy,
  parseWebConcurrency,
  type ObjectStorageSettings,
  type RawEnv,
} from '../lib/envValues.ts'
import { ConfigError } from '../lib/errors.ts'
import { parseRetrySchedule } from '../lib/webhooks.ts'

/** Everything the CMS reads from the environment, validated. */
export type AppEnv = {
  isProduction: boolean
  port: number
  serverUrl: string
  /** The public site (PUBLIC_SITE_URL): where feeds and webhook events point; else `serverUrl`. */
  siteUrl: string
  database: DatabaseChoice
  secret: string
  /** Extra origins allowed for CORS/CSRF besides `serverUrl`. */
  extraOrigins: string[]
  /** Express `trust proxy` setting (hops or false). */
  trustProxy: number | false
  /** Lifetime of cached anonymous answers, seconds; 0 is off (see src/plugins/responseCache/store.ts). */
  apiCacheSeconds: number
  passwordResetSeconds: number
  databaseBusySeconds: number
  seedOnStart: boolean
  /** Whether start-up rebuilds the search index when it does not match what is published. */
  searchReindexOnStart: boolean
  /** Whether this instance runs queued jobs (JOBS_ENABLED; off for read-only replicas). */
  jobsEnabled: boolean
  /** A claimed job without progress for this long lost its worker (JOBS_STALE_SECONDS). */
  jobsStaleSeconds: number
  /** Server processes sharing the port (WEB_CONCURRENCY; production only). */
  webConcurrency: number
  email: { smtpUrl?: string; fromAddress: string; fromName: string }
  /** The bucket media files go to (S3_*); unset, they stay on the local disk (MEDIA_DIR). */
  objectStorage?: ObjectStorageSettings
  /** Where preview links point, with `{token}` (PREVIEW_URL); unset, the CMS's own preview page. */
  previewUrl?: string
  /**
   * Outgoing webhooks: whether deliveries may go to `http` URLs and private, loopback or
   * link-local addresses (WEBHOOKS_ALLOW_PRIVATE; development and tests), and the seconds to
   * wait between attempts (WEBHOOK_RETRY_SECONDS; about a day in all by default).
   */
  webhooks: { allowPrivate: boolean; retrySchedule: number[] }
}

/**
 * Reads the dev secret kept in `data/.payload-secret`, creating it once if missing.
 * Used only outside production, so `npm run dev` works with no `.env` at all.
 */
export const readOrCreateDevSecret = (projectRoot: string): string => {
  const file = path.join(projectRoot, 'data', '.payload-secret')
  try {
    return fs.readFileSync(file, 'utf8').trim()
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const secret = crypto.randomBytes(32).toString('hex')
  try {
    // 'wx' fails if another process created it first; then we read theirs.
    fs.writeFileSync(file, `${secret}\n`, { flag: 'wx', mode: 0o600 })
    return secret
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    return fs.readFileSync(file, 'utf8').trim()
  }
}

/**
 * Validates the environment. Throws `ConfigError` with a message naming the variable.
 * Production requires `PAYLOAD_SECRET`; elsewhere a secret is generated once in `data/`.
 */
export const loadEnv = ({ env, projectRoot }: { env: RawEnv; projectRoot: string }): AppEnv => {
  const isProduction = env.NODE_ENV === 'production'
  const port = parsePort(env.PORT)
  const serverUrl = env.SERVER_URL?.trim()
    ? parseOrigin({ name: 'SERVER_URL', value: env.SERVER_URL.trim() })
    : `http://localhost:${port}`
  const database = chooseDatabase({ uri: env.DATABASE_URI, projectRoot, env })

  let secret = env.PAYLOAD_SECRET?.trim() ?? ''
  // `next build` evaluates the config to collect route data; the real secret is read at start.
  const isBuilding = env.NEXT_PHASE === 'phase-production-build'
  if (secret === '' && isBuilding) {
    secret = 'build-time-placeholder-never-used-at-run-time'
  } else if (secret === '') {
    if (isProduction) {
      throw new ConfigError(
        'PAYLOAD_SECRET is not set: production needs a long random secret (e.g. `openssl rand -hex 32`) in the environment.',
      )
    }
    secret = readOrCreateDevSecret(projectRoot)
  } else if (secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(
      `PAYLOAD_SECRET is too short: use at least ${MIN_SECRET_LENGTH} characters`,
    )
  }

  const extraOrigins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
    .map((value) => parseOrigin({ name: 'CORS_ORIGINS', value }))

  return {
    isProduction,
    port,
    serverUrl,
    siteUrl: env.PUBLIC_SITE_URL?.trim()
      ? parseOrigin({ name: 'PUBLIC_SITE_URL', value: env.PUBLIC_SITE_URL.trim() })
      : serverUrl,
    database,
    secret,
    extraOrigins,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    apiCacheSeconds: parseCacheSeconds(env.API_CACHE_SECONDS),
    passwordResetSeconds: parsePasswordResetSeconds(env.PASSWORD_RESET_SECONDS),
    databaseBusySeconds: parseBusySeconds(env.DATABASE_BUSY_SECONDS),
    seedOnStart: parseBoolean({ name: 'SEED_ON_START', value: env.SEED_ON_START, fallback: true }),
    searchReindexOnStart: parseBoolean({
      name: 'SEARCH_REINDEX_ON_START',
      value: env.SEARCH_REINDEX_ON_START,
      fallback: true,
    }),
    jobsEnabled: parseBoolean({ name: 'JOBS_ENABLED', value: env.JOBS_ENABLED, fallback: true }),
    jobsStaleSeconds: parseJobsStaleSeconds(env.JOBS_STALE_SECONDS),
    webConcurrency: parseWebConcurrency(env.WEB_CONCURRENCY),
    email: { smtpUrl: parseSmtpUrl(env.SMTP_URL), ...parseEmailFrom(env.EMAIL_FROM) },
    objectStorage: parseObjectStorage(env),
    previewUrl: parsePreviewUrl(env.PREVIEW_URL),
    webhooks: {
      allowPrivate: parseBoolean({
        name: 'WEBHOOKS_ALLOW_PRIVATE',
        value: env.WEBHOOKS_ALLOW_PRIVATE,
        fallback: false,
      }),
      retrySchedule: parseRetrySchedule({
        value: env.WEBHOOK_RETRY_SECONDS,
        name: 'WEBHOOK_RETRY_SECONDS',
      }),
    },
  }
}
