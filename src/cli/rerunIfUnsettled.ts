/**
 * The defect register's "config-import-order": under Node 20.20, importing
 * `@payloadcms/richtext-lexical` (which the config does) leaves the `import()` unsettled in
 * about one process in five, plain `node` as well as tsx: no error, the event loop empties, and
 * the process ends with exit code 0 having done nothing (`db:transfer` said "reading …" and
 * stopped). Every command ends through `process.exit`, which emits no `beforeExit`: when
 * `beforeExit` comes, the command's work never settled, and it is run again in a new process
 * (at most twice), with the same arguments. Nothing was written: the stall happens while
 * modules load, before any database is opened, and every write a command makes is in a
 * transaction that an ended process never commits. If it stalls three times the command
 * fails with exit code 2 and says so.
 */
import { spawn } from 'node:child_process'
import { constants } from 'node:os'

const ATTEMPT = 'NEWSROOM_COMMAND_ATTEMPT'
const MAX_ATTEMPTS = 3

/**
 * A re-run is a child process tied to this one by an IPC channel: if this process is killed
 * (even with SIGKILL, which it cannot pass on), the channel closes and the child ends at once
 * instead of carrying on as an orphan that nobody can see or stop. Signals this process can
 * catch are passed on, and it ends with the child's exit code.
 */
const endWhenParentEnds = (): void => {
  if (!process.env[ATTEMPT] || !process.channel) return
  process.on('disconnect', () => process.exit(130))
  // The channel must not keep the event loop alive, or a stall here would never reach beforeExit.
  process.channel.unref()
}

export const rerunIfUnsettled = (command: string): void => {
  endWhenParentEnds()
  process.once('beforeExit', () => {
    const attempt = Number(process.env[ATTEMPT] ?? '1')
    if (attempt >= MAX_ATTEMPTS) {
      process.stderr.write(
        `${command} failed: Node stopped loading its modules ${MAX_ATTEMPTS} times (defect register "config-import-order"); nothing was done. Run it again.\n`,
      )
      process.exit(2)
    }
    process.stderr.write(`${command}: Node stopped loading its modules; starting again\n`)
    const again = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, [ATTEMPT]: String(attempt + 1) },
    })
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
      process.on(signal, () => again.kill(signal))
    again.on('error', (error) => {
      process.stderr.write(`${command} failed: could not start again (${error.message})\n`)
      process.exit(2)
    })
    again.on('exit', (code, signal) =>
      process.exit(code ?? 128 + (signal ? constants.signals[signal] : 2)),
    )
  })
}
