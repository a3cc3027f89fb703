import { formatDate } from './dates.ts'
import { escapeHtml } from './values.ts'

/**
 * A digest as an email: HTML that mail clients show as written (every style inline, no style
 * sheet, no script, every link absolute) and its plain-text part. Rendered from plain data: the
 * edge (collections/digestBuilder/email.ts) turns the rich text into HTML and text and resolves
 * the links first.
 */

/** A link the email may carry: an absolute http(s) address. */
export type EmailLink = { label: string; url: string }

/** One item of the email: its section heading, its text, and its links. */
export type EmailItem = {
  heading?: string | null
  /** The item's rich text as HTML (inline styles only, absolute links). */
  bodyHtml: string
  /** The same as plain text, paragraphs separated by blank lines. */
  bodyText: string
  /** The post on the public site. */
  post?: EmailLink | null
  /** The outlet, linked to its website when it has one. */
  source?: { name: string; url?: string | null } | null
}

export type EmailDigest = {
  title: string
  issueNumber?: number | null
  issueDate?: string | null
  series?: string | null
  introHtml?: string
  introText?: string
  items: EmailItem[]
  /** The digest's own page on the public site, when it is published. */
  webUrl?: string | null
  /** The document language (`lang`), e.g. "en". */
  language?: string | null
}

export type RenderedEmail = { subject: string; html: string; text: string }

/** Only absolute http(s) addresses: a relative link means nothing in a mail client. */
export const absoluteHttpUrl = (value: unknown): string | undefined => {
  if (typeof value !== 'string' || value.trim() === '') return undefined
  try {
    const url = new URL(value.trim())
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined
  } catch {
    return undefined
  }
}

/** The styles of the email, inline on each element (mail clients drop style sheets). */
export const EMAIL_STYLES = {
  body: 'margin:0;padding:0;background-color:#f4f4f5;',
  outer: 'width:100%;background-color:#f4f4f5;border-collapse:collapse;',
  cell: 'padding:24px 12px;',
  card: 'width:100%;max-width:640px;margin:0 auto;background-color:#ffffff;border-collapse:collapse;border:1px solid #e4e4e7;',
  content:
    'padding:24px 28px;font-family:Georgia,Times,serif;font-size:16px;line-height:1.5;color:#18181b;',
  series:
    'margin:0 0 4px;font-family:Arial,Helvetica,sans-serif;font-size:13px;letter-spacing:0.04em;text-transform:uppercase;color:#52525b;',
  title: 'margin:0 0 8px;font-size:26px;line-height:1.25;font-weight:bold;color:#18181b;',
  meta: 'margin:0 0 20px;font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#52525b;',
  section:
    'margin:28px 0 12px;padding-bottom:6px;border-bottom:2px solid #18181b;font-family:Arial,Helvetica,sans-serif;font-size:18px;line-height:1.3;color:#18181b;',
  item: 'margin:0 0 20px;padding:0 0 16px;border-bottom:1px solid #e4e4e7;',
  links: 'margin:8px 0 0;font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#52525b;',
  link: 'color:#1d4ed8;text-decoration:underline;',
  footer:
    'padding:16px 28px;font-family:Arial,Helvetica,sans-serif;font-size:12px;color:#52525b;border-top:1px solid #e4e4e7;',
} as const

const anchor = ({ url, html }: { url: string; html: string }): string =>
  `<a href="${escapeHtml(url)}" style="${EMAIL_STYLES.link}">${html}</a>`

const itemLinksHtml = (item: EmailItem): string => {
  const parts: string[] = []
  const postUrl = absoluteHttpUrl(item.post?.url)
  if (item.post && postUrl) parts.push(anchor({ url: postUrl, html: 'Read on our site' }))
  if (item.source?.name) {
    const sourceUrl = absoluteHttpUrl(item.source.url)
    const name = escapeHtml(item.source.name)
    parts.push(`Source: ${sourceUrl ? anchor({ url: sourceUrl, html: name }) : name}`)
  }
  return parts.length > 0 ? `<p style="${EMAIL_STYLES.links}">${parts.join(' · ')}</p>` : ''
}

const itemLinksText = (item: EmailItem): string[] => {
  const lines: string[] = []
  const postUrl = absoluteHttpUrl(item.post?.url)
  if (item.post && postUrl) lines.push(`Read: ${postUrl}`)
  if (item.source?.name) {
    const sourceUrl = absoluteHttpUrl(item.source.url)
    lines.push(`Source: ${item.source.name}${sourceUrl ? ` <${sourceUrl}>` : ''}`)
  }
  return lines
}

