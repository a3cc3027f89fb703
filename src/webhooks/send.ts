import dns from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import { performance } from 'node:perf_hooks'

import { Webhook } from 'standardwebhooks'

import {
  addressProblem,
  RESPONSE_SNIPPET_BYTES,
  responseSnippet,
  webhookUrlProblem,
} from '../../lib/webhooks.ts'

/** What one delivery attempt came to; `error` is a short message to show, never a stack. */
export type AttemptResult = {
  isDelivered: boolean
  statusCode?: number
  durationMs: number
  responseSnippet?: string
  error?: string
}

/** One address a name resolves to, as `dns.lookup` gives it. */
export type ResolvedAddress = { address: string; family: number }

/** Every address a host name resolves to. */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>

/** The system resolver (`/etc/hosts`, then DNS), as Node's own connections use it. */
const resolveWithSystem: ResolveHost = (hostname) =>
  dns.promises.lookup(hostname, { all: true, verbatim: true })

/** Sent as `user-agent`, so receivers can tell deliveries apart in their logs. */
export const WEBHOOK_USER_AGENT = 'NewsroomCMS-Webhooks/1'

/** Raised by the lookup when a name resolves to an address deliveries may not reach. */
class RefusedAddressError extends Error {
  readonly code = 'EWEBHOOKREFUSED'
}

/**
 * A `lookup` for the connection: resolves every address of the name, refuses them all when any
 * is not public (unless `allowPrivate`), and hands the connection only addresses it checked,
 * so a name cannot resolve to a public address for the check and a private one for the
 * connection (DNS rebinding). TLS still verifies the certificate against the name.
 *
 * (request-filtering-agent does much the same as an http(s) Agent, but with its own idea of
 * "private" and its own messages; this keeps one rule, lib/webhooks.ts, for saving a URL and
 * for delivering to it, and one wording for both.)
 */
