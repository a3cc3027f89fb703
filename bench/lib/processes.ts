/** Starting, pinning, timing and measuring the processes a benchmark run drives. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** True when `taskset` can pin processes to cores here (Linux with 2+ cores). */
export const canPin = (): boolean =>
  os.cpus().length >= 2 && spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0

/** Pins this process (all its threads) to `core`. */
export const pinSelf = (core: number): void => {
  spawnSync('taskset', ['-a', '-cp', String(core), String(process.pid)], { stdio: 'ignore' })
}

/** Servers still running: whatever ends this process (an error, Ctrl-C), they are stopped. */
const running = new Set<ChildProcess>()
process.on('exit', () => {
  for (const child of running) child.kill('SIGTERM')
})

/** Folders removed when this process ends, unless removed before. */
const leftovers = new Set<string>()
process.on('exit', () => {
  for (const dir of leftovers) fs.rmSync(dir, { recursive: true, force: true })
})

/** A fresh folder in the temp directory, removed by `remove` or when this process ends. */
export const tempDir = (prefix: string): { dir: string; remove: () => void } => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  leftovers.add(dir)
  return {
    dir,
    remove: () => {
      fs.rmSync(dir, { recursive: true, force: true })
      leftovers.delete(dir)
    },
  }
}

/** Resident memory of a process in MB, from /proc (0 where /proc is missing). */
export const rssMb = (pid: number): number => {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
    return Math.round(kb / 1024)
  } catch {
    return 0
  }
}

export type Server = {
  name: string
  url: string
  child: ChildProcess
  /** Milliseconds from spawn to the first 200 on the ready path. */
  startMs: number
  output: () => string
  stop: () => Promise<void>
}

/**
 * Spawns `node …args` (pinned to `core` when given) and waits for `readyPath` to answer 200.
 */
export const startServer = async ({
  name,
  args,
  env,
  url,
  readyPath,
  core,
  timeoutMs = 120_000,
}: {
  name: string
  args: string[]
  env: Record<string, string>
  url: string
  readyPath: string
  core?: number
  timeoutMs?: number
}): Promise<Server> => {
  const command = core === undefined ? process.execPath : 'taskset'
  const fullArgs = core === undefined ? args : ['-c', String(core), process.execPath, ...args]
  let output = ''
  const started = performance.now()
  const child = spawn(command, fullArgs, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const exited = new Promise<void>((resolve) =>
    child.on('exit', () => {
      running.delete(child)
      resolve()
    }),
  )
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited before it was ready:\n${output}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`${name} not ready within ${timeoutMs / 1000} s:\n${output}`)
    }
    try {
      const response = await fetch(`${url}${readyPath}`)
      await response.arrayBuffer()
      if (response.status === 200) break
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  const startMs = performance.now() - started
  return {
    name,
    url,
    child,
    startMs,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(killer)
    },
  }
}
