/**
 * Benchmark datasets, made by bench/dataset.ts through the Local API: SQLite files cached in
 * bench/.cache (rebuilt when the generator changes), PostgreSQL databases made afresh on the
 * bench's own server.
 */
import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { projectRoot } from '../../tests/helpers/server.ts'
import type { BenchPostgres } from './postgres.ts'

const CACHE = path.join(projectRoot, 'bench', '.cache')

type Log = (message: string) => void

const hashFiles = (files: string[]) => {
  const hash = crypto.createHash('sha256')
  for (const file of files) hash.update(fs.readFileSync(path.join(projectRoot, file)))
  return hash.digest('hex').slice(0, 12)
}

/** Runs bench/dataset.ts in its own process (the Payload config reads the environment). */
const generateDataset = (posts: number, target: string[]) => {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/dataset.ts', '--posts', String(posts), ...target],
    { cwd: projectRoot, stdio: 'inherit', env: process.env },
  )
  if (result.status !== 0) throw new Error(`dataset generation failed (exit ${result.status})`)
}

/** A cached SQLite dataset of `posts` published posts, rebuilt when its generator changes. */
export const sqliteDataset = (posts: number, log: Log): string => {
  const key = hashFiles(['bench/dataset.ts', 'bench/lib/words.ts'])
  const file = path.join(CACHE, `posts-${posts}-${key}.db`)
  if (fs.existsSync(file)) {
    log(`SQLite dataset of ${posts} posts: cached (${path.relative(projectRoot, file)})`)
    return file
  }
  log(`SQLite dataset of ${posts} posts: generating through the Local API…`)
  const partial = `${file}.partial`
  generateDataset(posts, ['--out', partial])
  // bench/dataset.ts has folded its write-ahead log in: the file is whole.
  fs.renameSync(partial, file)
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${partial}${suffix}`, { force: true })
  return file
}

/**
 * The same dataset in a fresh database on the bench's PostgreSQL, written through the Local API
 * as SQLite's is (the server lives for one run, so nothing is cached), then vacuumed and analysed
 * so that autovacuum has nothing left to do while the servers are measured.
 */
export const postgresDataset = async (
  server: BenchPostgres,
  posts: number,
  log: Log,
): Promise<string> => {
  const started = Date.now()
  log(`PostgreSQL dataset of ${posts} posts: generating through the Local API…`)
  const uri = await server.createDatabase(`bench_posts_${posts}`)
  generateDataset(posts, ['--postgres', uri])
  await server.query('VACUUM (ANALYZE)', new URL(uri).pathname.slice(1))
  log(
    `PostgreSQL dataset of ${posts} posts: ready in ${Math.round((Date.now() - started) / 1000)} s`,
  )
  return uri
}
