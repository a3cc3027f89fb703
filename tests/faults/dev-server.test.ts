/**
 * `npm run dev` ends on one signal: the whole process tree exits with code 0, the database is
 * closed and the port is free. (It used to wait for a second signal: npm's `sh -c` died without
 * passing SIGTERM on, and the server waited forever for Payload's own WebSocket to Next's HMR.)
 */
import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { freePort, projectRoot } from '../helpers/server.ts'
import { freshTestDatabase, type TestDatabase } from '../helpers/testDatabase.ts'

/** Longest a first start of the dev server (compiling the admin's first route) may take. */
const START_MS = 240_000
/** "Promptly": how long after the signal npm itself may take to exit. */
const EXIT_MS = 30_000

type DevServer = {
  npm: ChildProcess
  port: number
  dir: string
  database: TestDatabase
  output: () => string
  exited: Promise<number | null>
}

let running: DevServer | undefined

/** Polls `condition` until it holds, or fails with `what` (and the server's output) at `timeoutMs`. */
const waitFor = async ({
  condition,
  timeoutMs,
  what,
}: {
  condition: () => boolean | Promise<boolean>
  timeoutMs: number
  what: string
}): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(
        `${what} not within ${timeoutMs / 1000} s:\n${running?.output().slice(-3000)}`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** True while any process of npm's process group (npm and everything it started) lives. */
const isTreeAlive = (npm: ChildProcess): boolean => {
  try {
    process.kill(-(npm.pid as number), 0)
    return true
  } catch {
    return false
  }
}

const isListening = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })

/** `npm run dev` on a throwaway database and a free port, as its own process group, ready. */
const startDev = async (): Promise<DevServer> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-dev-'))
  const database = await freshTestDatabase(dir)
  const port = await freePort()
  let output = ''
  const npm = spawn('npm', ['run', 'dev'], {
    cwd: projectRoot,
    // Its own process group: what a terminal gives a command, and what lets us see its whole tree.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      SERVER_URL: `http://localhost:${port}`,
      DATABASE_URI: database.uri,
      PAYLOAD_SECRET: crypto.randomBytes(24).toString('hex'),
      SEED_ON_START: 'false',
    },
  })
  npm.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  npm.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)))
  running = { npm, port, dir, database, output: () => output, exited }
  await waitFor({
    what: 'the dev server answering /readyz 200',
    timeoutMs: START_MS,
    condition: async () => {
      if (npm.exitCode !== null) throw new Error(`npm run dev exited early:\n${output}`)
      const answer = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null)
      return answer?.status === 200
    },
  })
  return running
}

afterEach(async () => {
  if (!running) return
  if (isTreeAlive(running.npm)) process.kill(-(running.npm.pid as number), 'SIGKILL')
  await running.database.drop()
  fs.rmSync(running.dir, { recursive: true, force: true })
  running = undefined
})

describe('npm run dev', () => {
  it.each([
    ['SIGTERM', 'npm', false],
    ['SIGINT', 'npm', false],
    ['SIGINT', "the terminal's process group (Ctrl-C)", true],
  ] as const)(
    'should end its whole process tree with exit code 0 on one %s to %s',
    async (signal, _to, toGroup) => {
      const dev = await startDev()
      const pid = dev.npm.pid as number
      process.kill(toGroup ? -pid : pid, signal)

      const exitCode = await Promise.race([
        dev.exited,
        new Promise<'still running'>((resolve) =>
          setTimeout(() => resolve('still running'), EXIT_MS).unref(),
        ),
      ])
      expect(exitCode, dev.output().slice(-3000)).toBe(0)
      expect(dev.output()).toContain('database closed; bye')
      expect(dev.output()).not.toContain('exiting now')
      // Payload's type generator, started by the dev server, may still be writing its file.
      await waitFor({
        what: 'every process npm started ending',
        timeoutMs: START_MS,
        condition: () => !isTreeAlive(dev.npm),
      })
      expect(await isListening(dev.port)).toBe(false)
    },
    2 * START_MS + EXIT_MS,
  )
})
