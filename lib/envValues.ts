import { ConfigError } from './errors.ts'

/**
 * The parsers of each environment variable: pure, each throwing a `ConfigError` that names the
 * variable and what it accepts. `loadEnv` (src/env.ts) puts them together.
 */

export type RawEnv = Record<string, string | undefined>

export const MIN_SECRET_LENGTH = 16

export const parsePort = (value: string | undefined): number => {
  if (value === undefined || value.trim() === '') return 3000
  const port = Number(value)
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError(`PORT "${value}" must be a whole number from 1 to 65535`)
  }
  return port
}

export const parseOrigin = ({ name, value }: { name: string; value: string }): string => {
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

export const parseBoolean = ({
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
/**
 * JOBS_STALE_SECONDS: a job claimed this long ago with no progress is taken to have lost its
 * worker and is run again (once). Must exceed the longest task.
 */
export const parseJobsStaleSeconds = (value: string | undefined): number => {
  if (value === undefined || value.trim() === '') return 300
  const seconds = Number(value)
  if (!Number.isInteger(seconds) || seconds < 5 || seconds > 86_400) {
    throw new ConfigError(
      `JOBS_STALE_SECONDS "${value}" must be a whole number of seconds from 5 to 86400`,
    )
  }
  return seconds
}

/** Most server processes WEB_CONCURRENCY may ask for on one machine. */
export const MAX_WEB_CONCURRENCY = 64

/** WEB_CONCURRENCY: how many server processes share the port (1, the default, is no cluster). */
export const parseWebConcurrency = (value: string | undefined): number => {
  if (value === undefined || value.trim() === '') return 1
  const count = Number(value)
  if (!Number.isInteger(count) || count < 1 || count > MAX_WEB_CONCURRENCY) {
    throw new ConfigError(
      `WEB_CONCURRENCY "${value}" must be a whole number of server processes from 1 to ${MAX_WEB_CONCURRENCY}`,
    )
  }
  return count
}

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

export const parseTrustProxy = (value: string | undefined): number | false => {
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

export const parseSmtpUrl = (value: string | undefined): string | undefined => {
  if (value === undefined || value.trim() === '') return undefined
  if (!/^smtps?:\/\/[^\s/]+/i.test(value.trim())) {
    throw new ConfigError('SMTP_URL must look like smtp://user:password@host:587 or smtps://…:465')
  }
  return value.trim()
}

/** `Name <address>` or a bare address. */
export const parseEmailFrom = (
  value: string | undefined,
): { fromAddress: string; fromName: string } => {
  const text = value?.trim() || 'Newsroom CMS <cms@localhost>'
  const match = /^(?:"?([^"<]*?)"?\s*<([^<>\s]+@[^<>\s]+)>|([^<>\s]+@[^<>\s]+))$/.exec(text)
  if (!match) {
    throw new ConfigError(`EMAIL_FROM "${text}" must be an address or "Name <address>"`)
  }
  return { fromAddress: match[2] ?? match[3], fromName: match[1]?.trim() || 'Newsroom CMS' }
}
