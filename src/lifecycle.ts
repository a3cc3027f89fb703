import { sharedInProcess } from '../lib/processState.ts'

type ShutdownHook = () => Promise<void> | void

// One list for the Express server and Next's bundled copy of this module (lib/processState.ts).
const hooks = (): ShutdownHook[] => sharedInProcess<ShutdownHook[]>('shutdownHooks', () => [])

/** Registers work to do when the process shuts down (e.g. closing the database). */
export const onShutdown = (hook: ShutdownHook): void => {
  hooks().push(hook)
}

/** Runs every registered shutdown hook once, newest first; errors are returned, not thrown. */
export const runShutdownHooks = async (): Promise<unknown[]> => {
  const pending = hooks().splice(0).reverse()
  const errors: unknown[] = []
  for (const hook of pending) {
    try {
      await hook()
    } catch (err) {
      errors.push(err)
    }
  }
  return errors
}
