import ipaddr from 'ipaddr.js'

import { ConfigError } from './errors.ts'

/**
 * The rules of outgoing webhooks that need no network: what a secret looks like, which URLs a
 * webhook may point to, which addresses a delivery may connect to, when a failed delivery is
 * tried again, and what of an answer is kept. The sender (src/webhooks/send.ts) applies them.
 *
 * Deliveries follow the Standard Webhooks specification (https://www.standardwebhooks.com/):
 * a `whsec_` secret holding base64 bytes, signed `webhook-id`, `webhook-timestamp` and
 * `webhook-signature` headers.
 */

/** The prefix Standard Webhooks gives a signing secret. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_'

/** Bytes in a secret: the specification asks for 24 to 64. */
export const WEBHOOK_SECRET_BYTES = { min: 24, max: 64 } as const

/** `whsec_` and the bytes in base64: the form receivers paste into their Standard Webhooks library. */
export const formatSecret = ({ bytes }: { bytes: Uint8Array }): string =>
  `${WEBHOOK_SECRET_PREFIX}${Buffer.from(bytes).toString('base64')}`

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** Whether `value` is a `whsec_` secret of 24 to 64 bytes in standard base64. */
export const isWebhookSecret = ({ value }: { value: string }): boolean => {
  if (!value.startsWith(WEBHOOK_SECRET_PREFIX)) return false
  const encoded = value.slice(WEBHOOK_SECRET_PREFIX.length)
  if (encoded === '' || !BASE64.test(encoded)) return false
  const length = Buffer.from(encoded, 'base64').length
  return length >= WEBHOOK_SECRET_BYTES.min && length <= WEBHOOK_SECRET_BYTES.max
}

/** How ipaddr.js's range names read in a message. */
const RANGE_NAMES: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT (shared) address',
  private: 'a private address',
  uniqueLocal: 'a unique-local (private) address',
  deprecatedSiteLocal: 'a site-local (private) address',
  reserved: 'a reserved address',
  benchmarking: 'a benchmarking address',
}

/** The IPv6 prefix NAT64 gateways put before an IPv4 address (RFC 6052). */
const NAT64_PREFIX = ipaddr.parseCIDR('64:ff9b::/96')

/**
 * Why a delivery may not connect to `address` ("127.0.0.1 is a loopback address"), or null for
 * a public unicast address. IPv4-mapped (`::ffff:a.b.c.d`) and NAT64 (`64:ff9b::a.b.c.d`)
 * addresses are judged by the IPv4 address inside them; every special-purpose range (private,
 * loopback, link-local, unique-local, CGNAT, multicast, reserved, documentation, 6to4,
 * Teredo…) is refused.
 */
export const addressProblem = ({ address }: { address: string }): string | null => {
  const text = address.replace(/^\[|\]$/g, '')
  if (!ipaddr.isValid(text)) return `${address} is not an IP address`
  const parsed = ipaddr.parse(text)
  let judged: ipaddr.IPv4 | ipaddr.IPv6 = parsed
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6
    if (v6.isIPv4MappedAddress()) judged = v6.toIPv4Address()
    else if (v6.match(NAT64_PREFIX)) judged = ipaddr.fromByteArray(v6.toByteArray().slice(12))
  }
  const range = judged.range()
  if (range === 'unicast') return null
  const inside = judged === parsed ? '' : ` (${judged.toString()} inside)`
  const name = RANGE_NAMES[range] ?? `a special-purpose address (${range})`
  return `${text} is ${name}${inside}`
}

/** Whether a delivery may connect to `address`: a public unicast IPv4 or IPv6 address. */
export const isPublicAddress = ({ address }: { address: string }): boolean =>
  addressProblem({ address }) === null

/** `localhost` and the names below it (RFC 6761), with or without the root's trailing dot. */
const isLocalhostName = (hostname: string) => /(^|\.)localhost\.?$/i.test(hostname)

/**
 * What is wrong with a webhook's URL, or null when it may be saved (a phrase that reads after
 * "refused: ", e.g. "127.0.0.1 is a loopback address"): it must be an absolute
 * `https:` URL (`http:` too when `allowPrivate`) with a host, no user name or password and no
 * fragment. Unless `allowPrivate`, a host written as an IP address must be public and
 * `localhost` is refused; names are checked again after DNS resolution when delivering
 * (src/webhooks/send.ts), as what a name resolves to can change.
 *
 * Numeric hosts are judged as WHATWG URL reads them, as HTTP clients do: `http://2130706433/`
 * and `http://0x7f.1/` are 127.0.0.1.
 */
