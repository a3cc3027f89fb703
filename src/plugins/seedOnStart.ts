import type { Config, Plugin } from 'payload'

import { seedEmptyDatabase } from '../../seed/onStart.ts'
import { chainOnInit } from './onInit.ts'

/**
 * On the first start with an empty database, imports `seed/data` as drafts, as `npm run seed`
 * would (SEED_ON_START, on by default). A failed import must not stop the CMS from serving:
 * it is logged and the server goes on.
 */
export const seedOnStart =
  ({ isEnabled }: { isEnabled: boolean }): Plugin =>
  (config: Config): Config => ({
    ...config,
    onInit: isEnabled
      ? chainOnInit({
          config,
          task: (payload) =>
            seedEmptyDatabase({ payload }).catch((err: unknown) =>
              payload.logger.error({ err, msg: 'seed on start failed' }),
            ),
        })
      : config.onInit,
  })
