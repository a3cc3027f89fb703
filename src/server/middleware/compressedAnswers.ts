import type { IncomingMessage, ServerResponse } from 'node:http'
import zlib from 'node:zlib'

import compression from 'compression'
import Negotiator from 'negotiator'

import {
  keepEncoding,
  type CachedAnswer,
  type KeptEncoding,
} from '../../plugins/responseCache/store.ts'

/**
 * Compression of the server's answers, and of the answers the response cache keeps.
 *
 * The `compression` middleware encodes every answer as it is sent. For an answer replayed from
 * the response cache that is the largest part of its cost: a list of ten posts at depth 1 is
 * about 130 kB of JSON, which takes 3–4 ms of CPU to gzip, against well under 1 ms to replay.
 * A kept answer is therefore encoded once, off the main thread, in its own reader's encoding
 * as soon as it is kept and in any other the first time a reader asks for it, and kept beside
 * the plain body (src/plugins/responseCache/store.ts);
 * later readers get those bytes. They are what the middleware would have sent: the same
 * negotiation, threshold, filter and encoder settings, the same headers and the same ETag (the
 * ETag is of the plain body, as before).
 */

/** Answers smaller than this are sent as they are (the middleware's default). */
const THRESHOLD_BYTES = 1024
/** Brotli's quality: the middleware's default, fast enough for answers made on the fly. */
const BROTLI_QUALITY = 4

const SUPPORTED = ['br', 'gzip', 'deflate', 'identity']
const PREFERRED = ['br', 'gzip']

/** The middleware for src/server.ts, with the settings the kept encodings share. */
export const compressAnswers = () =>
  compression({
    threshold: THRESHOLD_BYTES,
    brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } },
  })

/** Negotiator 1.x as the middleware calls it (@types/negotiator predates `preferred`). */
type PreferringNegotiator = {
  encoding(
    available: readonly string[],
    options: { preferred: readonly string[] },
  ): string | undefined
}

/** The encoding the middleware would choose for `req`. */
const negotiatedEncoding = (req: IncomingMessage): string | undefined =>
  (new Negotiator(req) as unknown as PreferringNegotiator).encoding(SUPPORTED, {
    preferred: PREFERRED,
  })

const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i

const encode = (encoding: KeptEncoding, body: Uint8Array): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const done = (err: Error | null, result: Buffer) => (err ? reject(err) : resolve(result))
    if (encoding === 'gzip') zlib.gzip(body, done)
    else {
      zlib.brotliCompress(
        body,
        {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
          },
        },
        done,
      )
    }
  })

/** Encodings being made, by answer, so a burst of readers starts one each. */
const beingEncoded = new WeakMap<CachedAnswer, Set<KeptEncoding>>()

const encodeInBackground = (key: string, answer: CachedAnswer, encoding: KeptEncoding) => {
  const busy = beingEncoded.get(answer) ?? new Set<KeptEncoding>()
  if (busy.has(encoding)) return
  busy.add(encoding)
  beingEncoded.set(answer, busy)
  encode(encoding, answer.body)
    .then((body) => keepEncoding({ key, answer, encoding, body: new Uint8Array(body) }))
    // Nothing is lost: the middleware goes on encoding this answer as it is sent.
    .catch(() => undefined)
    .finally(() => busy.delete(encoding))
}

/** The kept encoding this request should get `answer` in, if any (headers on `res` already). */
const wantedEncoding = (
  req: IncomingMessage,
  res: ServerResponse,
  answer: CachedAnswer,
): KeptEncoding | undefined => {
  if (req.method === 'HEAD' || answer.body.byteLength < THRESHOLD_BYTES) return undefined
  if (!compression.filter(req as never, res as never)) return undefined
  if (NO_TRANSFORM.test(String(res.getHeader('cache-control') ?? ''))) return undefined
  const encoding = negotiatedEncoding(req)
  return encoding === 'br' || encoding === 'gzip' ? encoding : undefined
}

/** A kept answer (under `key`) and the request and response it is for. */
type KeptAnswerFor = {
  req: IncomingMessage
  res: ServerResponse
  key: string
  answer: CachedAnswer
}

/**
 * Starts encoding a just-kept answer as `req` (the reader it was made for) would want it, so
 * the readers who waited for it (httpCache.ts's `beingMade`) and those after get those bytes.
 */
export const encodeAhead = ({ req, res, key, answer }: KeptAnswerFor): void => {
  const encoding = wantedEncoding(req, res, answer)
  if (encoding && !answer.encoded?.[encoding]) encodeInBackground(key, answer, encoding)
}

/**
 * The body to replay `answer` (kept under `key`) with, for this request: the kept encoding the
 * middleware would have chosen, with `Content-Encoding` set (the middleware then leaves it
 * alone), or the plain body, which the middleware encodes as usual, while the encoding is made
 * for the readers after. Call once the answer's headers are on `res`.
 */
export const replayBodyOf = ({ req, res, key, answer }: KeptAnswerFor): Uint8Array => {
  const encoding = wantedEncoding(req, res, answer)
  if (!encoding) return answer.body
  const kept = answer.encoded?.[encoding]
  if (!kept) {
    encodeInBackground(key, answer, encoding)
    return answer.body
  }
  res.setHeader('content-encoding', encoding)
  return kept
}
