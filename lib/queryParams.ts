/** Largest `depth` any caller may ask for (Payload's `maxDepth` caps it further). */
export const MAX_DEPTH_PARAM = 10

const BOOLEAN_PARAMS = ['draft', 'trash', 'pagination', 'autosave', 'overrideLock']
/** Parameters that take one plain value; `limit[$gt]=5` would otherwise be ignored silently. */
const SCALAR_PARAMS = new Set([
  'limit',
  'page',
  'depth',
  'locale',
  'fallback-locale',
  ...BOOLEAN_PARAMS,
])
const WHOLE_NUMBER = /^\d{1,9}$/
const POSITIVE_NUMBER = /^[1-9]\d{0,8}$/

/**
 * Checks the query string of a REST API request before Payload sees it.
 * Returns a message naming the bad parameter, or null when the query is acceptable.
 * Payload would otherwise ignore some malformed values (e.g. `limit=abc`), pass others
 * through (`limit=-1` returns every row on SQLite) or fail with a 500 (`where={bad json`).
 */
export const findQueryProblem = (search: URLSearchParams): string | null => {
  for (const [key, value] of search) {
    if (key.includes('\0') || value.includes('\0')) {
      return `query parameter "${key.replace(/\0/g, '\\0')}" contains a NUL character`
    }
  }
  for (const name of ['limit', 'page', 'depth', ...BOOLEAN_PARAMS, 'where']) {
    if (search.getAll(name).length > 1) return `query parameter "${name}" is given more than once`
  }
  for (const key of search.keys()) {
    const name = key.split('[')[0]
    if (key !== name && SCALAR_PARAMS.has(name)) {
      return `query parameter "${key}": ${name} takes a single value (${name}=…), not ${name}[…]`
    }
  }
  const single = (name: string): string | undefined => search.get(name) ?? undefined
  const limit = single('limit')
  if (limit !== undefined && !WHOLE_NUMBER.test(limit)) {
    return `limit "${limit}" must be a whole number from 1 to 100 (0 means the largest page allowed)`
  }
  const page = single('page')
  if (page !== undefined && !POSITIVE_NUMBER.test(page)) {
    return `page "${page}" must be a whole number from 1 up`
  }
  const depth = single('depth')
  if (depth !== undefined && (!WHOLE_NUMBER.test(depth) || Number(depth) > MAX_DEPTH_PARAM)) {
    return `depth "${depth}" must be a whole number from 0 to ${MAX_DEPTH_PARAM}`
  }
  for (const name of BOOLEAN_PARAMS) {
    const value = single(name)
    if (value !== undefined && value !== 'true' && value !== 'false') {
      return `${name} "${value}" must be true or false`
    }
  }
  const where = single('where')
  if (where !== undefined && where !== '') {
    try {
      const parsed: unknown = JSON.parse(where)
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return 'where must be a JSON object, e.g. where={"title":{"equals":"…"}}'
      }
    } catch {
      return 'where is not valid JSON: use where[field][operator]=value or a JSON object'
    }
  }
  return null
}
