import { spawn } from 'node:child_process'

import { describe, expect, it } from 'vitest'

import { freePort, projectRoot } from '../helpers/server.ts'

/** Runs the compiled production server with the given environment until it exits or `ms` pass. */
const runServer = async ({
  env,
  ms,
  until,
}: {
  env: Record<string, string | undefined>
  ms: number
  until?: (output: string) => boolean
}): Promise<{ code: number | null; output: string; elapsed: number }> => {
  const started = Date.now()
  const child = spawn(process.execPath, ['--no-deprecation', 'dist/src/server.js'], {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: 'production', SEED_ON_START: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  return new Promise((resolve) => {
    const finish = (code: number | null) => {
      clearTimeout(timer)
      resolve({ code, output, elapsed: Date.now() - started })
    }
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (until?.(output)) {
        child.kill('SIGTERM')
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (code) => finish(code))
    const timer = setTimeout(() => child.kill('SIGKILL'), ms)
  })
}

/** Milliseconds between the first log lines matching `from` and `to`, by their own timestamps. */
const loggedMsBetween = (output: string, from: RegExp, to: RegExp): number => {
  const timeOf = (pattern: RegExp): number => {
    const line = output.split('\n').find((text) => pattern.test(text))
    if (!line) throw new Error(`no log line matching ${pattern} in:\n${output.slice(-2000)}`)
    const time = (JSON.parse(line) as { time: string | number }).time
    return new Date(time).getTime()
  }
  return timeOf(to) - timeOf(from)
}

describe('start-up configuration errors', () => {
  it('should refuse to start production without PAYLOAD_SECRET', async () => {
    const { code, output } = await runServer({
      env: { PAYLOAD_SECRET: '', PORT: String(await freePort()) },
      ms: 20_000,
    })
    expect(code).toBe(1)
    expect(output).toMatch(/PAYLOAD_SECRET is not set/)
  })

  it('should refuse an unsupported DATABASE_URI, naming it and the accepted forms', async () => {
    const { code, output } = await runServer({
      env: {
        PAYLOAD_SECRET: 'x'.repeat(32),
        DATABASE_URI: 'mysql://db.example/cms',
        PORT: String(await freePort()),
      },
      ms: 20_000,
    })
    expect(code).toBe(1)
    // The log line is JSON, so the quotes around the URI arrive escaped.
    expect(output).toMatch(/DATABASE_URI \\"mysql:\/\/db.example\/cms\\" is not supported/)
    expect(output).toMatch(/mongodb\+srv:\/\//)
  })

  // Part of the fault suite: a MongoDB URI that points at nothing, three ways.
  it.each([
    ['a closed port', 'mongodb://127.0.0.1:9/newsroom', /ECONNREFUSED/],
    [
      'a name that does not resolve',
      'mongodb://no-such-host.invalid:27017/newsroom',
      /ENOTFOUND|getaddrinfo/,
    ],
    [
      'an address that never answers',
      'mongodb://10.255.255.1:27017/newsroom',
      /timed out|closed|Server selection/i,
    ],
  ])('should report an unreachable MongoDB (%s) within 15 seconds', async (_what, uri, reason) => {
    const { output, elapsed } = await runServer({
      env: { PAYLOAD_SECRET: 'x'.repeat(32), DATABASE_URI: uri, PORT: String(await freePort()) },
      ms: 30_000,
      until: (text) => text.includes('not ready:'),
    })
    expect(output).toMatch(/not ready: database not reachable: /)
    expect(output).toMatch(reason)
    // Counted by the server's own clock, from when it listens (the promise to an operator) to
    // the report: loading the modules first takes seconds more on a busy machine.
    expect(loggedMsBetween(output, /listening on /, /not ready: /)).toBeLessThan(15_000)
    expect(elapsed).toBeLessThan(30_000)
  })
})
