/**
 * Setup file (vitest.config.ts): what a test process writes straight to its stdout or stderr —
 * Payload's logger above all, which the projects send there with LOG_TO_STDERR (its default
 * destination writes to file descriptor 1, out of anyone's reach) — goes through `console`
 * instead. Vitest then files it under the test that was running, and with `silent:
 * 'passed-only'` prints it only when that test, or its file, fails: the expected errors that
 * tests provoke on purpose stay out of the console, a failing test still shows its log.
 * `npx vitest run --silent=false` prints everything as it comes.
 */
type Callback = (err?: Error | null) => void

let isForwarding = false

const forwardToConsole = (stream: NodeJS.WriteStream, log: (text: string) => void): void => {
  const original = stream.write.bind(stream)
  stream.write = (
    chunk: string | Uint8Array,
    encodingOrCallback?: BufferEncoding | Callback,
    callback?: Callback,
  ): boolean => {
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback
    // A console that ends up writing here (Vitest's own, when not intercepting) is let through.
    if (isForwarding) {
      return typeof encodingOrCallback === 'function'
        ? original(chunk, encodingOrCallback)
        : original(chunk, encodingOrCallback, callback)
    }
    isForwarding = true
    try {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()
      log(text.replace(/\n$/, ''))
    } finally {
      isForwarding = false
    }
    done?.()
    return true
  }
}

forwardToConsole(process.stdout, (text) => console.log(text))
forwardToConsole(process.stderr, (text) => console.error(text))
