/**
 * Deepest nesting of objects and lists a JSON body may have. Rich text is the deepest thing we
 * store (root, list, item, nested list…) and stays far below it; Payload and the database
 * driver walk values recursively, so content nested thousands deep overflowed the stack (500).
 */
export const MAX_JSON_DEPTH = 100

/** How deep objects and lists nest in a parsed JSON value, counted without recursion. */
export const jsonDepth = (value: unknown): number => {
  let deepest = 0
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }]
  while (pending.length > 0) {
    const { value: current, depth } = pending.pop()!
    if (current === null || typeof current !== 'object') continue
    deepest = Math.max(deepest, depth + 1)
    for (const child of Object.values(current)) pending.push({ value: child, depth: depth + 1 })
  }
  return deepest
}

/** Why a JSON request body cannot be used, or null when it is a JSON object (or empty). */
export const findJsonBodyProblem = (text: string): string | null => {
  if (text.trim() === '') return null
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (err) {
    return `the request body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return `the request body must be a JSON object, not ${Array.isArray(parsed) ? 'a list' : JSON.stringify(parsed)?.slice(0, 40)}`
  }
  if (text.includes('\\u0000')) return 'the request body contains a NUL character (\\u0000)'
  if (jsonDepth(parsed) > MAX_JSON_DEPTH) {
    return `the request body nests objects and lists more than ${MAX_JSON_DEPTH} levels deep`
  }
  return null
}
