import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { chooseDatabase, type DatabaseChoice } from './database.ts'
import { ConfigError } from './errors.ts'

/** Everything the CMS reads from the environment, validated. */
export type AppEnv = {
  isProduction: boolean
  port: number
  serverUrl: string
  database: DatabaseChoice
  secret: string
  /** Extra origins allowed for CORS/CSRF besides `serverUrl`. */
  extraOrigins: string[]
  /** Express `trust proxy` setting (hops or false). */
  trustProxy: number | false
  /** Lifetime of cached anonymous answers, seconds; 0 is off (see src/lib/responseCache.ts). */
  apiCacheSeconds: number
  passwordResetSeconds: number
  databaseBusySeconds: number
  seedOnStart: boolean
  email: { smtpUrl?: string; fromAddress: string; fromName: string }
}

type RawEnv = Record<string, string | undefined>

const MIN_SECRET_LENGTH = 16

const parsePort = (value: string | undefined): number => {
  if (value === undefined || value.trim() === '') return 3000
  const port = Number(value)
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError(`PORT "${value}" must be a whole number from 1 to 65535`)
  }
  return port
}

const parseOrigin = ({ name, value }: { name: string; value: string }): string => {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigError(`${name} "${value}" is not a URL (expected e.g. https://cms.example.org)`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} "${value}" must start with http:// or https://`)
  }
  return url.origin
}

const parseBoolean = ({
  name,
  value,
  fallback,
}: {
  name: string
  value?: string
  fallback: boolean
}) => {
  if (value === undefined || value.trim() === '') return fallback
  if (/^(1|true|yes|on)$/i.test(value.trim())) return true
  if (/^(0|false|no|off)$/i.test(value.trim())) return false
  throw new ConfigError(`${name} "${value}" must be true or false`)
}

/** API_CACHE_SECONDS: how long another process's writes may go unseen by this one's cache. */
export const parseCacheSeconds = (value: string | undefined): number => {
  if (value === undefined || value.trim() === '') return 30
  const seconds = Number(value)
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 86_400) {
    throw new ConfigError(
      `API_CACHE_SECONDS "${value}" must be a whole number of seconds from 0 (off) to 86400`,
    )
  }
  return seconds
}

/** DATABASE_BUSY_SECONDS: how long a write waits for a busy SQLite database before a 503. */
export const parseBusySeconds = (value: string | undefined): number => {
  if (value === undefined || value.trim() === '') return 30
  const seconds = Number(value)
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 300) {
    throw new ConfigError(
      `DATABASE_BUSY_SECONDS "${value}" must be a whole number of seconds from 1 to 300`,
    )
  }
  return seconds
}

/** PASSWORD_RESET_SECONDS: how long a password-reset link works (once). */
export const parsePasswordResetSeconds = (value: string | undefined): number => {
  if (value === undefined || value.trim() === '') return 3600
  const seconds = Number(value)
  if (!Number.isInteger(seconds) || seconds < 5 || seconds > 7 * 86_400) {
    throw new ConfigError(
      `PASSWORD_RESET_SECONDS "${value}" must be a whole number of seconds from 5 to 604800 (a week)`,
    )
  }
  return seconds
}

const parseTrustProxy = (value: string | undefined): number | false => {
  if (value === undefined || value.trim() === '' || /^(0|false|no|off)$/i.test(value.trim())) {
    return false
  }
  if (/^(true|yes|on)$/i.test(value.trim())) return 1
  const hops = Number(value)
  if (!Number.isInteger(hops) || hops < 0) {
    throw new ConfigError(`TRUST_PROXY "${value}" must be false, true or a number of proxy hops`)
  }
  return hops
}

const parseSmtpUrl = (value: string | undefined): string | undefined => {
  if (value === undefined || value.trim() === '') return undefined
  if (!/^smtps?:\/\/[^\s/]+/i.test(value.trim())) {
    throw new ConfigError('SMTP_URL must look like smtp://user:password@host:587 or smtps://…:465')
  }
  return value.trim()
}

/** `Name <address>` or a bare address. */
const parseEmailFrom = (value: string | undefined): { fromAddress: string; fromName: string } => {
  const text = value?.trim() || 'Newsroom CMS <cms@localhost>'
  const match = /^(?:"?([^"<]*?)"?\s*<([^<>\s]+@[^<>\s]+)>|([^<>\s]+@[^<>\s]+))$/.exec(text)
  if (!match) {
    throw new ConfigError(`EMAIL_FROM "${text}" must be an address or "Name <address>"`)
  }
  return { fromAddress: match[2] ?? match[3], fromName: match[1]?.trim() || 'Newsroom CMS' }
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
  const database = chooseDatabase({ uri: env.DATABASE_URI, projectRoot })

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
    database,
    secret,
    extraOrigins,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    apiCacheSeconds: parseCacheSeconds(env.API_CACHE_SECONDS),
    passwordResetSeconds: parsePasswordResetSeconds(env.PASSWORD_RESET_SECONDS),
    databaseBusySeconds: parseBusySeconds(env.DATABASE_BUSY_SECONDS),
    seedOnStart: parseBoolean({ name: 'SEED_ON_START', value: env.SEED_ON_START, fallback: true }),
    email: { smtpUrl: parseSmtpUrl(env.SMTP_URL), ...parseEmailFrom(env.EMAIL_FROM) },
  }
}
