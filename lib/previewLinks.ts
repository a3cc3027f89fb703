/**
 * The rules of preview links that need no Payload: how long one may last, the address handed
 * out, which representation a request gets (the reader's page or the JSON front ends use), and
 * which URLs the page may link to. The endpoints (collections/PreviewLinks) and the admin
 * control (src/components/PreviewLinkControl.tsx) both read them.
 */

/** Hours a link lasts when the request does not say. */
export const PREVIEW_LINK_DEFAULT_HOURS = 24

/** Longest a link may last: 14 days. */
export const PREVIEW_LINK_MAX_HOURS = 24 * 14

/** The durations the admin offers, none above {@link PREVIEW_LINK_MAX_HOURS}. */
export const PREVIEW_LINK_DURATIONS: readonly { hours: number; label: string }[] = [
  { hours: 1, label: '1 hour' },
  { hours: PREVIEW_LINK_DEFAULT_HOURS, label: '24 hours' },
  { hours: 24 * 7, label: '7 days' },
  { hours: PREVIEW_LINK_MAX_HOURS, label: '14 days' },
]

/**
 * The preview page's Content-Security-Policy, stricter than the admin's: no scripts at all, no
 * forms, nothing loaded from elsewhere; images only from the CMS (uploads in the body). The
 * endpoint sends it, and the server puts it in place of its site-wide policy (Next keeps a
 * header the server already set: src/server/middleware/previewHeaders.ts).
 */
export const PREVIEW_PAGE_CSP =
  "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

/** What `PREVIEW_URL` must hold: the place the link's secret goes. */
export const TOKEN_PLACEHOLDER = '{token}'

/**
 * The address a new link is handed out as: the CMS's own preview page, or, when `PREVIEW_URL`
 * is set, that template with every `{token}` replaced by the URL-encoded token.
 */
export const previewLinkUrl = ({
  template,
  serverUrl,
  token,
}: {
  template?: string
  serverUrl: string
  token: string
}): string =>
  template
    ? template.split(TOKEN_PLACEHOLDER).join(encodeURIComponent(token))
    : `${serverUrl}/api/preview/${encodeURIComponent(token)}`

/** The two representations of a preview: the page readers see, or the document as JSON. */
export type PreviewFormat = 'html' | 'json'

const FORMATS: readonly PreviewFormat[] = ['html', 'json']
const MEDIA_TYPES: Record<PreviewFormat, string> = { html: 'text/html', json: 'application/json' }

type AcceptRange = { type: string; subtype: string; q: number }

const parseAccept = (accept: string): AcceptRange[] =>
  accept
    .split(',')
    .map((part) => {
      const [range = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase())
      const [type = '', subtype = ''] = range.split('/')
      const qParam = params.find((param) => param.startsWith('q='))
      const q = qParam === undefined ? 1 : Number(qParam.slice(2))
      return { type, subtype, q: Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0 }
    })
    .filter((range) => range.type !== '' && range.subtype !== '')

/**
 * How much `accept` wants a media type: the quality of the most specific range that matches
 * it (RFC 9110, 12.5.1), and how specific that range is (2 exact, 1 `type/*`, 0 `*\/*`).
 */
const preference = (ranges: AcceptRange[], mediaType: string) => {
  const [type, subtype] = mediaType.split('/')
  let best = { q: 0, specificity: -1 }
  for (const range of ranges) {
    const specificity =
      range.type === type && range.subtype === subtype
        ? 2
        : range.type === type && range.subtype === '*'
          ? 1
          : range.type === '*' && range.subtype === '*'
            ? 0
            : -1
    if (specificity > best.specificity) best = { q: range.q, specificity }
  }
  return best
}

/**
 * The representation an `Accept` header asks for. JSON only when it is preferred to HTML: by
 * quality, or at equal quality by being named where HTML is only covered by a wildcard (as in
 * `application/json, text/plain, *\/*`). Browsers, `*\/*` and a missing header get the page.
 */
export const formatFromAccept = (accept: string | null | undefined): PreviewFormat => {
  const ranges = parseAccept(accept ?? '')
  if (ranges.length === 0) return 'html'
  const html = preference(ranges, MEDIA_TYPES.html)
  const json = preference(ranges, MEDIA_TYPES.json)
  if (json.q > html.q) return 'json'
  if (json.q === html.q && json.q > 0 && json.specificity > html.specificity) return 'json'
  return 'html'
}

/**
 * The representation a preview request gets: `?format=` when given, else its `Accept` header.
 * A bad `format` gives `error`, naming the parameter, and the representation the error should
 * be told in (the one `Accept` asks for).
 */
export const choosePreviewFormat = ({
  formats,
  accept,
}: {
  /** Every `format` value of the query string, in order. */
  formats: string[]
  accept: string | null | undefined
}): { format: PreviewFormat; error?: string } => {
  const fromAccept = formatFromAccept(accept)
  if (formats.length === 0) return { format: fromAccept }
  if (formats.length > 1) {
    return { format: fromAccept, error: 'query parameter "format" is given more than once' }
  }
  const [asked] = formats
  const known = FORMATS.find((format) => format === asked)
  if (!known) {
    return {
      format: fromAccept,
      error: `query parameter "format" must be html or json, not "${asked.slice(0, 40)}"`,
    }
  }
  return { format: known }
}

const LINKABLE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])

/** The URL when a preview page may link to it (absolute http, https or mailto), else undefined. */
export const safeHref = (url: unknown): string | undefined => {
  if (typeof url !== 'string') return undefined
  // Browsers drop control characters and surrounding spaces before reading the scheme.
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/[\u0000-\u001f\u007f]/g, '').trim()
  let parsed: URL
  try {
    parsed = new URL(cleaned)
  } catch {
    return undefined
  }
  return LINKABLE_PROTOCOLS.has(parsed.protocol) ? cleaned : undefined
}

/** Web addresses in running text; trailing punctuation is left out (see {@link splitUrls}). */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]+/gi
const TRAILING_PUNCTUATION = /[.,;:!?'"”’)\]}]+$/

/** A run of text, or a web address found in it. */
export type TextPart = { text: string; url?: string }

/**
 * Cuts text into plain runs and the http(s) addresses in it, so they can be made links. A
 * closing bracket stays in the address only when the address opened one, as in Wikipedia URLs.
 */
export const splitUrls = (text: string): TextPart[] => {
  const parts: TextPart[] = []
  let last = 0
  for (const match of text.matchAll(URL_IN_TEXT)) {
    let url = match[0]
    const trailing = TRAILING_PUNCTUATION.exec(url)?.[0] ?? ''
    url = url.slice(0, url.length - trailing.length)
    if (trailing.startsWith(')') && url.includes('(') && !url.includes(')')) url += ')'
    const start = match.index
    if (!safeHref(url)) continue
    if (start > last) parts.push({ text: text.slice(last, start) })
    parts.push({ text: url, url })
    last = start + url.length
  }
  if (last < text.length) parts.push({ text: text.slice(last) })
  return parts
}
