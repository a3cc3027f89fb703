type ShutdownHook = () => Promise<void> | void

// Kept on globalThis: the Express server and Next's bundled route handlers load separate
// copies of this module in one process, and both must see the same list.
const HOOKS_KEY = Symbol.for('newsroom.shutdownHooks')
const store = globalThis as typeof globalThis & { [HOOKS_KEY]?: ShutdownHook[] }

/** Registers work to do when the process shuts down (e.g. closing the database). */
export const onShutdown = (hook: ShutdownHook): void => {
  ;(store[HOOKS_KEY] ??= []).push(hook)
}

/** Runs every registered shutdown hook once, newest first; errors are returned, not thrown. */
export const runShutdownHooks = async (): Promise<unknown[]> => {
  const hooks = (store[HOOKS_KEY] ?? []).splice(0).reverse()
  const errors: unknown[] = []
  for (const hook of hooks) {
    try {
      await hook()
    } catch (err) {
      errors.push(err)
    }
  }
  return errors
}
