import type { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'

/** Bodies handed back with `restoreBody` and not read since, so a second reader reuses them. */
const restored = new WeakMap<IncomingMessage, Buffer>()

/**
 * Reads a whole request body (its size is already capped by the server's bodySizeCap). A body
 * an earlier middleware read and restored is returned as is, not read a second time.
 */
export const readBody = async (req: IncomingMessage): Promise<Buffer> => {
  const earlier = restored.get(req)
  if (earlier) return earlier
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/**
 * Gives a request whose body was read here a fresh copy of it, the way Next does for its own
 * middleware (next/dist/server/body-streams.js): the readable state and methods of a new stream
 * replace the spent ones.
 */
export const restoreBody = (req: IncomingMessage, body: Buffer): void => {
  if (restored.get(req) === body) return
  restored.set(req, body)
  const fresh = new Readable({ read() {} })
  fresh.push(body)
  fresh.push(null)
  const target = req as unknown as Record<string, unknown>
  for (const key in fresh) {
    // The request keeps its own listeners (Node's and Express's); only the stream is replaced.
    if (key === '_events' || key === '_eventsCount' || key === '_maxListeners') continue
    const value = (fresh as unknown as Record<string, unknown>)[key]
    target[key] = typeof value === 'function' ? (value as () => unknown).bind(req) : value
  }
}
