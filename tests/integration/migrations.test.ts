/**
 * The committed migrations of each SQL dialect must describe the schema the config asks for:
 * `payload migrate:create --skip-empty` on a copy of them must find nothing to write, with media
 * on disk and in object storage alike. (Only in the SQLite run: it needs no database server, and
 * once is enough.)
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { projectRoot } from '../helpers/server.ts'

const dialects = [
  ['sqlite', 'file:./data/placeholder.db'],
  ['postgres', 'postgres://placeholder@127.0.0.1:1/placeholder'],
] as const

/** Media in object storage must need no column of its own (src/plugins/objectStorage.ts). */
const OBJECT_STORAGE = {
  S3_BUCKET: 'placeholder',
  S3_ENDPOINT: 'http://127.0.0.1:1',
  S3_ACCESS_KEY_ID: 'placeholder',
  S3_SECRET_ACCESS_KEY: 'placeholder',
}
/** The environment with no S3_* variable: the case decides. */
const withoutObjectStorage = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => {
  const rest = { ...env }
  for (const name of Object.keys(rest)) if (name.startsWith('S3_')) delete rest[name]
  return rest
}
const cases = dialects.flatMap(([dialect, uri]) => [
  [dialect, 'on disk', uri, {}] as const,
  [dialect, 'in object storage', uri, OBJECT_STORAGE] as const,
])

const copies: string[] = []
afterAll(() => {
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true })
})

describe.skipIf(process.env.TEST_DATABASE !== 'sqlite')('committed migrations', () => {
  it.each(cases)(
    'should be up to date with the config for %s, media %s',
    (dialect, _media, uri, storageEnv) => {
      // The config puts migrations under <working folder>/src/migrations/<dialect>.
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-migrations-'))
      copies.push(root)
      const copy = path.join(root, 'src', 'migrations', dialect)
      fs.cpSync(path.join(projectRoot, 'src', 'migrations', dialect), copy, { recursive: true })
      const before = fs.readdirSync(copy).sort()
      const result = spawnSync(
        path.join(projectRoot, 'node_modules', '.bin', 'payload'),
        ['migrate:create', 'drift_check', '--skip-empty'],
        {
          cwd: root,
          encoding: 'utf8',
          env: {
            ...withoutObjectStorage(process.env),
            ...storageEnv,
            PAYLOAD_CONFIG_PATH: path.join(projectRoot, 'src', 'payload.config.ts'),
            DATABASE_URI: uri,
            NODE_OPTIONS: '--no-deprecation',
            SEED_ON_START: 'false',
          },
          timeout: 120_000,
        },
      )
      expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0)
      const added = fs.readdirSync(copy).filter((file) => !before.includes(file))
      expect(
        added,
        `the ${dialect} migrations are behind the config: run npm run migrate:create`,
      ).toEqual([])
    },
  )
})
