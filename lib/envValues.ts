import { ConfigError } from './errors.ts'
import { TOKEN_PLACEHOLDER } from './previewLinks.ts'

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

/**
 * API_CACHE_SECONDS: how long an anonymous answer may stay in the response cache (writes drop the
 * answers they change at once, so this only bounds memory); 0 turns the cache off.
 */
export const parseCacheSeconds = (value: string | undefined): number => {
  if (value === undefined || value.trim() === '') return 3600
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

/** Where media files are kept when they are not on the local disk (the S3_* variables). */
export type ObjectStorageSettings = {
  bucket: string
  /** An S3-compatible server (MinIO, s3rver…), without a trailing slash; AWS itself when absent. */
  endpoint?: string
  region: string
  accessKeyId: string
  secretAccessKey: string
  /** `https://host/bucket/key` rather than `https://bucket.host/key`. */
  forcePathStyle: boolean
}

/** The S3 variables that mean nothing without S3_BUCKET. */
const S3_SETTINGS = [
  'S3_ENDPOINT',
  'S3_REGION',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'S3_FORCE_PATH_STYLE',
] as const

/** S3's bucket naming rules: 3 to 63 lowercase letters, digits, dots and hyphens. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/

const parseS3Endpoint = (value: string): string => {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigError(
      `S3_ENDPOINT "${value}" is not a URL (expected e.g. https://s3.example.org or http://localhost:9000)`,
    )
  }
  if (url.username || url.password) {
    // Never repeat the URL: it holds a secret.
    throw new ConfigError(
      'S3_ENDPOINT must not hold credentials: give them in S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY',
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`S3_ENDPOINT "${value}" must start with http:// or https://`)
  }
  if (url.search || url.hash) {
    throw new ConfigError(`S3_ENDPOINT "${value}" must not have a query or a fragment`)
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

/**
 * S3_BUCKET and its companions: undefined (media on the local disk) when S3_BUCKET is unset.
 * A companion set without S3_BUCKET is refused rather than ignored: media would silently stay
 * on one machine's disk.
 */
export const parseObjectStorage = (env: RawEnv): ObjectStorageSettings | undefined => {
  const valueOf = (name: string) => env[name]?.trim() || undefined
  const bucket = valueOf('S3_BUCKET')
  if (!bucket) {
    const stray = S3_SETTINGS.find((name) => valueOf(name))
    if (stray) {
      throw new ConfigError(
        `${stray} is set but S3_BUCKET is not: set S3_BUCKET to keep media in object storage, or unset ${stray} to keep them on disk`,
      )
    }
    return undefined
  }
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..')) {
    throw new ConfigError(
      `S3_BUCKET "${bucket}" is not a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens`,
    )
  }
  const endpointText = valueOf('S3_ENDPOINT')
  const endpoint = endpointText ? parseS3Endpoint(endpointText) : undefined
  // S3-compatible servers mostly ignore the region but the AWS SDK needs one to sign requests.
  const region = valueOf('S3_REGION') ?? (endpoint ? 'us-east-1' : undefined)
  if (!region) {
    throw new ConfigError(
      "S3_REGION is not set: give the bucket's AWS region (e.g. eu-west-1), or S3_ENDPOINT for an S3-compatible server",
    )
  }
  if (!/^[a-z0-9-]{2,40}$/.test(region)) {
    throw new ConfigError(
      `S3_REGION "${region}" is not a region name (lowercase letters, digits and hyphens, e.g. eu-west-1)`,
    )
  }
  const credential = (name: 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY'): string => {
    const value = valueOf(name)
    if (!value) {
      throw new ConfigError(
        `${name} is not set: S3_BUCKET needs the credentials S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY`,
      )
    }
    return value
  }
  const accessKeyId = credential('S3_ACCESS_KEY_ID')
  const secretAccessKey = credential('S3_SECRET_ACCESS_KEY')
  return {
    bucket,
    endpoint,
    region,
    accessKeyId,
    secretAccessKey,
    // S3-compatible servers (MinIO, s3rver, Ceph) mostly answer path-style requests only.
    forcePathStyle: parseBoolean({
      name: 'S3_FORCE_PATH_STYLE',
      value: env.S3_FORCE_PATH_STYLE,
      fallback: endpoint !== undefined,
    }),
  }
}

/**
 * PREVIEW_URL: where preview links point when a front end renders previews, e.g.
 * `https://site.example/preview?token={token}`; undefined (the CMS's own page) when unset.
 */
export const parsePreviewUrl = (value: string | undefined): string | undefined => {
  if (value === undefined || value.trim() === '') return undefined
  const template = value.trim()
  if (!template.includes(TOKEN_PLACEHOLDER)) {
    throw new ConfigError(
      `PREVIEW_URL "${template}" must contain ${TOKEN_PLACEHOLDER}, where the link's secret goes (e.g. https://site.example/preview?token=${TOKEN_PLACEHOLDER})`,
    )
  }
  let url: URL
  try {
    url = new URL(template.split(TOKEN_PLACEHOLDER).join('token'))
  } catch {
    throw new ConfigError(
      `PREVIEW_URL "${template}" is not a URL (expected e.g. https://site.example/preview?token=${TOKEN_PLACEHOLDER})`,
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`PREVIEW_URL "${template}" must start with http:// or https://`)
  }
  if (url.username || url.password) {
    throw new ConfigError('PREVIEW_URL must not hold credentials')
  }
  return template
}