const checkedLookup =
  ({ resolve, allowPrivate }: { resolve: ResolveHost; allowPrivate: boolean }): LookupFunction =>
  (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const problem = allowPrivate
          ? null
          : addresses.map(({ address }) => addressProblem({ address })).find(Boolean)
        if (problem) {
          callback(new RefusedAddressError(`refused: ${problem} (from ${hostname})`), '')
          return
        }
        const usable = addresses.filter(
          ({ family }) => !options.family || options.family === family,
        )
        if (usable.length === 0) {
          const error: NodeJS.ErrnoException = new Error(`no address for ${hostname}`)
          error.code = 'ENOTFOUND'
          callback(error, '')
          return
        }
        if (options.all) callback(null, usable)
        else callback(null, usable[0].address, usable[0].family)
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    )
  }

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(3))} s`

const firstLine = (text: string) => (text.split('\n')[0] ?? '').slice(0, 200)

/** A connection failure as a short message: which step failed, in words, without a stack. */
const describeError = ({ error, hostname }: { error: unknown; hostname: string }): string => {
  if (!(error instanceof Error)) return firstLine(String(error))
  if (error instanceof RefusedAddressError) return error.message
  const { code } = error as NodeJS.ErrnoException
  const reason = (error as { reason?: unknown }).reason
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused'
    case 'ECONNRESET':
      return 'connection reset before an answer'
    case 'EPIPE':
      return 'connection closed while sending'
    case 'ENOTFOUND':
      return `DNS: no address for ${hostname}`
    case 'EAI_AGAIN':
      return `DNS: lookup of ${hostname} failed for now`
    case 'EHOSTUNREACH':
      return 'host unreachable'
    case 'ENETUNREACH':
      return 'network unreachable'
    case 'ETIMEDOUT':
      return 'connection timed out'
  }
  // Certificate errors say their cause plainly ("self-signed certificate"); OpenSSL's own
  // put it in `reason` or deep in the message ("…:error:0A00010B:SSL routines:…:wrong version
  // number:../deps/openssl/…").
  if (code && /CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_/.test(code)) {
    const openssl = /error:[0-9A-Fa-f]+:[^:]*:[^:]*:([^:\n]+)/.exec(error.message)?.[1]
    return `TLS: ${typeof reason === 'string' ? reason : (openssl ?? firstLine(error.message))}`
  }
  if (code?.startsWith('HPE_')) return `unreadable HTTP answer (${firstLine(error.message)})`
  return firstLine(error.message) || code || 'failed'
}

/**
 * Delivers one webhook message: signs it as Standard Webhooks asks (`webhook-id`,
 * `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`) and
 * POSTs it as JSON. Delivered is a 2xx answer within `timeoutMs`, the whole attempt included
 * (resolving, connecting, TLS, the answer's headers and the first 1 KB of its body, kept as
 * `responseSnippet`). Redirects are not followed: a 3xx is a failure.
 *
 * Unless `allowPrivate` (WEBHOOKS_ALLOW_PRIVATE), only `https` URLs go, and only to public
 * addresses: the URL is checked, then every address its name resolves to, and the connection
 * goes to a checked address. Never throws; every failure is an `error` message.
 *
 * `resolve` is the system resolver unless a test answers names of its own.
 */
export const sendWebhook = async ({
  url,
  secret,
  messageId,
  timestamp,
  body,
  allowPrivate,
  timeoutMs = 10_000,
  resolve = resolveWithSystem,
}: {
  url: string
  secret: string
  messageId: string
  timestamp: Date
  body: string
  allowPrivate: boolean
  timeoutMs?: number
  resolve?: ResolveHost
}): Promise<AttemptResult> => {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  const urlProblem = webhookUrlProblem({ url, allowPrivate })
  if (urlProblem) {
    return { isDelivered: false, durationMs: elapsed(), error: `refused: ${urlProblem}` }
  }
  let signature: string
  try {
    signature = new Webhook(secret).sign(messageId, timestamp, body)
  } catch {
    return {
      isDelivered: false,
      durationMs: elapsed(),
      error: 'the secret is not a Standard Webhooks secret (whsec_ and base64)',
    }
  }
  const target = new URL(url)
  const transport = target.protocol === 'https:' ? https : http
  const headers = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    'user-agent': WEBHOOK_USER_AGENT,
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': signature,
  }

  return new Promise<AttemptResult>((settle) => {
    let isSettled = false
    let request: http.ClientRequest | undefined
    let answer: { statusCode: number; location?: string; chunks: Buffer[]; size: number } | null =
      null

    const finish = (result: Omit<AttemptResult, 'durationMs'>) => {
      if (isSettled) return
      isSettled = true
      clearTimeout(timer)
      // No keep-alive (agent: false): this closes the connection, the answer's rest unread.
      request?.destroy()
      settle({ ...result, durationMs: elapsed() })
    }

    /** The outcome once the status is known: the status decides, whatever the body does. */
    const finishWithAnswer = () => {
      if (!answer) return
      const { statusCode, location, chunks } = answer
      const snippet = responseSnippet({
        text: new TextDecoder().decode(Buffer.concat(chunks)),
        limit: RESPONSE_SNIPPET_BYTES,
      })
      const isDelivered = statusCode >= 200 && statusCode < 300
      const isRedirect = statusCode >= 300 && statusCode < 400
      finish({
        isDelivered,
        statusCode,
        responseSnippet: snippet,
        ...(isDelivered
          ? {}
          : {
              error: isRedirect
                ? `redirect to ${location ? firstLine(location) : '(no location)'} not followed`
                : `answered HTTP ${statusCode}`,
            }),
      })
    }

    const timer = setTimeout(() => {
      if (answer) finishWithAnswer()
      else finish({ isDelivered: false, error: `timed out after ${seconds(timeoutMs)}` })
    }, timeoutMs)

    try {
      request = transport.request(target, {
        method: 'POST',
        headers,
        agent: false,
        lookup: checkedLookup({ resolve, allowPrivate }),
      })
    } catch (error) {
      // Node refuses some headers before sending anything, e.g. a message id with a line break.
      finish({ isDelivered: false, error: describeError({ error, hostname: target.hostname }) })
      return
    }
    request.on('error', (error) => {
      if (answer) finishWithAnswer()
      else
        finish({ isDelivered: false, error: describeError({ error, hostname: target.hostname }) })
    })
    request.on('response', (response) => {
      answer = {
        statusCode: response.statusCode ?? 0,
        location: response.headers.location,
        chunks: [],
        size: 0,
      }
      const kept = answer
      response.on('data', (chunk: Buffer) => {
        const room = RESPONSE_SNIPPET_BYTES - kept.size
        if (room > 0) {
          kept.chunks.push(chunk.subarray(0, room))
          kept.size += Math.min(room, chunk.length)
        }
        if (kept.size >= RESPONSE_SNIPPET_BYTES) finishWithAnswer()
      })
      response.on('end', finishWithAnswer)
      // The connection failing mid-body (or closed by `finish`): the status already decided.
      response.on('error', finishWithAnswer)
      response.on('close', finishWithAnswer)
    })
    request.end(body)
  })
}
