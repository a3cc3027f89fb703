import type { Server } from 'node:http'

import { runShutdownHooks } from '../lifecycle.ts'
import { log, messageOf } from './log.ts'
import type { Readiness } from './readiness.ts'

/** How long shutdown waits for in-flight requests before closing connections anyway. */
const SHUTDOWN_GRACE_MS = 10_000

/**
 * On SIGTERM or SIGINT: refuse new requests (the readiness gate answers 503), let in-flight ones
 * finish for up to SHUTDOWN_GRACE_MS, run the shutdown hooks (closing the database) and exit, 1
 * if a hook failed. A second signal exits at once.
 */
export const shutDownOnSignals = ({
  server,
  readiness,
}: {
  server: Server
  readiness: Readiness
}): void => {
  const shutdown = (signal: string): void => {
    if (readiness.isShuttingDown) {
      log.warn(`${signal} again: exiting now`)
      process.exit(1)
    }
    readiness.isShuttingDown = true
    log.info(`${signal} received: finishing in-flight requests`)
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS)
    force.unref()
    server.close(() => {
      clearTimeout(force)
      void runShutdownHooks().then((errors) => {
        for (const err of errors) log.error(`shutdown: ${messageOf(err)}`)
        log.info('database closed; bye')
        process.exit(errors.length ? 1 : 0)
      })
    })
    server.closeIdleConnections()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}
