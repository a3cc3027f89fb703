import fs from 'node:fs'
import path from 'node:path'

import nextEnv from '@next/env'
import { SingleBar } from 'cli-progress'
import { Command } from 'commander'

import { hasFailures, importFiles, type ImportProgress, type SeedInput } from './import.ts'
import { formatReport } from './report.ts'

const DEFAULT_DIR = 'seed/data'
/** Without a terminal, a progress line at most this often. */
const PROGRESS_LINE_MS = 2000

/** Files to import from the given paths: folders are read recursively, in name order. */
export const collectInputs = (paths: string[]): SeedInput[] => {
  const inputs: SeedInput[] = []
  const visit = (target: string) => {
    const relative = path.relative(process.cwd(), path.resolve(target))
    const name = relative === '' || relative.startsWith('..') ? path.resolve(target) : relative
    let stat: fs.Stats
    try {
      stat = fs.statSync(target)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      inputs.push({ name, error: code === 'ENOENT' ? 'no such file or folder' : String(err) })
      return
    }
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(target).sort()) {
        if (!entry.startsWith('.')) visit(path.join(target, entry))
      }
      return
    }
    try {
      inputs.push({ name, bytes: fs.readFileSync(target) })
    } catch (err) {
      inputs.push({ name, error: `cannot read: ${(err as Error).message}` })
    }
  }
  for (const target of paths) visit(target)
  return inputs
}

/** A progress bar on a terminal; otherwise a line every couple of seconds. */
const progressReporter = () => {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      format: 'importing [{bar}] {value}/{total} {label}',
      stream: process.stderr,
      clearOnComplete: true,
      hideCursor: true,
    })
    let isStarted = false
    return {
      update: ({ done, total, label }: ImportProgress) => {
        if (!isStarted) {
          bar.start(total, 0, { label: '' })
          isStarted = true
        }
        bar.update(done, { label: label.slice(0, 40) })
      },
      stop: () => bar.stop(),
    }
  }
  let last = 0
  return {
    update: ({ done, total, label }: ImportProgress) => {
      const now = Date.now()
      if (done === total || now - last >= PROGRESS_LINE_MS) {
        last = now
        process.stderr.write(`importing ${done}/${total}: ${label.slice(0, 60)}\n`)
      }
    },
    stop: () => undefined,
  }
}

const main = async (): Promise<number> => {
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
  nextEnv.loadEnvConfig(projectRoot, env.NODE_ENV !== 'production')

  const inputs = collectInputs(paths)
  const [{ getPayload }, { default: config }] = await Promise.all([
    import('payload'),
    import('../src/payload.config.ts'),
  ])
  const payload = await getPayload({ config })
  const progress = progressReporter()
  try {
    const report = await importFiles({
      payload,
      files: inputs,
      isDryRun: options.dryRun,
      isForced: options.force,
      onProgress: progress.update,
    })
    progress.stop()
    process.stdout.write(
      options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`,
    )
    return hasFailures(report) ? 1 : 0
  } finally {
    progress.stop()
    await payload.destroy()
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err)
    process.stderr.write(`seed import failed: ${message}\n`)
    process.exit(2)
  },
)