/** Items in runs of the same heading: a section per run, as the digest lists them. */
const sectionsOf = (items: readonly EmailItem[]) => {
  const sections: { heading: string | null; items: EmailItem[] }[] = []
  for (const item of items) {
    const heading = item.heading?.trim() || null
    const last = sections.at(-1)
    if (last && last.heading === heading) last.items.push(item)
    else sections.push({ heading, items: [item] })
  }
  return sections
}

/** "No. 261 · 19 Oct 2019", or what of it is known. */
const issueLine = (digest: EmailDigest): string =>
  [
    typeof digest.issueNumber === 'number' ? `No. ${digest.issueNumber}` : '',
    digest.issueDate ? formatDate(digest.issueDate) : '',
  ]
    .filter(Boolean)
    .join(' · ')

/** "Iran Interlink Weekly Digest – 261": the title, the subject line. */
export const emailSubject = (digest: EmailDigest): string =>
  digest.title.replace(/\s+/g, ' ').trim() || 'Digest'

/** The email's HTML document: a single centred column, every style inline. */
export const renderEmailHtml = (digest: EmailDigest): string => {
  const subject = emailSubject(digest)
  const meta = issueLine(digest)
  const webUrl = absoluteHttpUrl(digest.webUrl)
  const lang = /^[a-z]{2,3}$/.test(digest.language ?? '') ? digest.language : 'en'
  const sections = sectionsOf(digest.items)
    .map(
      (section) =>
        (section.heading
          ? `<h2 style="${EMAIL_STYLES.section}">${escapeHtml(section.heading)}</h2>`
          : '') +
        section.items
          .map(
            (item) =>
              `<div style="${EMAIL_STYLES.item}">${item.bodyHtml}${itemLinksHtml(item)}</div>`,
          )
          .join(''),
    )
    .join('')
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title>`,
    '</head>',
    `<body style="${EMAIL_STYLES.body}">`,
    `<table role="presentation" style="${EMAIL_STYLES.outer}"><tbody><tr><td style="${EMAIL_STYLES.cell}">`,
    `<table role="presentation" style="${EMAIL_STYLES.card}"><tbody><tr><td style="${EMAIL_STYLES.content}">`,
    digest.series?.trim()
      ? `<p style="${EMAIL_STYLES.series}">${escapeHtml(digest.series.trim())}</p>`
      : '',
    `<h1 style="${EMAIL_STYLES.title}">${escapeHtml(subject)}</h1>`,
    meta ? `<p style="${EMAIL_STYLES.meta}">${escapeHtml(meta)}</p>` : '',
    digest.introHtml ?? '',
    sections,
    '</td></tr>',
    webUrl
      ? `<tr><td style="${EMAIL_STYLES.footer}">${anchor({ url: webUrl, html: 'Read this digest on the web' })}</td></tr>`
      : '',
    '</tbody></table>',
    '</td></tr></tbody></table>',
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

/** The email's plain-text part: the same content, links written out in full. */
export const renderEmailText = (digest: EmailDigest): string => {
  const subject = emailSubject(digest)
  const lines: string[] = []
  if (digest.series?.trim()) lines.push(digest.series.trim())
  lines.push(subject, '='.repeat(Math.min(subject.length, 72)))
  const meta = issueLine(digest)
  if (meta) lines.push(meta)
  lines.push('')
  if (digest.introText?.trim()) lines.push(digest.introText.trim(), '')
  for (const section of sectionsOf(digest.items)) {
    if (section.heading) lines.push(section.heading, '-'.repeat(section.heading.length), '')
    for (const item of section.items) {
      const body = item.bodyText.trim()
      if (body) lines.push(body)
      lines.push(...itemLinksText(item), '')
    }
  }
  const webUrl = absoluteHttpUrl(digest.webUrl)
  if (webUrl) lines.push(`Read this digest on the web: ${webUrl}`, '')
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`
}

/** Subject, HTML and text of a digest's email. */
export const renderDigestEmail = (digest: EmailDigest): RenderedEmail => ({
  subject: emailSubject(digest),
  html: renderEmailHtml(digest),
  text: renderEmailText(digest),
})

/** The formats `GET /api/digests/:id/email` answers in (`?format=`), html by default. */
export const EMAIL_FORMATS = ['html', 'text', 'json', 'eml'] as const
export type EmailFormat = (typeof EMAIL_FORMATS)[number]

/** The format asked for, or the 400 message naming `format`. */
export const chooseEmailFormat = (
  values: readonly string[],
): { format: EmailFormat } | { error: string } => {
  if (values.length === 0) return { format: 'html' }
  if (values.length > 1) return { error: 'format: give it once' }
  const format = EMAIL_FORMATS.find((known) => known === values[0])
  return format
    ? { format }
    : { error: `format must be one of ${EMAIL_FORMATS.join(', ')} (got "${values[0]}")` }
}
