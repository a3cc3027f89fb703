/**
 * Redirects from old site paths to where the content lives now: how a path is written (one
 * spelling per path, so a lookup finds it however a browser encoded it), and what storing a
 * redirect amounts to given the redirects that exist (chains collapsed, loops refused). Pure:
 * the Redirects collection's hooks and the lookup endpoint do the reading and writing.
 */

/** The HTTP statuses a redirect may answer with; 301 unless an editor picks another. */
export const REDIRECT_STATUS_CODES = [301, 302, 307, 308] as const

export type RedirectStatusCode = (typeof REDIRECT_STATUS_CODES)[number]

/** Who made a redirect: the CMS when a published slug changed, an editor, or the seed import. */
export const REDIRECT_KINDS = ['automatic', 'manual', 'imported'] as const

export type RedirectKind = (typeof REDIRECT_KINDS)[number]

/** Longest path accepted, in characters (browsers and proxies cut URLs at a few kB). */
export const MAX_PATH_LENGTH = 2000

/** Longest chain of existing redirects followed before giving up. */
export const MAX_CHAIN_HOPS = 20

/** A checked value, or why it was refused (a message that can follow the field's name). */
export type Checked<T> = { value: T; problem?: undefined } | { value?: undefined; problem: string }

const UNRESERVED = /^[A-Za-z0-9\-._~]$/
/** Characters that stand as they are in a path or query (RFC 3986 pchar, `/` and `?`). */
const NOT_VERBATIM = /[^A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/gu
const BAD_ESCAPE = /%(?![0-9a-fA-F]{2})/

/**
 * RFC 3986 normalisation of one component: escapes in upper case, escaped unreserved characters
 * (`%7E`, `%2D`, `%41`) decoded, and characters that may not appear bare (spaces, non-ASCII
 * letters, quotes) escaped as UTF-8. Reserved characters keep their form: `%2F` stays `%2F`.
 */
const normaliseEscapes = (text: string): string =>
  text
    .replace(/%[0-9a-fA-F]{2}/g, (escape) => {
      const character = String.fromCharCode(parseInt(escape.slice(1), 16))
      return UNRESERVED.test(character) ? character : escape.toUpperCase()
    })
    .replace(NOT_VERBATIM, (character) => encodeURIComponent(character))

const hasControlCharacters = (text: string): boolean =>
  [...text].some((character) => {
    const code = character.codePointAt(0) ?? 0
    return code < 0x20 || code === 0x7f
  })

/**
 * A site path in its one spelling: starts with `/`, no scheme or host, no `.` or `..` segments
 * (escaped or not), escapes normalised, the query string kept (an empty one dropped). A
 * `#fragment` is refused unless `isFragmentAllowed` (browsers never send one, so a `from` with
 * one could never match; a `to` may point into a page).
 */
export const normaliseSitePath = ({
  path,
  isFragmentAllowed = false,
}: {
  path: string
  isFragmentAllowed?: boolean
}): Checked<string> => {
  const text = path.trim()
  if (text === '') return { problem: 'is empty: give a path starting with "/"' }
  if (text.length > MAX_PATH_LENGTH) {
    return { problem: `is longer than ${MAX_PATH_LENGTH} characters` }
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith('//')) {
    return {
      problem: `must be a path on this site without scheme or host, e.g. "${exampleOf(text)}"`,
    }
  }
  if (!text.startsWith('/')) return { problem: `must start with "/": "/${text}"` }
  if (text.includes('\\')) return { problem: 'must not contain "\\"' }
  if (hasControlCharacters(text)) return { problem: 'must not contain control characters' }
  if (BAD_ESCAPE.test(text)) return { problem: 'has a "%" that is not followed by two hex digits' }
  const hashAt = text.indexOf('#')
  if (hashAt >= 0 && !isFragmentAllowed) {
    return { problem: 'must not contain a "#fragment": browsers never send it to the server' }
  }
  const withoutFragment = hashAt >= 0 ? text.slice(0, hashAt) : text
  const fragment = hashAt >= 0 ? text.slice(hashAt + 1) : ''
  const queryAt = withoutFragment.indexOf('?')
  const rawPath = queryAt >= 0 ? withoutFragment.slice(0, queryAt) : withoutFragment
  const rawQuery = queryAt >= 0 ? withoutFragment.slice(queryAt + 1) : ''
  const pathPart = normaliseEscapes(rawPath)
  const segments = pathPart.split('/')
  if (segments.some((segment) => segment === '.' || segment === '..')) {
    return { problem: 'must not contain "." or ".." segments' }
  }
  const query = rawQuery === '' ? '' : `?${normaliseEscapes(rawQuery)}`
  const hash = fragment === '' ? '' : `#${normaliseEscapes(fragment)}`
  return { value: `${pathPart}${query}${hash}` }
}

/** A URL's own path for a problem message: `https://a.org/x/?p=1` → `/x/?p=1`. */
const exampleOf = (text: string): string => {
  try {
    const url = new URL(text.startsWith('//') ? `http:${text}` : text)
    return `${url.pathname}${url.search}`
  } catch {
    return '/old-page'
  }
}

/** True for an absolute http(s) URL (a `to` that leaves the site). */
export const isAbsoluteUrl = (text: string): boolean => /^https?:\/\//i.test(text.trim())

/**
 * Where a redirect may send readers: a site path (normalised as `normaliseSitePath`, a
 * `#fragment` allowed) or an absolute http(s) URL with a host and no credentials.
 */
export const normaliseTarget = ({ to }: { to: string }): Checked<string> => {
  const text = to.trim()
  if (!isAbsoluteUrl(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
      return { problem: 'must be a site path starting with "/" or an http(s) URL' }
    }
    return normaliseSitePath({ path: text, isFragmentAllowed: true })
  }
  if (text.length > MAX_PATH_LENGTH) {
    return { problem: `is longer than ${MAX_PATH_LENGTH} characters` }
  }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return { problem: `is not a valid URL: "${text}"` }
  }
  if (!url.hostname) return { problem: 'is an http(s) URL without a host' }
  if (url.username || url.password) return { problem: 'must not contain a user name or password' }
  return { value: url.href }
}

