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
}

/**
 * Drives `url` with requests for `target` (slugs and words varying request by request), either
 * as fast as `connections` allow or at `rate` requests per second overall.
 */
export const drive = async ({
  url,
  target,
  inputs,
  seconds,
  connections,
  rate,
}: {
  url: string
  target: Target
  inputs: RequestInputs
  seconds: number
  connections: number
  rate?: number
}): Promise<LoadResult> => {
  let counter = 0
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    ...(rate ? { overallRate: rate } : {}),
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
