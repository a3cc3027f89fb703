import nextEnv from '@next/env'
import { Command } from 'commander'
import type { Payload } from 'payload'

import { collectInputs } from './files.ts'
import { hasFailures, importFiles, type ImportProgress } from './import.ts'
import { formatReport } from './report.ts'

const DEFAULT_DIR = 'seed/data'
/** Without a terminal, a progress line at most this often (SEED_PROGRESS_EVERY=1: every document). */
const PROGRESS_LINE_MS = process.env.SEED_PROGRESS_EVERY === '1' ? 0 : 2000

/** What the CLI runs on: a Payload made from the app's config, given by the entry that runs it. */
export type SeedCliOptions = {
  /** Loads Payload once the environment is set (the config reads it when loaded). */
  loadPayload: () => Promise<Payload>
  /** Shows the import's progress (src/cli/progress.ts, given by the entry). */
  progressReporter: <T extends { done: number; total: number }>(options: {
    bar: string
    line: (progress: T) => string
    itemOf?: (progress: T) => string
    lineEveryMs?: number
    clearOnComplete?: boolean
  }) => { update: (progress: T) => void; stop: () => void }
}

const main = async ({ loadPayload, progressReporter }: SeedCliOptions): Promise<number> => {
  const program = new Command()
    .name('npm run seed --')
    .description('Import seed text files as draft Authors, Sources, Posts and Digests.')
    .argument('[paths...]', `files or folders to import (default: ${DEFAULT_DIR})`)
    .option('--dry-run', 'parse and compare with the database, write nothing')
    .option('--json', 'print the report as JSON on stdout')
    .option(
      '--force',
      'overwrite drafts an editor changed since they were imported (never published ones)',
    )
    .showHelpAfterError()
    .parse()
  const paths = program.args.length > 0 ? program.args : [DEFAULT_DIR]
  const options = program.opts<{ dryRun?: boolean; json?: boolean; force?: boolean }>()

  const projectRoot = process.cwd()
  const env = process.env as Record<string, string | undefined>
  env.NODE_ENV ??= 'development'
  // Keep stdout for the report; Payload's own log lines go to stderr.
  env.LOG_TO_STDERR = 'true'
  env.LOG_LEVEL ??= 'warn'
  // This command is the import: the server's first-start import must not run before it.
  env.SEED_ON_START = 'false'
  nextEnv.loadEnvConfig(projectRoot, env.NODE_ENV !== 'production')

  const inputs = collectInputs(paths)
  const payload = await loadPayload()
  const progress = progressReporter<ImportProgress>({
    bar: 'importing [{bar}] {value}/{total} {item}',
    line: ({ done, total, label }) => `importing ${done}/${total}: ${label.slice(0, 60)}`,
    itemOf: ({ label }) => label,
    lineEveryMs: PROGRESS_LINE_MS,
    clearOnComplete: true,
  })
  try {
    const report = await importFiles({
      payload,
      files: inputs,
      isDryRun: options.dryRun,
      isForced: options.force,
      onProgress: progress.update,
    })
    progress.stop()
    const text = options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`
    // Wait until stdout has taken it all: exiting first can cut a piped report short.
    await new Promise((resolve) => process.stdout.write(text, resolve))
    return hasFailures(report) ? 1 : 0
  } finally {
    progress.stop()
    await payload.destroy()
  }
}

/**
 * `npm run seed -- [paths…] [--dry-run] [--json] [--force]`: parses the arguments, imports
 * the files with `importFiles`, prints the report and exits 0 (all imported), 1 (some
 * documents failed) or 2 (the import could not run). Started by src/cli/seed.ts.
 */
export const runSeedCli = (options: SeedCliOptions): void => {
  main(options).then(
    (code) => process.exit(code),
    (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err)
      process.stderr.write(`seed import failed: ${message}\n`)
      process.exit(2)
    },
  )
}
