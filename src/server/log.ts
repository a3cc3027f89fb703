type Level = 'info' | 'warn' | 'error'

const write = (level: Level, msg: string): void => {
  const line = JSON.stringify({ level, time: new Date().toISOString(), msg })
  if (level === 'info') console.log(line)
  else console.error(line)
}

/**
 * The server's own log lines, one JSON object each. Payload's logger is not used here: the server
 * must not load Payload's config (Next's bundle has its own copy).
 */
export const log = {
  info: (msg: string): void => write('info', msg),
  warn: (msg: string): void => write('warn', msg),
  error: (msg: string): void => write('error', msg),
}

/** The message of anything thrown. */
export const messageOf = (err: unknown): string =>
  err instanceof Error ? err.message : String(err)