/** The site path a URL of the old site had, e.g. `https://old.org/wordpress/x/` → `/wordpress/x/`. */
export const pathOfUrl = ({ url }: { url: string }): Checked<string> => {
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch {
    return { problem: `is not a valid URL: "${url}"` }
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { problem: `is not an http(s) URL: "${url}"` }
  }
  return normaliseSitePath({ path: `${parsed.pathname}${parsed.search}` })
}

/** The part of a target that another redirect's `from` could equal (no fragment). */
const pathKeyOf = (to: string): string => {
  const hashAt = to.indexOf('#')
  return hashAt >= 0 ? to.slice(0, hashAt) : to
}

/** One stored redirect, as far as chains are concerned. */
export type RedirectRow = { from: string; to: string }

/**
 * Where a redirect `from` → `to` should point, given the existing redirects reachable from
 * `to` (the caller follows them; `existing` may hold others too, and never the row being
 * saved): the end of the chain, so A→B with B→C stored is stored as A→C. Refused with a
 * message when `to` is `from`, or when following it comes back to `from` (a loop).
 */
export const resolveTarget = ({
  from,
  to,
  existing,
}: {
  from: string
  to: string
  existing: readonly RedirectRow[]
}): Checked<string> => {
  if (pathKeyOf(to) === from) return { problem: `is the same as "from" (${from})` }
  const next = new Map(existing.filter((row) => row.from !== from).map((row) => [row.from, row.to]))
  const route = [from, to]
  let current = to
  for (let hop = 0; hop < MAX_CHAIN_HOPS; hop += 1) {
    const key = pathKeyOf(current)
    const following = isAbsoluteUrl(current) ? undefined : next.get(key)
    if (following === undefined) return { value: current }
    route.push(following)
    if (pathKeyOf(following) === from) {
      return { problem: `makes a redirect loop: ${route.join(' → ')}` }
    }
    if (route.slice(1, -1).some((step) => pathKeyOf(step) === pathKeyOf(following))) {
      return { problem: `leads into a redirect loop: ${route.join(' → ')}` }
    }
    current = following
  }
  return { problem: `leads through more than ${MAX_CHAIN_HOPS} redirects` }
}

/**
 * The existing redirects that pointed at `from` and now point at `to` instead, so no chain is
 * left behind when `from` → `to` is stored (X→B becomes X→C when B→C is saved). A fragment
 * the old target had is kept when the new one has none.
 */
export const redirectsToRewrite = <Row extends RedirectRow>({
  from,
  to,
  pointingAtFrom,
}: {
  from: string
  to: string
  pointingAtFrom: readonly Row[]
}): Array<Row & { newTo: string }> =>
  pointingAtFrom
    .filter((row) => pathKeyOf(row.to) === from && row.from !== from)
    .map((row) => {
      const hashAt = row.to.indexOf('#')
      const keepsFragment = hashAt >= 0 && !to.includes('#') && !isAbsoluteUrl(to)
      return { ...row, newTo: keepsFragment ? `${to}${row.to.slice(hashAt)}` : to }
    })

/**
 * The stored `from` values a request for `path` may match, best first: the path as asked,
 * then with its trailing slash added or removed (old links come both ways).
 */
export const lookupCandidates = ({ path }: { path: string }): string[] => {
  const queryAt = path.indexOf('?')
  const pathPart = queryAt >= 0 ? path.slice(0, queryAt) : path
  const query = queryAt >= 0 ? path.slice(queryAt) : ''
  if (pathPart === '/') return [path]
  const toggled = pathPart.endsWith('/') ? pathPart.replace(/\/+$/, '') : `${pathPart}/`
  return [path, `${toggled || '/'}${query}`]
}

/**
 * The `Location` a redirect answers with: an absolute `to` as it is, a site path on the public
 * site's address when it is known, else the path itself.
 */
export const locationOf = ({ to, siteUrl }: { to: string; siteUrl?: string }): string =>
  isAbsoluteUrl(to) || !siteUrl ? to : `${siteUrl.replace(/\/+$/, '')}${to}`
