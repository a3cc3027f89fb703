/**
 * `npm run db:transfer -- --from <uri> --to <uri> [--force]`: copies a whole site from one
 * database to another (SQLite file, PostgreSQL, MongoDB), then compares counts and a content
 * hash of both sides and prints the comparison. Exit 0: copied and equal; 1: copied but the
 * sides differ; 2: nothing copied (the reason is printed).
 */
import nextEnv from '@next/env'
import { Command } from 'commander'
import type { Payload } from 'payload'

import { redactUri } from '../../lib/database.ts'
import { compareSummaries, formatComparison } from '../../lib/siteTransfer.ts'
import type { TransferProgress } from '../transfer/copy.ts'
import { progressReporter } from './progress.ts'
import { rerunIfUnsettled } from './rerunIfUnsettled.ts'

const say = (line: string) => process.stderr.write(`${line}\n`)

const main = async (): Promise<number> => {
  const program = new Command()
    .name('npm run db:transfer --')
    .description(
      'Copy a whole site (users, content with drafts and versions, audit trail, preview links, media records, jobs) from one database to another.',
    )
    .requiredOption(
      '--from <uri>',
      'the database to copy from: file:PATH, postgres://…, mongodb://…',
    )
    .requiredOption('--to <uri>', 'the database to copy into (empty, or give --force)')
    .option('--force', 'replace whatever content the target already holds')
    .showHelpAfterError()
    .parse()
  const options = program.opts<{ from: string; to: string; force?: boolean }>()

  const projectRoot = process.cwd()
  const env = process.env as Record<string, string | undefined>
  env.NODE_ENV ??= 'development'
  env.LOG_TO_STDERR = 'true'
  // The command reports each failure itself, in one line: no logged stack traces before it.
  env.LOG_LEVEL ??= 'fatal'
  env.SEED_ON_START = 'false'
  env.DISABLE_PAYLOAD_HMR = 'true'
  nextEnv.loadEnvConfig(projectRoot, env.NODE_ENV !== 'production')

  const { chooseDatabase } = await import('../../lib/database.ts')
  const { TransferError } = await import('../transfer/site.ts')
  const same = (() => {
    try {
      return (
        chooseDatabase({ uri: options.from, projectRoot }).url ===
        chooseDatabase({ uri: options.to, projectRoot }).url
      )
    } catch {
      return false
    }
  })()
  if (same) throw new TransferError('--from and --to name the same database')

  // Payload before the app's config (the defect register's "config-import-order").
  await import('payload')
  const { openSite, collectionPlans } = await import('../transfer/site.ts')
  const { buildIdMapper, copySite } = await import('../transfer/copy.ts')
  const { summarizeSite } = await import('../transfer/compare.ts')

  const opened: Payload[] = []
  const progress = progressReporter<TransferProgress>({
    bar: '{stage} [{bar}] {value}/{total}',
    line: ({ label, done, total }) => `${label}: ${done}/${total}`,
    stageOf: ({ label }) => label,
  })
  try {
    say(`reading ${redactUri(options.from)}`)
    const source = await openSite({ uri: options.from, side: 'source', projectRoot })
    opened.push(source)
    say(`writing ${redactUri(options.to)}`)
    const target = await openSite({ uri: options.to, side: 'target', projectRoot })
    opened.push(target)

    const started = Date.now()
    const report = await copySite({
      source,
      target,
      force: options.force,
      onProgress: progress.update,
    })
    progress.stop()
    const copied = report.collections.reduce((sum, c) => sum + c.docs + c.versions, 0)
    say(
      `copied ${copied} documents and versions in ${((Date.now() - started) / 1000).toFixed(1)} s` +
        (report.replaced ? ' (the target’s earlier content was replaced)' : '') +
        (report.isAtomic
          ? ''
          : ' (not in one transaction: re-run with --force if it was cut short)'),
    )
    say(`search index rebuilt on the target: ${report.searchIndexed} published documents`)
    if (report.danglingReferences > 0) {
      say(
        `${report.danglingReferences} relationships to documents that no longer exist were left empty`,
      )
    }
    if (report.orphanVersions > 0) {
      say(`${report.orphanVersions} versions of documents that no longer exist were not copied`)
    }

    const plans = collectionPlans(source)
    const mapId = await buildIdMapper({
      source,
      plans,
      idType: target.db.defaultIDType === 'number' ? 'number' : 'text',
    })
    const rows = compareSummaries(
      await summarizeSite({
        payload: source,
        side: 'source',
        plans,
        mapId,
        onProgress: progress.update,
      }),
      await summarizeSite({
        payload: target,
        side: 'target',
        plans,
        mapId: (_collection, id) => id,
        onProgress: progress.update,
      }),
    )
    progress.stop()
    const table = `${formatComparison(rows)}\n`
    await new Promise((resolve) => process.stdout.write(table, resolve))
    const different = rows.filter((row) => !row.same)
    if (different.length > 0) {
      say(
        `the sides differ in ${different.map((r) => r.collection).join(', ')}: did the source change during the copy? Stop the CMS on it and re-run with --force.`,
      )
      return 1
    }
    say('both sides hold the same content')
    return 0
  } finally {
    progress.stop()
    for (const payload of opened.reverse()) await payload.destroy().catch(() => undefined)
  }
}

rerunIfUnsettled('db:transfer')
main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message =
      err instanceof Error && (err.name === 'TransferError' || err.name === 'ConfigError')
        ? err.message
        : `${err instanceof Error ? err.message : String(err)}`
    process.stderr.write(`db:transfer failed: ${redactUri(message)}\n`)
    process.exit(2)
  },
)
