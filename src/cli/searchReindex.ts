/**
 * `npm run search:reindex`: rebuilds the full-text search index from the published posts and
 * digests (src/plugins/search), with a progress bar on a terminal (a line every couple of
 * seconds otherwise). Search keeps answering meanwhile. Exit 0 when done, 2 when it could not run.
 */
import nextEnv from '@next/env'
import { Command } from 'commander'

import { progressReporter } from './progress.ts'
import { rerunIfUnsettled } from './rerunIfUnsettled.ts'

rerunIfUnsettled('search reindex')

const main = async (): Promise<number> => {
  new Command()
    .name('npm run search:reindex')
    .description('Rebuild the full-text search index from the published posts and digests.')
    .showHelpAfterError()
    .parse()
  const projectRoot = process.cwd()
  const env = process.env as Record<string, string | undefined>
  env.NODE_ENV ??= 'development'
  env.LOG_TO_STDERR = 'true'
  env.LOG_LEVEL ??= 'warn'
  env.SEED_ON_START = 'false'
  // This command is the rebuild: the one on start must not run beside it.
  env.SEARCH_REINDEX_ON_START = 'false'
  nextEnv.loadEnvConfig(projectRoot, env.NODE_ENV !== 'production')
  // After Payload (the defect register's "config-import-order").
  const { getPayload } = await import('payload')
  const { default: config } = await import('../payload.config.ts')
  const { rebuildSearchIndex } = await import('../plugins/search/index.ts')
  const payload = await getPayload({ config, cron: false })
  const progress = progressReporter<{ collection: string; done: number; total: number }>({
    bar: 'indexing {stage} [{bar}] {value}/{total}',
    line: ({ collection, done, total }) => `indexing ${collection} ${done}/${total}`,
    stageOf: ({ collection }) => collection,
  })
  try {
    const started = Date.now()
    const { indexed, removed } = await rebuildSearchIndex({ payload, onProgress: progress.update })
    progress.stop()
    process.stdout.write(
      `search index rebuilt: ${indexed} documents indexed, ${removed} stale rows removed, ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    )
    return 0
  } finally {
    progress.stop()
    await payload.destroy()
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `search reindex failed: ${err instanceof Error ? err.message : String(err)}\n`,
    )
    process.exit(2)
  },
)
