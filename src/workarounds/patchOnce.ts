/**
 * Replaces `prototype[method]` by `wrap(original)`, once per process however often it is asked
 * (each Payload start of a dev server or a test file asks again). The original stays under
 * `marker` (a `Symbol.for`, so that two copies of this module agree), for `originalOf`.
 */
export const patchOnce = <T extends object, K extends keyof T>(
  prototype: T,
  method: K,
  marker: symbol,
  wrap: (original: T[K]) => T[K],
): void => {
  const marked = prototype as Record<symbol, unknown>
  if (marked[marker]) return
  const original = prototype[method]
  prototype[method] = wrap(original)
  marked[marker] = original
}

/** What `patchOnce` replaced on the class of `instance` under `marker`, if it did. */
export const originalOf = <F>(instance: object, marker: symbol): F | undefined =>
  (Object.getPrototypeOf(instance) as Record<symbol, F | undefined>)[marker]
