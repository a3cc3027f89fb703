import type { Server } from 'node:http'
import type { Duplex } from 'node:stream'

import { runShutdownHooks } from '../lifecycle.ts'
import { log, messageOf } from './log.ts'
import type { Readiness } from './readiness.ts'

/** How long shutdown waits for in-flight requests before closing connections anyway. */
const SHUTDOWN_GRACE_MS = 10_000

/**
 * A repeat of the signal within this time is the same one arriving twice: Ctrl-C in a terminal
 * signals the whole process group, so the server gets SIGINT from the terminal and again from
 * npm, which passes on what it gets.
 */
const REPEAT_SIGNAL_MS = 1_000

/** The first stop signal a process got, and when. */
export type FirstSignal = { signal: string; at: number }

/** True when `signal` is `first` delivered again (REPEAT_SIGNAL_MS), not a second request. */
export const isRepeatedSignal = ({
  first,
  signal,
  now = Date.now(),
}: {
  first: FirstSignal
  signal: string
  now?: number
}): boolean => signal === first.signal && now - first.at < REPEAT_SIGNAL_MS

/**
 * The server's upgraded connections (WebSockets), which `server.close()` waits for but neither
 * `closeIdleConnections()` nor `closeAllConnections()` ends: Node stops tracking a connection
 * once it is upgraded. In development Payload keeps one open to Next's HMR endpoint on this very
 * server (payload/dist/utilities/getNextJsHMRURL.js), so a shutdown waited for it forever, until
 * a second signal. Upgrades are watched only once someone else handles them (Next adds its
 * listener on its first request): a server with no `upgrade` listener answers upgrade requests
 * as plain requests, and listening earlier would leave those hanging.
 */
const trackUpgrades = ({
  server,
  readiness,
}: {
  server: Server
  readiness: Readiness
}): Set<Duplex> => {
  const upgraded = new Set<Duplex>()
  const track = (_req: unknown, socket: Duplex) => {
    // One upgraded after shutdown began is ended at once, like those before.
    if (readiness.isShuttingDown) {
      setImmediate(() => socket.destroy())
      return
    }
    upgraded.add(socket)
    socket.once('close', () => upgraded.delete(socket))
  }
  const watch = (event: string | symbol) => {
    if (event !== 'upgrade') return
    server.off('newListener', watch)
    server.on('upgrade', track)
  }
  server.on('newListener', watch)
  return upgraded
}

/**
 * On SIGTERM or SIGINT: refuse new requests (the readiness gate answers 503), end WebSockets,
 * let in-flight requests finish for up to SHUTDOWN_GRACE_MS, run the shutdown hooks (closing the
 * database) and exit 0, or 1 if a hook failed. A second signal exits at once (1), unless it is
 * the first one delivered again (REPEAT_SIGNAL_MS).
 */
export const shutDownOnSignals = ({
  server,
  readiness,
}: {
  server: Server
  readiness: Readiness
}): void => {
  const upgraded = trackUpgrades({ server, readiness })
  const endUpgraded = () => {
    for (const socket of upgraded) socket.destroy()
  }
  let first: FirstSignal | undefined
  const shutdown = (signal: string): void => {
    if (first) {
      if (isRepeatedSignal({ first, signal })) return
      log.warn(`${signal} again: exiting now`)
      process.exit(1)
    }
    first = { signal, at: Date.now() }
    readiness.isShuttingDown = true
    log.info(`${signal} received: finishing in-flight requests`)
    const force = setTimeout(() => {
      server.closeAllConnections()
      endUpgraded()
    }, SHUTDOWN_GRACE_MS)
    force.unref()
    // No request is in flight on a WebSocket; its clients (HMR) reconnect to the next server.
    endUpgraded()
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