export const webhookUrlProblem = ({
  url,
  allowPrivate,
}: {
  url: string
  allowPrivate: boolean
}): string | null => {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'not a URL (expected e.g. https://hooks.example.org/newsroom)'
  }
  if (parsed.protocol !== 'https:' && !(allowPrivate && parsed.protocol === 'http:')) {
    return allowPrivate
      ? `only https:// and http:// URLs are allowed, not ${parsed.protocol}//`
      : `only https:// URLs are allowed, not ${parsed.protocol}//`
  }
  // Never repeat a URL holding credentials: messages are shown and logged.
  if (parsed.username || parsed.password) {
    return 'a webhook URL must not hold a user name or password (receivers verify the signature instead)'
  }
  if (parsed.href.includes('#')) return 'a webhook URL must not have a fragment (#…)'
  if (parsed.hostname === '') return 'the URL has no host'
  if (allowPrivate) return null
  if (isLocalhostName(parsed.hostname)) {
    return `${parsed.hostname} is this machine (a loopback name)`
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '')
  if (!ipaddr.isValid(host)) return null
  return addressProblem({ address: host })
}

/**
 * Seconds to wait after each failed attempt before the next: about a day in all (23.7 h), then
 * the delivery is failed. The first attempt goes at once, so a delivery has 11 attempts.
 */
export const DEFAULT_RETRY_SECONDS: readonly number[] = [
  5,
  30,
  2 * 60,
  10 * 60,
  30 * 60,
  60 * 60,
  2 * 60 * 60,
  4 * 60 * 60,
  8 * 60 * 60,
  8 * 60 * 60,
]

/** Each wait is stretched or shrunk by up to this fraction, so failed receivers are not stampeded. */
export const RETRY_JITTER = 0.2

/**
 * How long to wait before the attempt after attempt number `attempt` (1 is the first), or null
 * when that was the last: the schedule's wait (seconds) ± {@link RETRY_JITTER}, with `random`
 * a draw from [0, 1) such as `Math.random()` (0 waits the least, 0.5 exactly the schedule).
 */
export const nextAttemptDelayMs = ({
  attempt,
  random,
  schedule = DEFAULT_RETRY_SECONDS,
}: {
  attempt: number
  random: number
  schedule?: readonly number[]
}): number | null => {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`attempt must be a whole number from 1, not ${attempt}`)
  }
  const seconds = schedule[attempt - 1]
  if (seconds === undefined) return null
  const factor = 1 + RETRY_JITTER * (2 * Math.min(Math.max(random, 0), 1) - 1)
  return Math.round(seconds * 1000 * factor)
}

/** Most retries a schedule may list, and the longest single wait (a day). */
export const RETRY_SCHEDULE_LIMITS = { maxRetries: 30, maxSeconds: 86_400 } as const

/**
 * A retry schedule written as seconds between attempts, e.g. `WEBHOOK_RETRY_SECONDS=1,1,2`
 * (tests use short ones): the default when unset or blank; a `ConfigError` naming the variable
 * (`name`) and the bad item otherwise.
 */
export const parseRetrySchedule = ({
  value,
  name,
}: {
  value: string | undefined
  name: string
}): number[] => {
  if (value === undefined || value.trim() === '') return [...DEFAULT_RETRY_SECONDS]
  const expected = `a comma-separated list of seconds to wait between attempts, each from 0 to ${RETRY_SCHEDULE_LIMITS.maxSeconds} (e.g. 5,30,120)`
  const items = value.split(',').map((item) => item.trim())
  if (items.length > RETRY_SCHEDULE_LIMITS.maxRetries) {
    throw new ConfigError(
      `${name} "${value}" lists ${items.length} retries; at most ${RETRY_SCHEDULE_LIMITS.maxRetries}`,
    )
  }
  return items.map((item, index) => {
    const seconds = item === '' ? NaN : Number(item)
    if (!Number.isFinite(seconds) || seconds < 0 || seconds > RETRY_SCHEDULE_LIMITS.maxSeconds) {
      throw new ConfigError(
        `${name} "${value}": item ${index + 1} ("${item}") is not a number of seconds; expected ${expected}`,
      )
    }
    return seconds
  })
}

/** How much of a receiver's answer a delivery keeps: 1 KB. */
export const RESPONSE_SNIPPET_BYTES = 1024

/** Control characters other than tab and line breaks, which would garble a log or a screen. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g

const utf8Length = (codePoint: number) =>
  codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4

/**
 * The start of a receiver's answer, at most `limit` bytes of UTF-8 (never a character cut in
 * two), with control characters and lone surrogates replaced by U+FFFD, safe to store and show.
 */
export const responseSnippet = ({
  text,
  limit = RESPONSE_SNIPPET_BYTES,
}: {
  text: string
  limit?: number
}): string => {
  let bytes = 0
  let kept = ''
  for (const character of text.replace(CONTROL, '\uFFFD')) {
    const codePoint = character.codePointAt(0) ?? 0
    const isLoneSurrogate = codePoint >= 0xd800 && codePoint <= 0xdfff
    const safe = isLoneSurrogate ? '\uFFFD' : character
    const size = utf8Length(safe.codePointAt(0) ?? 0)
    if (bytes + size > limit) break
    bytes += size
    kept += safe
  }
  return kept
}
