import http from 'node:http'
import type { AddressInfo } from 'node:net'

import express from 'express'

import type { AppEnv } from './env.ts'
import {
  isPrimaryProcess,
  joinsReadyWorkers,
  runPrimary,
  tellPrimaryReady,
} from './server/cluster.ts'
import { readServerEnv } from './server/environment.ts'
import { log, messageOf } from './server/log.ts'
import { checkApiBodies, refuseBadPaths } from './server/middleware/apiBodies.ts'
import { bodySizeCap } from './server/middleware/bodyLimits.ts'
import { graphqlRequests } from './server/middleware/graphql.ts'
import { compressAnswers } from './server/middleware/compressedAnswers.ts'
import { httpCache } from './server/middleware/httpCache.ts'
import { payloadApi } from './server/middleware/payloadApi.ts'
import { mediaFileHeaders } from './server/middleware/mediaHeaders.ts'
import { headAsGet, refuseUnknownMethods } from './server/middleware/methods.ts'
import { previewPageHeaders } from './server/middleware/previewHeaders.ts'
import { validateApiQuery } from './server/middleware/queryChecks.ts'
import { securityHeaders } from './server/middleware/securityHeaders.ts'
import { startNext } from './server/next.ts'
import { createReadiness, healthz, readinessGate, warmUp } from './server/readiness.ts'
import { shutDownOnSignals } from './server/shutdown.ts'

const serve = async ({
  projectRoot,
  dev,
  env,
}: {
  projectRoot: string
  dev: boolean
  env: AppEnv
}): Promise<void> => {
  const handle = await startNext({ dev, projectRoot, port: env.port })

  const readiness = createReadiness()
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', env.trustProxy)

  app.use(securityHeaders({ dev, serverUrl: env.serverUrl }))
  app.get('/healthz', healthz)
  app.use(readinessGate({ readiness }))
  app.use(refuseUnknownMethods, refuseBadPaths, bodySizeCap)
  app.use('/api', headAsGet, validateApiQuery, checkApiBodies)
  app.use('/api/media/file', mediaFileHeaders)
  app.use('/api/preview', previewPageHeaders)
  // Outside the cache and GraphQL: ETags and cached answers are computed on the plain body.
  app.use(compressAnswers())
  app.use(httpCache)
  app.use(graphqlRequests)
  // The content API straight from Payload's handlers, once Payload runs (inside Next).
  app.use(payloadApi)
  // Express 5 rejects a bare '*' route: everything else goes to Next (the admin, the feeds).
  app.use((req, res) => handle(req, res))

  const server = http.createServer(app)
  server.on('error', (err) => {
    log.error(`cannot listen on port ${env.port}: ${err.message}`)
    process.exit(1)
  })
  const listen = (then?: () => void) =>
    server.listen(env.port, () => {
      const mode = dev ? 'development' : 'production'
      log.info(`Newsroom CMS listening on ${env.serverUrl} (${mode}, ${env.database.kind})`)
      then?.()
    })
  if (joinsReadyWorkers()) {
    // Ready workers already serve the port: warm up out of their way, on a port of its own, so
    // no request of theirs meets a worker that is still starting.
    const warm = http.createServer(app)
    warm.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const { port } = warm.address() as AddressInfo
      void warmUp({
        port,
        readiness,
        onReady: () => {
          warm.close()
          listen(tellPrimaryReady)
        },
      })
    })
  } else {
    listen(() => void warmUp({ port: env.port, readiness, onReady: tellPrimaryReady }))
  }
  shutDownOnSignals({ server, readiness })
}

/** One server process, or with WEB_CONCURRENCY=N in production a primary and N workers. */
const start = async (): Promise<void> => {
  const settings = readServerEnv()
  const { dev, env } = settings
  if (env.webConcurrency > 1 && isPrimaryProcess()) {
    if (!dev) return runPrimary({ workers: env.webConcurrency })
    log.warn('WEB_CONCURRENCY is ignored in development: one process serves')
  }
  await serve(settings)
}

start().catch((err: unknown) => {
  log.error(`server failed to start: ${messageOf(err)}`)
  process.exit(1)
})
