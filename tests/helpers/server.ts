import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..')

const BUILD_INPUTS = [
  'src',
  'collections',
  'seed',
  'next.config.mjs',
  'tsconfig.json',
  'tsconfig.server.json',
  'package-lock.json',
]
const BUILD_STAMP = path.join(projectRoot, '.next', 'newsroom-build-hash')

const hashInputs = (): string => {
  const hash = crypto.createHash('sha256')
  const visit = (entry: string) => {
    const full = path.join(projectRoot, entry)
    if (!fs.existsSync(full)) return
    const stat = fs.statSync(full)
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(full).sort()) visit(path.join(entry, child))
    } else {
      hash.update(entry).update(fs.readFileSync(full))
    }
  }
  for (const entry of BUILD_INPUTS) visit(entry)
  return hash.digest('hex')
}

/** Where test runs keep logs nobody needs unless something failed (git-ignored). */
export const logDir = path.join(projectRoot, 'tests', '.output', 'logs')

/**
 * Runs `npm run build` unless the last build was made from the same sources. Its output goes to
 * tests/.output/logs/build.log; a failed build throws with the end of it.
 */
export const ensureProductionBuild = (): void => {
  const wanted = hashInputs()
  const serverBuilt = fs.existsSync(path.join(projectRoot, 'dist', 'src', 'server.js'))
  if (
    serverBuilt &&
    fs.existsSync(BUILD_STAMP) &&
    fs.readFileSync(BUILD_STAMP, 'utf8') === wanted
  ) {
    return
  }
  fs.mkdirSync(logDir, { recursive: true })
  const logFile = path.join(logDir, 'build.log')
  console.log(
    `[e2e] building for production (npm run build, output in ${path.relative(projectRoot, logFile)})…`,
  )
  const started = Date.now()
  const log = fs.openSync(logFile, 'w')
  const result = spawnSync('npm', ['run', 'build'], {
    cwd: projectRoot,
    stdio: ['ignore', log, log],
    env: process.env,
  })
  fs.closeSync(log)
  if (result.status !== 0) {
    const tail = fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-60).join('\n')
    throw new Error(
      `npm run build failed with exit code ${result.status} (whole output: ${logFile}):\n${tail}`,
    )
  }
  fs.writeFileSync(BUILD_STAMP, wanted)
  console.log(`[e2e] build finished in ${Math.round((Date.now() - started) / 1000)} s`)
}

export const freePort = async (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })

export type RunningServer = {
  baseUrl: string
  dataDir: string
  /** The DATABASE_URI it runs on. */
  databaseUri: string
  child: ChildProcess
  output: () => string
  /** Sends SIGTERM and resolves with the exit code. */
  stop: () => Promise<number | null>
}

/**
 * Starts the compiled production server on a free port with a throwaway database of the
 * project's kind (a SQLite file in `dataDir`, or a database on the project's PostgreSQL),
 * unless `env` names one, and waits until /readyz says 200 (unless `waitUntilReady` is false).
 */
export const startProductionServer = async ({
  env = {},
  logFile,
  waitUntilReady = true,
}: {
  env?: Record<string, string>
  /** Also write the server's output here as it comes (so other processes can read it). */
  logFile?: string
  waitUntilReady?: boolean
} = {}): Promise<RunningServer> => {
  const port = await freePort()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-'))
  // Only test workers of a PostgreSQL project know its server (globalSetup runs on SQLite).
  const database =
    env.DATABASE_URI || process.env.TEST_DATABASE !== 'postgres'
      ? undefined
      : await (await import('./testDatabase.ts')).freshTestDatabase(dataDir)
  const baseUrl = `http://localhost:${port}`
  const databaseUri = database?.uri ?? `file:${path.join(dataDir, 'cms.db')}`
  let output = ''
  const child = spawn(process.execPath, ['--no-deprecation', 'dist/src/server.js'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      SERVER_URL: baseUrl,
      DATABASE_URI: databaseUri,
      PAYLOAD_SECRET: crypto.randomBytes(24).toString('hex'),
      SEED_ON_START: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const log = logFile ? fs.createWriteStream(logFile) : undefined
  const record = (chunk: Buffer) => {
    output += chunk.toString()
    log?.write(chunk)
  }
  child.stdout?.on('data', record)
  child.stderr?.on('data', record)
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))

  const deadline = Date.now() + 60_000
  while (waitUntilReady && Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`)
    try {
      const response = await fetch(`${baseUrl}/readyz`)
      if (response.ok) break
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  if (Date.now() >= deadline) {
    // Nobody gets a handle to stop it: stop it here, or it serves on after the suite.
    child.kill('SIGKILL')
    throw new Error(`server not ready within 60 s:\n${output}`)
  }

  return {
    baseUrl,
    dataDir,
    databaseUri: env.DATABASE_URI ?? databaseUri,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      const code = await exited
      await database?.drop()
      fs.rmSync(dataDir, { recursive: true, force: true })
      return code
    },
  }
}

/** A JSON call to a running server's API, optionally with a login token. */
export type ApiCall = (
  path: string,
  init?: RequestInit & { token?: string },
) => Promise<{ status: number; body: any }>

/** JSON calls against the server at `baseUrl()` (read lazily: servers start in beforeAll). */
export const apiClient =
  (baseUrl: () => string): ApiCall =>
  async (path, init = {}) => {
    const response = await fetch(`${baseUrl()}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(init.token ? { authorization: `JWT ${init.token}` } : {}),
      },
    })
    return { status: response.status, body: await response.json() }
  }
