import cluster, { type Worker } from 'node:cluster'

import { log } from './log.ts'
import { isRepeatedSignal, type FirstSignal } from './shutdown.ts'

/** What a worker tells the primary once its /readyz said 200. */
const READY = 'newsroom:ready'
/** Set by the primary on a worker started while others already serve. */
const JOINING = 'NEWSROOM_JOINS_READY_WORKERS'

/** A worker that dies is started again after this long, doubling up to MAX_RESTART_MS. */
const FIRST_RESTART_MS = 1000
const MAX_RESTART_MS = 30_000
/** A worker that lived this long resets the restart delay. */
const STABLE_MS = 60_000
/** How long the primary waits for its workers to finish after a signal. */
const STOP_GRACE_MS = 20_000

/** True in the process `npm start` began (not a worker it started). */
export const isPrimaryProcess = (): boolean => cluster.isPrimary

/**
 * True in a worker started while others already serve the port: it warms up on a private port
 * and takes requests only once ready. The first worker (or one started when none is ready)
 * listens at once, so a health check gets its 503 and the reason while the database is away.
 */
export const joinsReadyWorkers = (): boolean => cluster.isWorker && process.env[JOINING] === '1'

/** Called by a worker once it is ready: the primary then starts the others. */
export const tellPrimaryReady = (): void => {
  if (cluster.isWorker) process.send?.({ type: READY })
}

/**
 * The primary of `WEB_CONCURRENCY=N npm start`: runs no server itself, starts one worker, waits
 * until it is ready (it applies the migrations and warms up), then starts the other N − 1, which
 * share the port. A worker that dies is started again (after 1 s, doubling up to 30 s while it
 * keeps dying). SIGTERM or SIGINT is passed to every worker; the primary exits once they have,
 * with 1 if one of them failed to stop cleanly.
 *
 * The workers share nothing in memory: the response cache, rate limits and job queue are kept
 * correct across them through the database (README: Running several instances).
 */
export const runPrimary = ({ workers }: { workers: number }): void => {
  let isStopping = false
  let firstReady = false
  let restartDelay = FIRST_RESTART_MS
  const startedAt = new Map<Worker, number>()
  const ready = new Set<Worker>()
  const failedStops: number[] = []

  const fork = (): Worker => {
    const worker = cluster.fork(ready.size > 0 ? { [JOINING]: '1' } : {})
    startedAt.set(worker, Date.now())
    worker.on('message', (message: { type?: string }) => {
      if (message?.type !== READY) return
      ready.add(worker)
      if (firstReady) return
      firstReady = true
      log.info(`worker ${worker.process.pid} ready: starting ${workers - 1} more`)
      for (let n = 1; n < workers; n += 1) fork()
    })
    return worker
  }

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? Date.now())
    startedAt.delete(worker)
    ready.delete(worker)
    if (isStopping) {
      if (code !== 0) failedStops.push(code ?? 1)
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        log.info('all workers stopped; bye')
        process.exit(failedStops.length ? 1 : 0)
      }
      return
    }
    restartDelay = lived > STABLE_MS ? FIRST_RESTART_MS : restartDelay
    log.error(
      `worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another in ${restartDelay / 1000} s`,
    )
    setTimeout(() => {
      if (!isStopping) fork()
    }, restartDelay)
    restartDelay = Math.min(restartDelay * 2, MAX_RESTART_MS)
  })

  let first: FirstSignal | undefined
  const stop = (signal: NodeJS.Signals): void => {
    if (first && isRepeatedSignal({ first, signal })) return
    first ??= { signal, at: Date.now() }
    if (isStopping) {
      log.warn(`${signal} again: stopping the workers now`)
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL')
      process.exit(1)
    }
    isStopping = true
    const running = Object.values(cluster.workers ?? {})
    log.info(`${signal} received: stopping ${running.length} workers`)
    if (running.length === 0) process.exit(0)
    for (const worker of running) worker?.process.kill(signal)
    setTimeout(() => {
      log.error(`workers still running after ${STOP_GRACE_MS / 1000} s: stopping them now`)
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL')
      process.exit(1)
    }, STOP_GRACE_MS).unref()
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))

  log.info(`starting ${workers} server processes (WEB_CONCURRENCY=${workers}), one first`)
  fork()
}
