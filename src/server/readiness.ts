import type { NextFunction, Request, Response } from 'express'
import onHeaders from 'on-headers'

import { CLIENT_IP_HEADER } from '../../lib/clientIp.ts'
import { errorBody } from '../../lib/errors.ts'
import { log, messageOf } from './log.ts'

/** While not ready, how often the server checks the database again. */
const READINESS_RETRY_MS = 5_000

/** Whether the server takes requests, shared by the gate, warmUp and the shutdown handler. */
export type Readiness = {
  isReady: boolean
  /** Why the server is not ready, for the 503 answer and the log. */
  reason: string
  isShuttingDown: boolean
}

export const createReadiness = (): Readiness => ({
  isReady: false,
  reason: 'the server is starting',
  isShuttingDown: false,
})

/** Liveness: answers as long as the process runs, whatever the database does. */
export const healthz = (_req: Request, res: Response): void => {
  res.set('cache-control', 'no-store').json({ status: 'ok', uptime: Math.round(process.uptime()) })
}

/**
 * Until Payload has initialised against a reachable database, answers 503 at once with the
 * reason instead of letting each request wait for a connection attempt to time out; during
 * shutdown, answers 503 and closes the connection. Requests let through carry the client
 * address in CLIENT_IP_HEADER.
 */
export const readinessGate =
  ({ readiness }: { readiness: Readiness }) =>
  (req: Request, res: Response, next: NextFunction): void => {
    if (readiness.isShuttingDown) {
      res.set('connection', 'close')
      res.status(503).json(errorBody('the server is shutting down'))
      return
    }
    if (req.path === '/readyz') {
      // A ready answer, whoever asked, also opens the API: before its first byte leaves, so a
      // client that saw 200 can never be told "starting" afterwards.
      onHeaders(res, () => {
        if (res.statusCode === 200) readiness.isReady = true
      })
    } else if (!readiness.isReady) {
      res.set('retry-after', String(READINESS_RETRY_MS / 1000))
      res.status(503).json(errorBody(`not ready: ${readiness.reason}`))
      return
    }
    // Rate limits count against this address; a client-sent copy is never trusted.
    req.headers[CLIENT_IP_HEADER] = req.ip ?? req.socket.remoteAddress ?? 'unknown'
    next()
  }

/**
 * Initialises Payload right away (migrations, jobs) instead of on the first visitor's request,
 * and retries until the database answers, keeping `readiness` up to date.
 */
export const warmUp = async ({
  port,
  readiness,
  onReady,
}: {
  port: number
  readiness: Readiness
  /** Told once, when the server first became ready. */
  onReady?: () => void
}): Promise<void> => {
  const started = Date.now()
  try {
    const response = await fetch(`http://127.0.0.1:${port}/readyz`)
    const body = (await response.json()) as { reason?: string; database?: string }
    if (response.ok) {
      readiness.isReady = true
      log.info(`ready in ${Date.now() - started} ms (database: ${body.database})`)
      onReady?.()
      return
    }
    readiness.reason = body.reason ?? response.statusText
  } catch (err) {
    readiness.reason = `readiness check failed: ${messageOf(err)}`
  }
  log.error(`not ready: ${readiness.reason}; retrying in ${READINESS_RETRY_MS / 1000} s`)
  setTimeout(() => void warmUp({ port, readiness, onReady }), READINESS_RETRY_MS).unref()
}
