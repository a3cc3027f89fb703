/**
 * Asks `read` every 100 ms until `isDone` accepts its answer, for at most `timeoutMs`; resolves
 * with that answer, or fails with the last one. For state another process writes a moment after
 * the event a test saw (e.g. a delivery's log row, written after the receiver answered).
 */
export const eventually = async <T>({
  read,
  isDone,
  timeoutMs = 15_000,
  what,
}: {
  read: () => Promise<T>
  isDone: (value: T) => boolean
  timeoutMs?: number
  what: string
}): Promise<T> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (isDone(value)) return value
    if (Date.now() > deadline) {
      throw new Error(`${what}: not reached in ${timeoutMs} ms; last seen ${JSON.stringify(value)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
