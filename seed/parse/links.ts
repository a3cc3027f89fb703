import type { InlineSegment } from './lexical.ts'

/** The anchor of the `n`th reference, the target of its `[n]` markers: `ref-1` for `[1]`. */
export const referenceAnchor = (n: number): string => `ref-${n}`

// A URL runs to the next space or quote; trailing punctuation belongs to the sentence.
const URL_PATTERN = /https?:\/\/[^\s<>"“”‘’]+/gi
const TRAILING = /[.,;:!?)\]}'’”]+$/
const CITATION = /\[(\d{1,3})\]/g

/**
 * True for an absolute http(s) URL with a dotted host and no spaces: the kind Payload's link
 * feature stores as it is (it re-encodes others, which would change the document on save).
 */
export const isLinkableUrl = (url: string): boolean => {
  if (/\s/.test(url)) return false
  try {
    const parsed = new URL(url)
    return ['http:', 'https:'].includes(parsed.protocol) && parsed.hostname.includes('.')
  } catch {
    return false
  }
}

type Found = { start: number; end: number; url: string }

const findUrls = (text: string): Found[] =>
  [...text.matchAll(URL_PATTERN)].flatMap((m) => {
    const url = m[0].replace(TRAILING, '')
    return isLinkableUrl(url) ? [{ start: m.index, end: m.index + url.length, url }] : []
  })

const findCitations = (text: string, citations: ReadonlySet<number>): Found[] =>
  [...text.matchAll(CITATION)].flatMap((m) =>
    citations.has(Number(m[1]))
      ? [{ start: m.index, end: m.index + m[0].length, url: `#${referenceAnchor(Number(m[1]))}` }]
      : [],
  )

/**
 * Splits a line into plain text and links: bare `http(s)` URLs link to themselves, and `[n]`
 * markers whose number is in `citations` link to `#ref-n`. Pure; the text is kept as written.
 */
export const toSegments = ({
  text,
  citations = new Set(),
}: {
  text: string
  citations?: ReadonlySet<number>
}): InlineSegment[] => {
  const found = [...findUrls(text), ...findCitations(text, citations)].sort(
    (a, b) => a.start - b.start,
  )
  const segments: InlineSegment[] = []
  let at = 0
  for (const { start, end, url } of found) {
    if (start < at) continue
    if (start > at) segments.push({ text: text.slice(at, start) })
    segments.push({ text: text.slice(start, end), url })
    at = end
  }
  if (at < text.length) segments.push({ text: text.slice(at) })
  return segments
}

/** True when some segment is a link. */
export const hasLinks = (segments: InlineSegment[]): boolean =>
  segments.some((segment) => segment.url !== undefined)
