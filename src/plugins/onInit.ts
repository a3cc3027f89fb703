import type { Config, Payload } from 'payload'

type Task = (payload: Payload) => Promise<void> | void

/**
 * A plugin's start-up work chained with the `onInit` of the config it was given: `task` after
 * it (`when: 'after'`, the usual case) or before it (work everything later relies on).
 */
export const chainOnInit =
  ({ config, task, when = 'after' }: { config: Config; task: Task; when?: 'before' | 'after' }) =>
  async (payload: Payload): Promise<void> => {
    if (when === 'before') await task(payload)
    await config.onInit?.(payload)
    if (when === 'after') await task(payload)
  }
