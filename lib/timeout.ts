/** Rejects with "timed out after N ms while WHAT" if the promise has not settled in time. */
export const withTimeout = async <T>({
  promise,
  ms,
  what,
}: {
  promise: Promise<T>
  ms: number
  what: string
}): Promise<T> => {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms while ${what}`)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}
