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
      const result = spawnSync(
        'npx',
        [
          'payload',
          'migrate:create',
          name,
          ...(options.forceEmpty ? ['--force-accept-warning'] : ['--skip-empty']),
        ],
        {
          stdio: 'inherit',
          env: {
            ...process.env,
            DATABASE_URI: dialect.uri,
            NODE_OPTIONS: '--no-deprecation',
            SEED_ON_START: 'false',
          },
        },
      )
      if (result.status !== 0) {
        program.error(
          `error: payload migrate:create failed for ${dialect.name} (exit ${result.status})`,
        )
      }
    }
    console.log(
      '[migrate:create] done: commit both folders together; each applies when the server starts',
    )
  })

program.parse()
