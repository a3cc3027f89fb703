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
import { spawnSync } from 'node:child_process'

const ATTEMPT = 'NEWSROOM_COMMAND_ATTEMPT'
const MAX_ATTEMPTS = 3

export const rerunIfUnsettled = (command: string): void => {
  process.once('beforeExit', () => {
    const attempt = Number(process.env[ATTEMPT] ?? '1')
    if (attempt >= MAX_ATTEMPTS) {
      process.stderr.write(
        `${command} failed: Node stopped loading its modules ${MAX_ATTEMPTS} times (defect register "config-import-order"); nothing was done. Run it again.\n`,
      )
      process.exit(2)
    }
    process.stderr.write(`${command}: Node stopped loading its modules; starting again\n`)
    const again = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
      stdio: 'inherit',
      env: { ...process.env, [ATTEMPT]: String(attempt + 1) },
    })
    process.exit(again.status ?? 2)
  })
}
