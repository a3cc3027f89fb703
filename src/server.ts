import fs from 'node:fs'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import nextEnv from '@next/env'
import compression from 'compression'
import express, { type NextFunction, type Request, type Response } from 'express'
import helmet from 'helmet'
import nextModule from 'next'

import { CLIENT_IP_HEADER } from './lib/clientIp.ts'
import { ConfigError } from './lib/errors.ts'
import { loadEnv, type AppEnv } from './lib/env.ts'
import { runShutdownHooks } from './lib/lifecycle.ts'
import { anonymousHttpCache } from './lib/httpCache.ts'
import { mediaFileHeaders } from './lib/mediaHeaders.ts'
import { findQueryProblem } from './lib/queryParams.ts'
import { checkApiBodies, refuseBadPaths } from './lib/requestBody.ts'
import { serveCachedAnswers } from './lib/responseCacheMiddleware.ts'

type NextServer = {
  prepare: () => Promise<void>
  getRequestHandler: () => (req: IncomingMessage, res: ServerResponse) => Promise<void>
}
// `next` is CommonJS: its default export types differently under the two tsconfigs
// (bundler for Next, NodeNext for this file), so state the little we use.
const createNextServer = nextModule as unknown as (options: {
  dev: boolean
  dir: string
  port: number
}) => NextServer

/** Request bodies larger than these are refused with 413 before they reach Payload. */
const JSON_BODY_LIMIT = 1024 * 1024
const OTHER_BODY_LIMIT = 2 * 1024 * 1024
const UPLOAD_BODY_LIMIT = 21 * 1024 * 1024
/** While not ready, how often the server checks the database again. */
const READINESS_RETRY_MS = 5_000
/** How long shutdown waits for in-flight requests before closing connections anyway. */
const SHUTDOWN_GRACE_MS = 10_000

/** The folder holding package.json, found from this file (src/ in dev, dist/src/ when built). */
const findProjectRoot = (): string => {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error('cannot find the project folder (no package.json)')
    dir = parent
  }
  return dir
}

const log = (level: 'info' | 'warn' | 'error', msg: string): void => {
  const line = JSON.stringify({ level, time: new Date().toISOString(), msg })
  if (level === 'info') console.log(line)
  else console.error(line)
}

const apiError = (res: Response, status: number, message: string): void => {
  res.status(status).json({ errors: [{ message }] })
}

const securityHeaders = ({ dev, serverUrl }: { dev: boolean; serverUrl: string }) => {
  const isHttps = serverUrl.startsWith('https://')
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        // Next's App Router streams inline scripts; dev mode also needs eval and websockets.
        'script-src': ["'self'", "'unsafe-inline'", ...(dev ? ["'unsafe-eval'"] : [])],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'", ...(dev ? ['ws:', 'wss:'] : [])],
        'frame-ancestors': ["'self'"],
        'form-action': ["'self'"],
        'object-src': ["'none'"],
        'upgrade-insecure-requests': isHttps ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // Front ends on other origins embed uploaded media; API data is still guarded by CORS.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    strictTransportSecurity: isHttps ? { maxAge: 15552000, includeSubDomains: true } : false,
  })
}

/** Marks the server ready as soon as a /readyz response starts with status 200. */
const openWhenReady = ({
  res,
  readiness,
}: {
  res: Response
  readiness: { isReady: boolean }
}): void => {
  const check = (status: number) => {
    if (status === 200) readiness.isReady = true
  }
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response
  const write = res.write.bind(res) as (...args: unknown[]) => boolean
  const end = res.end.bind(res) as (...args: unknown[]) => Response
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    check(status)
    return writeHead(status, ...rest)
  }) as Response['writeHead']
  res.write = ((...args: unknown[]) => {
    check(res.statusCode)
    return write(...args)
  }) as Response['write']
  res.end = ((...args: unknown[]) => {
    check(res.statusCode)
    return end(...args)
  }) as Response['end']
}

/** The methods the CMS answers; Next throws (a 500) on others such as TRACE. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

const refuseUnknownMethods = (req: Request, res: Response, nextFn: NextFunction): void => {
  if (METHODS.has(req.method)) return nextFn()
  res.set('allow', [...METHODS].join(', '))
  apiError(res, 405, `the ${req.method} method is not supported`)
}

/**
 * Payload has no HEAD routes (404): answer HEAD as GET. Node already knows the request was a
 * HEAD and sends the headers only, so the ETag and length are those of the real body.
 */
const headAsGet = (req: Request, _res: Response, nextFn: NextFunction): void => {
  if (req.method === 'HEAD') req.method = 'GET'
  nextFn()
}

/** Refuses oversized bodies (413) and bodies of unknown length (411) before Next reads them. */
const bodySizeCap = (req: Request, res: Response, nextFn: NextFunction): void => {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return nextFn()
  const type = (req.headers['content-type'] ?? '').toLowerCase()
  const limit = type.startsWith('multipart/form-data')
    ? UPLOAD_BODY_LIMIT
    : type.includes('json')
      ? JSON_BODY_LIMIT
      : OTHER_BODY_LIMIT
  const length = req.headers['content-length']
  if (length === undefined) {
    if (req.headers['transfer-encoding']) {
      return apiError(res, 411, 'request bodies must declare Content-Length')
    }
    return nextFn()
  }
  if (!/^\d+$/.test(length) || Number(length) > limit) {
    return apiError(
      res,
      413,
      `request body too large: the limit is ${limit} bytes for ${type || 'this type'}`,
    )
  }
  nextFn()
}

