import { spawn, spawnSync } from 'node:child_process'

import { describe, expect, it } from 'vitest'

const fixture = ['--import', 'tsx', 'tests/fixtures/stallingCommand.ts', '--from', 'a b']

const envFor = (stalls: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, STALLS: String(stalls), ...extra }
  delete env.NEWSROOM_COMMAND_ATTEMPT
  return env
}

/** Runs the stalling fixture command, stalling its first `stalls` attempts. */
const run = (stalls: number) =>
  spawnSync(process.execPath, fixture, { encoding: 'utf8', env: envFor(stalls) })

/**
 * Starts the fixture with one stall and a re-run that keeps working, signals the first process
 * once the re-run is busy, and resolves once every process holding its output has ended
 * ('close' waits for the re-run too, since it shares the pipes).
 */
const killDuringRerun = (signal: NodeJS.Signals) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>((resolve) => {
    const child = spawn(process.execPath, fixture, { env: envFor(1, { BUSY: 'true' }) })
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      if (stdout.includes('busy') && child.signalCode === null && child.exitCode === null)
        child.kill(signal)
    })
    child.on('close', (code, signalCode) => resolve({ code, signal: signalCode, stdout }))
  })

describe('a command whose work never settles (defect register "config-import-order")', () => {
  it('should finish as usual when nothing stalls', () => {
    const result = run(0)
    expect(result.status).toBe(5)
    expect(result.stdout).toBe('attempt 1 --from a b\n')
    expect(result.stderr).toBe('')
  })

  it('should run again with the same arguments, and exit as the new run does', () => {
    const result = run(2)
    expect(result.status).toBe(5)
    expect(result.stdout).toBe('attempt 1 --from a b\nattempt 2 --from a b\nattempt 3 --from a b\n')
    expect(result.stderr.match(/stopped loading its modules; starting again/g)).toHaveLength(2)
  })

  it('should give up after three stalls with exit code 2, never 0', () => {
    const result = run(3)
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(
      /stalling command failed: Node stopped loading its modules 3 times .*nothing was done/,
    )
  })

  it('should not leave the re-run working when the first process is killed outright', async () => {
    const result = await killDuringRerun('SIGKILL')
    expect(result.signal).toBe('SIGKILL')
    expect(result.stdout).toContain('attempt 2')
  }, 30_000)

  it('should pass SIGTERM on to the re-run and exit as it does', async () => {
    const result = await killDuringRerun('SIGTERM')
    expect(result.code).toBe(143)
    expect(result.stdout).toContain('attempt 2')
  }, 30_000)
})
