import { describe, expect, it } from 'vitest'

import {
  deliverLatestIntersectionEntries,
  latestEntryPerTarget,
} from '../../src/workarounds/intersectionEntries.ts'

type Entry = { target: string; isIntersecting: boolean }

const below = (target: string): Entry => ({ target, isIntersecting: false })
const inView = (target: string): Entry => ({ target, isIntersecting: true })

describe('latestEntryPerTarget', () => {
  it.each([
    { batch: [], latest: [] },
    { batch: [inView('a')], latest: [inView('a')] },
    { batch: [below('a'), inView('a')], latest: [inView('a')] },
    { batch: [inView('a'), below('a')], latest: [below('a')] },
    { batch: [below('a'), inView('b'), inView('a')], latest: [inView('b'), inView('a')] },
    { batch: [inView('a'), inView('b')], latest: [inView('a'), inView('b')] },
  ])('should keep only the newest entry of each target of $batch', ({ batch, latest }) => {
    expect(latestEntryPerTarget(batch)).toEqual(latest)
  })
})

/** Stands in for the browser's observer: `deliver` plays a batch to the callback it was given. */
class FakeObserver {
  static made: FakeObserver[] = []
  constructor(
    readonly callback: (entries: Entry[], observer: unknown) => void,
    readonly options?: object,
  ) {
    FakeObserver.made.push(this)
  }
  deliver(entries: Entry[]) {
    this.callback(entries, this)
  }
}

const freshScope = () => {
  FakeObserver.made = []
  return { IntersectionObserver: FakeObserver as unknown as typeof IntersectionObserver }
}

describe('deliverLatestIntersectionEntries', () => {
  it('should hand an observer made afterwards the newest entry of each target', () => {
    const scope = freshScope()
    deliverLatestIntersectionEntries(scope)
    const seen: Entry[][] = []
    new scope.IntersectionObserver((entries) => seen.push(entries as unknown as Entry[]))
    FakeObserver.made[0].deliver([below('row-8'), inView('row-8')])
    expect(seen).toEqual([[inView('row-8')]])
  })

  it('should pass the options on to the browser’s observer', () => {
    const scope = freshScope()
    deliverLatestIntersectionEntries(scope)
    new scope.IntersectionObserver(() => undefined, { rootMargin: '10px', threshold: 0.5 })
    expect(FakeObserver.made[0].options).toEqual({ rootMargin: '10px', threshold: 0.5 })
  })

  it('should change nothing when installed twice', () => {
    const scope = freshScope()
    deliverLatestIntersectionEntries(scope)
    const once = scope.IntersectionObserver
    deliverLatestIntersectionEntries(scope)
    expect(scope.IntersectionObserver).toBe(once)
  })

  it('should leave a scope without IntersectionObserver (the server) alone', () => {
    const scope: { IntersectionObserver?: typeof IntersectionObserver } = {}
    deliverLatestIntersectionEntries(scope)
    expect(scope).toEqual({})
  })
})
