/**
 * `npm run seed`: the import CLI (seed/cli.ts) on this app's Payload. The config is loaded
 * only once the CLI has set the environment it reads, and after Payload itself (the defect
 * register's "config-import-order").
 */
import { runSeedCli } from '../../seed/cli.ts'
import { progressReporter } from './progress.ts'
import { rerunIfUnsettled } from './rerunIfUnsettled.ts'

rerunIfUnsettled('seed import')

runSeedCli({
  progressReporter,
  loadPayload: async () => {
    const { getPayload } = await import('payload')
    const { default: config } = await import('../payload.config.ts')
    return getPayload({ config })
  },
})
