/** Load generation with autocannon: throughput rounds and fixed-rate latency runs. */
import autocannon from 'autocannon'

import type { Target } from './results.ts'
import { requestFor, type RequestInputs } from './requests.ts'

export type LoadResult = {
  rps: number
  p50: number
  p99: number
  max: number
  /** Non-2xx answers plus socket errors and timeouts. */
  errors: number
  requests: number
  /**
   * A fixed-rate run only: requests never sent because the server had fallen too far behind
   * (see latencyAtRate). Then p50 and p99 are of the requests answered, a lower bound.
   */
  unsent?: number
}

/**
 * A fixed-rate run stops sending once this many seconds' worth of its requests are unanswered:
 * the server cannot keep up with the rate, and every later request would only wait longer. The
 * run then waits for every request it sent to be answered, so no backlog of its requests is
 * still being worked on when the next run starts (it was: a search run the servers could not
 * keep up with left minutes of queries on PostgreSQL, and the feed run after it timed out).
 */
export const BEHIND_SECONDS = 2
/** How long one request of a fixed-rate run may take, by default, before it counts as failed. */
const ANSWER_TIMEOUT_MS = 120_000

/**
 * Drives `url` with requests for `target` (slugs and words varying request by request), as fast
 * as `connections` allow.
 */
export const drive = async ({
  url,
  target,
  inputs,
  seconds,
  connections,
}: {
  url: string
  target: Target
  inputs: RequestInputs
  seconds: number
  connections: number
}): Promise<LoadResult> => {
  let counter = 0
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        setupRequest: (request) => {
          const next = requestFor(target, inputs, counter++)
          return {
            ...request,
            method: next.method,
            path: next.path,
            headers: { ...request.headers, ...next.headers },
            body: next.body,
          }
        },
      },
    ],
  })
  // No answer at all within the run: its latencies are unknown, not zero.
  const isSilent = result.requests.total === 0
  return {
    rps: result.requests.average,
    p50: isSilent ? Number.NaN : result.latency.p50,
    p99: isSilent ? Number.NaN : result.latency.p99,
    max: isSilent ? Number.NaN : result.latency.max,
    errors: result.non2xx + result.errors + result.timeouts,
    requests: result.requests.total,
  }
}

export const median = (values: number[]): number => {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/**
 * Latency at a fixed rate, open loop: a request leaves every 1000/rate ms whether or not the
 * earlier ones have been answered (as independent readers would send them), and each latency
 * is measured from the moment its request was due, so a stall counts against every request
 * that waited behind it. autocannon's `overallRate` sends its connections' requests in bursts
 * instead, which measures the burst, not the rate.
 */
export const latencyAtRate = async ({
  url,
  target,
  inputs,
  seconds,
  rate,
  answerTimeoutMs = ANSWER_TIMEOUT_MS,
}: {
  url: string
  target: Target
  inputs: RequestInputs
  seconds: number
  rate: number
  answerTimeoutMs?: number
}): Promise<LoadResult> => {
  const total = Math.max(1, Math.round(seconds * rate))
  const interval = 1000 / rate
  const maxUnanswered = Math.max(1, Math.round(BEHIND_SECONDS * rate))
  const latencies: number[] = []
  let errors = 0
  let unanswered = 0
  let unsent = 0
  const started = performance.now()
  const pending: Promise<void>[] = []
  for (let index = 0; index < total; index += 1) {
    const due = started + index * interval
    const wait = due - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    if (unanswered >= maxUnanswered) {
      unsent = total - index
      break
    }
    const request = requestFor(target, inputs, index)
    unanswered += 1
    pending.push(
      fetch(`${url}${request.path}`, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(answerTimeoutMs),
      })
        .then(async (response) => {
          await response.arrayBuffer()
          if (response.status >= 300) errors += 1
          else latencies.push(performance.now() - due)
        })
        .catch(() => {
          errors += 1
        })
        .finally(() => {
          unanswered -= 1
        }),
    )
  }
  await Promise.all(pending)
  const sorted = latencies.sort((a, b) => a - b)
  const at = (quantile: number) =>
    sorted.length === 0
      ? Number.NaN
      : sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)]
  return {
    rps: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    max: sorted.at(-1) ?? Number.NaN,
    errors: errors + unsent,
    requests: latencies.length + errors + unsent,
    unsent,
  }
}
