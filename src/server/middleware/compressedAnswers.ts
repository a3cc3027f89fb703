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
 * The answers of the paths the response cache serves are therefore encoded here, off the main
 * thread, once: when an answer is made, in the encoding its reader wants, which is kept beside
 * the plain body (src/plugins/responseCache/store.ts), and for a later reader who wants another
 * encoding, when it is first asked for. Readers get those bytes with their length. They are
 * what the middleware would have sent: the same negotiation, threshold, filter and encoder
 * settings, the same headers and the same ETag (of the plain body, as before).
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

/** Encodings being made, by answer, so a burst of readers waits for one each. */
const beingEncoded = new WeakMap<CachedAnswer, Map<KeptEncoding, Promise<Uint8Array>>>()

/** The kept answer's body in `encoding`, made once and kept beside it (if it is still kept). */
const keptEncodingOf = (
  key: string,
  answer: CachedAnswer,
  encoding: KeptEncoding,
): Promise<Uint8Array> => {
  const kept = answer.encoded?.[encoding]
  if (kept) return Promise.resolve(kept)
  const busy = beingEncoded.get(answer) ?? new Map<KeptEncoding, Promise<Uint8Array>>()
  beingEncoded.set(answer, busy)
  const pending = busy.get(encoding)
  if (pending) return pending
  const made = encode(encoding, answer.body).then((bytes) => {
    keepEncoding({ key, answer, encoding, body: bytes })
    return bytes
  })
  busy.set(encoding, made)
  void made.catch(() => undefined).finally(() => busy.delete(encoding))
  return made
}

/**
 * The encoding the compression middleware would give this answer (its headers on `res`
 * already), if any. HEAD is answered like GET, with the same headers.
 */
export const wantedEncoding = (
  req: IncomingMessage,
  res: ServerResponse,
  bodyBytes: number,
): KeptEncoding | undefined => {
  if (bodyBytes < THRESHOLD_BYTES) return undefined
  if (!compression.filter(req as never, res as never)) return undefined
  if (NO_TRANSFORM.test(String(res.getHeader('cache-control') ?? ''))) return undefined
  const encoding = negotiatedEncoding(req)
  return encoding === 'br' || encoding === 'gzip' ? encoding : undefined
}

/**
 * A body just made, encoded as the middleware would have (`wantedEncoding`), off the main
 * thread; sent with its length, unlike the middleware's stream. Undefined if it cannot be.
 */
export const encodeBody = async (
  encoding: KeptEncoding,
  body: Uint8Array,
): Promise<Uint8Array | undefined> => {
  try {
    return await encode(encoding, body)
  } catch {
    // Sent plain, which every reader accepts.
    return undefined
  }
}

/**
 * The body to replay `answer` (kept under `key`) with, for this request: its kept encoding
 * when the reader wants one (made now, once, if it is not kept yet), with `Content-Encoding`
 * set (the middleware then leaves it alone); otherwise the plain body. Call once the answer's
 * headers are on `res`.
 */
export const replayBodyOf = async ({
  req,
  res,
  key,
  answer,
}: {
  req: IncomingMessage
  res: ServerResponse
  key: string
  answer: CachedAnswer
}): Promise<Uint8Array> => {
  const encoding = wantedEncoding(req, res, answer.body.byteLength)
  if (!encoding) return answer.body
  try {
    const bytes = await keptEncodingOf(key, answer, encoding)
    res.setHeader('content-encoding', encoding)
    return bytes
  } catch {
    return answer.body
  }
}