/** Rejects malformed REST query parameters with a 400 that names the parameter. */
const validateApiQuery = (req: Request, res: Response, nextFn: NextFunction): void => {
  const queryStart = req.originalUrl.indexOf('?')
  if (queryStart === -1) return nextFn()
  let search: URLSearchParams
  try {
    // Decode strictly first: URLSearchParams would silently keep broken escapes.
    const raw = req.originalUrl.slice(queryStart + 1)
    decodeURIComponent(raw.replace(/\+/g, ' '))
    search = new URLSearchParams(raw)
  } catch {
    return apiError(res, 400, 'the query string has an invalid percent-encoding')
  }
  const problem = findQueryProblem(search)
  if (problem) return apiError(res, 400, problem)
  nextFn()
}

const start = async (): Promise<void> => {
  const projectRoot = findProjectRoot()
  process.chdir(projectRoot)
  const processEnv = process.env as Record<string, string | undefined>
  processEnv.NODE_ENV ??= 'production'
  processEnv.NEXT_TELEMETRY_DISABLED ??= '1'
  const dev = processEnv.NODE_ENV !== 'production'
  nextEnv.loadEnvConfig(projectRoot, dev)

  let env: AppEnv
  try {
    env = loadEnv({ env: processEnv, projectRoot })
  } catch (err) {
    if (err instanceof ConfigError) {
      log('error', `Configuration error: ${err.message}`)
      process.exit(1)
    }
    throw err
  }
  if (!dev && !fs.existsSync(path.join(projectRoot, '.next', 'BUILD_ID'))) {
    log('error', 'No production build found: run `npm run build` before `npm start`.')
    process.exit(1)
  }

  const nextApp = createNextServer({ dev, dir: projectRoot, port: env.port })
  const handle = nextApp.getRequestHandler()
  await nextApp.prepare()

  let isShuttingDown = false
  // Until Payload has initialised against a reachable database, answer 503 at once with the
  // reason instead of letting each request wait for a connection attempt to time out.
  const readiness = { isReady: false, reason: 'the server is starting' }
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', env.trustProxy)

  app.use(securityHeaders({ dev, serverUrl: env.serverUrl }))
  app.get('/healthz', (_req, res) => {
    res
      .set('cache-control', 'no-store')
      .json({ status: 'ok', uptime: Math.round(process.uptime()) })
  })
  app.use((req, res, nextFn) => {
    if (isShuttingDown) {
      res.set('connection', 'close')
      return apiError(res, 503, 'the server is shutting down')
    }
    if (req.path === '/readyz') {
      // A ready answer, whoever asked, also opens the API: before its first byte leaves, so a
      // client that saw 200 can never be told "starting" afterwards.
      openWhenReady({ res, readiness })
    } else if (!readiness.isReady) {
      res.set('retry-after', String(READINESS_RETRY_MS / 1000))
      return apiError(res, 503, `not ready: ${readiness.reason}`)
    }
    // Rate limits count against this address; a client-sent copy is never trusted.
    req.headers[CLIENT_IP_HEADER] = req.ip ?? req.socket.remoteAddress ?? 'unknown'
    nextFn()
  })
  app.use(refuseUnknownMethods, refuseBadPaths, bodySizeCap)
  app.use('/api', headAsGet, validateApiQuery, checkApiBodies)
  app.use('/api/media/file', mediaFileHeaders)
  // Outermost of the three: ETags and cached answers are computed on the plain body.
  app.use(compression())
  app.use(anonymousHttpCache)
  app.use(serveCachedAnswers)
  // Express 5 rejects a bare '*' route: everything else goes to Next (and Payload inside it).
  app.use((req, res) => handle(req, res))

  const server: Server = app.listen(env.port, () => {
    log(
      'info',
      `Newsroom CMS listening on ${env.serverUrl} (${dev ? 'development' : 'production'}, ${env.database.kind})`,
    )
    void warmUp({ port: env.port, readiness })
  })
  server.on('error', (err) => {
    log('error', `cannot listen on port ${env.port}: ${err.message}`)
    process.exit(1)
  })

  const shutdown = (signal: string): void => {
    if (isShuttingDown) {
      log('warn', `${signal} again: exiting now`)
      process.exit(1)
    }
    isShuttingDown = true
    log('info', `${signal} received: finishing in-flight requests`)
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS)
    force.unref()
    server.close(() => {
      clearTimeout(force)
      void runShutdownHooks().then((errors) => {
        for (const err of errors) {
          log('error', `shutdown: ${err instanceof Error ? err.message : String(err)}`)
        }
        log('info', 'database closed; bye')
        process.exit(errors.length ? 1 : 0)
      })
    })
    server.closeIdleConnections()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

/**
 * Initialises Payload right away (migrations, jobs) instead of on the first visitor's request,
 * and retries until the database answers, keeping `readiness` up to date.
 */
const warmUp = async ({
  port,
  readiness,
}: {
  port: number
  readiness: { isReady: boolean; reason: string }
}): Promise<void> => {
  const started = Date.now()
  try {
    const response = await fetch(`http://127.0.0.1:${port}/readyz`)
    const body = (await response.json()) as { reason?: string; database?: string }
    if (response.ok) {
      readiness.isReady = true
      log('info', `ready in ${Date.now() - started} ms (database: ${body.database})`)
      return
    }
    readiness.reason = body.reason ?? response.statusText
  } catch (err) {
    readiness.reason = `readiness check failed: ${err instanceof Error ? err.message : String(err)}`
  }
  log('error', `not ready: ${readiness.reason}; retrying in ${READINESS_RETRY_MS / 1000} s`)
  setTimeout(() => void warmUp({ port, readiness }), READINESS_RETRY_MS).unref()
}

start().catch((err: unknown) => {
  log('error', `server failed to start: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
