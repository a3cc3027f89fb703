import { describe, expect, it } from 'vitest'

import { isRepeatedSignal } from '../../src/server/shutdown.ts'

describe('isRepeatedSignal', () => {
  const first = { signal: 'SIGINT', at: 10_000 }
  it.each([
    ['SIGINT', 10_005, true],
    ['SIGINT', 10_999, true],
    ['SIGINT', 11_000, false],
    ['SIGTERM', 10_005, false],
  ])('should take %s at %i after SIGINT at 10000 as a repeat: %s', (signal, now, expected) => {
    expect(isRepeatedSignal({ first, signal, now })).toBe(expected)
  })
})
