/**
 * `npm run migrate:create -- NAME`: writes one migration per SQL dialect, from the same config,
 * so the SQLite and the PostgreSQL schema never drift apart. Payload's own command writes the
 * migration of the adapter `DATABASE_URI` chooses; here it runs once per dialect, each time on
 * a placeholder URI (creating a migration never connects: it compares the config with the
 * last snapshot in that dialect's folder). MongoDB needs no migrations.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

import { Command } from 'commander'

const DIALECTS = [
  { name: 'sqlite', uri: `file:${path.join('data', 'migrate-create-placeholder.db')}` },
  // Port 1: nothing listens there, and nothing is ever asked to.
  { name: 'postgres', uri: 'postgres://placeholder@127.0.0.1:1/placeholder' },
] as const

const program = new Command()
  .name('npm run migrate:create --')
  .description('Write a migration for SQLite and one for PostgreSQL from the current config.')
  .argument('<name>', 'what the change is, in snake_case (e.g. add_topics)')
  .option('--force-empty', 'write the migrations even when the schema did not change')
  .action((name: string, options: { forceEmpty?: boolean }) => {
    if (!/^[a-z0-9_]+$/.test(name)) {
      program.error(`error: the name "${name}" may only hold a-z, 0-9 and _ (e.g. add_topics)`)
    }
    for (const dialect of DIALECTS) {
      console.log(`[migrate:create] ${dialect.name}: src/migrations/${dialect.name}/`)
      // Payload's command can end with exit 0 having done nothing, when its modules never
      // finish loading (Node 20's loader, see src/cli/rerunIfUnsettled.ts): it then printed
      // neither a migration nor "no schema changes", and is run again, at most twice more.
      let isSettled = false
      for (let attempt = 1; attempt <= 3 && !isSettled; attempt += 1) {
        const result = spawnSync(
          'npx',
          [
            'payload',
            'migrate:create',
            name,
            ...(options.forceEmpty ? ['--force-accept-warning'] : ['--skip-empty']),
          ],
          {
            stdio: ['ignore', 'pipe', 'pipe'],
            encoding: 'utf8',
            env: {
              ...process.env,
              DATABASE_URI: dialect.uri,
              NODE_OPTIONS: '--no-deprecation',
              SEED_ON_START: 'false',
            },
          },
        )
        process.stdout.write(result.stdout ?? '')
        process.stderr.write(result.stderr ?? '')
        if (result.status !== 0) {
          program.error(
            `error: payload migrate:create failed for ${dialect.name} (exit ${result.status})`,
          )
        }
        const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
        // With --skip-empty an unchanged schema ends right after the DOWN statements.
        isSettled = /Migration created at|DOWN statements generation complete/i.test(output)
        if (!isSettled && attempt < 3) {
          console.log(`[migrate:create] ${dialect.name}: ended without a result; running it again`)
        }
      }
      if (!isSettled) {
        program.error(
          `error: payload migrate:create for ${dialect.name} ended three times without writing a migration or saying the schema is unchanged`,
        )
      }
    }
    console.log(
      '[migrate:create] done: commit both folders together; each applies when the server starts',
    )
  })

program.parse()
