/**
 * Browser side of the defect register's "list-cells-stale-intersection": the admin's
 * IntersectionObserver hands each callback one entry per target, the newest. Plain browser code
 * (no Payload, React or Node), loaded by the admin provider src/components/AdminBrowserFixes.tsx.
 */

/** Marks an IntersectionObserver class that already delivers newest entries only. */
const INSTALLED = Symbol.for('newsroom.latestIntersectionEntries')

/**
 * The newest entry for each target of a batch. An observer delivers its entries oldest first,
 * and one batch can hold several for a target that crossed a threshold more than once since the
 * last delivery (a layout shift while the page hydrates): only the last one is still true.
 */
export const latestEntryPerTarget = <Entry extends { target: unknown }>(
  entries: readonly Entry[],
): Entry[] => {
  const latest = new Map<unknown, Entry>()
  for (const entry of entries) {
    // Deleted first so the target takes the place of its newest entry in the batch.
    latest.delete(entry.target)
    latest.set(entry.target, entry)
  }
  return [...latest.values()]
}

type ObserverScope = { IntersectionObserver?: typeof IntersectionObserver }

/**
 * Replaces `scope.IntersectionObserver` (the browser's `window`) with one whose callbacks get
 * {@link latestEntryPerTarget} of each batch. Observers made before keep the original; calling
 * it again changes nothing.
 */
export const deliverLatestIntersectionEntries = (scope: ObserverScope): void => {
  const Native = scope.IntersectionObserver
  if (!Native || INSTALLED in Native) return
  class LatestEntriesObserver extends Native {
    constructor(callback: IntersectionObserverCallback, options?: IntersectionObserverInit) {
      super((entries, observer) => callback(latestEntryPerTarget(entries), observer), options)
    }
  }
  Object.defineProperty(LatestEntriesObserver, INSTALLED, { value: true })
  scope.IntersectionObserver = LatestEntriesObserver
}
