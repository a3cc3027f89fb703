import { spawnSync } from 'node:child_process'

import { describe, expect, it } from 'vitest'

/** Runs the stalling fixture command, stalling its first `stalls` attempts. */
const run = (stalls: number) => {
  const env: NodeJS.ProcessEnv = { ...process.env, STALLS: String(stalls) }
  delete env.NEWSROOM_COMMAND_ATTEMPT
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', 'tests/fixtures/stallingCommand.ts', '--from', 'a b'],
    { encoding: 'utf8', env },
  )
}

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
})
