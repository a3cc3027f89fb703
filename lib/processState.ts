/**
 * State shared by every copy of a module in this process. The Express server and Next's
 * bundled route handlers each load their own copy of our modules (and Next may bundle one
 * module into several route chunks), so a plain module-level variable would exist several
 * times: the response cache read by Express would never see the writes Payload's hooks mark,
 * and a rate limit would be counted per copy. Every such value lives here, under one name each,
 * on `globalThis`.
 *
 * Workaround register entry "next-module-copies" (src/workarounds/index.ts) describes why.
 */
const STORE = Symbol.for('newsroom.processState')

type Store = Map<string, unknown>

const store = (): Store => {
  const holder = globalThis as typeof globalThis & { [STORE]?: Store }
  return (holder[STORE] ??= new Map<string, unknown>())
}

/** The process-wide value named `name`, made by `init` the first time any copy asks. */
export const sharedInProcess = <T>(name: string, init: () => T): T => {
  const values = store()
  if (!values.has(name)) values.set(name, init())
  return values.get(name) as T
}

/** Forgets the value named `name` (the next `sharedInProcess` makes a new one). */
export const forgetShared = (name: string): void => {
  store().delete(name)
}
