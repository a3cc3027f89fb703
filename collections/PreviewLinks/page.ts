import type { DefaultNodeTypes, SerializedTextNode } from '@payloadcms/richtext-lexical'
import {
  convertLexicalToHTML,
  TextHTMLConverter,
  type HTMLConverter,
  type HTMLConvertersFunction,
} from '@payloadcms/richtext-lexical/html'
import { convertLexicalToPlaintext } from '@payloadcms/richtext-lexical/plaintext'

import { formatDate, formatDateTime, timeZoneName } from '../../lib/dates.ts'
import { safeHref, splitUrls } from '../../lib/previewLinks.ts'
import { escapeHtml } from '../../lib/values.ts'
import { slugs } from '../slugs.ts'

/**
 * The page a preview link opens in a browser: the post or digest as a reader would see it, under
 * a banner saying it is a draft and when the link expires. One self-contained HTML document (no
 * scripts, fonts or style sheets from elsewhere); every value from the document is escaped, and
 * links go only to http, https and mailto addresses.
 */

type Related = { id?: unknown; name?: unknown; title?: unknown; website?: unknown }
type RichText = { root?: { children?: unknown } }
type DigestItem = { heading?: unknown; body?: unknown; post?: unknown; source?: unknown }

/** What the page reads of a post or digest (populated at depth 1), field by field. */
type PreviewedDoc = {
  title?: unknown
  author?: unknown
  sources?: unknown
  credit?: unknown
  creditedWriter?: unknown
  sourcePublishedAt?: unknown
  postedAt?: unknown
  issueNumber?: unknown
  issueDate?: unknown
  excerpt?: unknown
  content?: unknown
  intro?: unknown
  items?: unknown
  relatedPosts?: unknown
  updatedAt?: unknown
}

const textOf = (value: unknown): string =>
  typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : ''

/** A populated relationship, or undefined for a bare id (not readable at this depth). */
const populated = (value: unknown): Related | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? value : undefined

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])

/** `<a>` to a safe URL, or the bare (escaped) text when the URL may not be linked. */
const linkOrText = ({ url, html }: { url: unknown; html: string }): string => {
  const href = safeHref(url)
  return href ? `<a href="${escapeHtml(href)}">${html}</a>` : html
}

const time = ({ value, withTime }: { value: unknown; withTime: boolean }): string => {
  if (typeof value !== 'string' && typeof value !== 'number') return ''
  const shown = withTime
    ? `${formatDateTime(value)} ${timeZoneName(new Date(value))}`
    : formatDate(value)
  if (shown.trim() === '') return ''
  return `<time datetime="${escapeHtml(new Date(value).toISOString())}">${escapeHtml(shown)}</time>`
}

const formatText = TextHTMLConverter.text as HTMLConverter<SerializedTextNode>

/**
 * Payload's Lexical-to-HTML converters, with three changes for a page anyone may open: links
 * only to http, https and mailto (Payload's own also allow `tel:` and relative paths), internal
 * links and relationships shown as text (their targets may be drafts the link does not open),
 * web addresses in plain text made links, and content the page cannot show marked rather than
 * dropped.
 */
const previewConverters: HTMLConvertersFunction<DefaultNodeTypes> = ({ defaultConverters }) => ({
  ...defaultConverters,
  text: (args) => {
    const render = (text: string) =>
      typeof formatText === 'function' ? formatText({ ...args, node: { ...args.node, text } }) : ''
    if (args.parent.type === 'link' || args.parent.type === 'autolink') {
      return render(args.node.text)
    }
    return splitUrls(args.node.text)
      .map((part) =>
        part.url ? linkOrText({ url: part.url, html: render(part.text) }) : render(part.text),
      )
      .join('')
  },
  link: ({ node, nodesToHTML }) => {
    const html = nodesToHTML({ nodes: node.children }).join('')
    return node.fields.linkType === 'internal' ? html : linkOrText({ url: node.fields.url, html })
  },
  autolink: ({ node, nodesToHTML }) =>
    linkOrText({ url: node.fields.url, html: nodesToHTML({ nodes: node.children }).join('') }),
  relationship: ({ node }) => {
    const target = populated(node.value)
    const label = textOf(target?.title) || textOf(target?.name)
    return label ? `<p class="relationship">${escapeHtml(label)}</p>` : ''
  },
  unknown: ({ node }) =>
    `<p class="unsupported">[${escapeHtml(node.type)}: not shown in this preview]</p>`,
})

type EditorState = Parameters<typeof convertLexicalToHTML>[0]['data']

const editorState = (value: unknown): EditorState | undefined => {
  const state = value as RichText | null | undefined
  return state && typeof state === 'object' && Array.isArray(state.root?.children)
    ? (state as EditorState)
    : undefined
}

const richText = (value: unknown): string => {
  const data = editorState(value)
  if (!data) return ''
  return convertLexicalToHTML({ data, converters: previewConverters, disableContainer: true })
}

const comparable = (text: string) =>
  text
    .replace(/(…|\.\.\.)\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim()

/**
 * True when the body opens with the excerpt, as imported posts do (their excerpt is the first
 * paragraph): a reader would not see it twice, so the page shows it once.
 */
const bodyOpensWith = ({ body, excerpt }: { body: unknown; excerpt: string }): boolean => {
  const data = editorState(body)
  const start = comparable(excerpt)
  return (
    data !== undefined &&
    start !== '' &&
    comparable(convertLexicalToPlaintext({ data })).startsWith(start)
  )
}

const facts = (rows: [label: string, html: string][]): string => {
  const shown = rows.filter(([, html]) => html !== '')
  if (shown.length === 0) return ''
  return `<dl class="facts">${shown
    .map(([label, html]) => `<div><dt>${escapeHtml(label)}</dt><dd>${html}</dd></div>`)
    .join('')}</dl>`
}

const sourceLink = (value: unknown): string => {
  const source = populated(value)
  const name = textOf(source?.name)
  return name ? linkOrText({ url: source?.website, html: escapeHtml(name) }) : ''
}

const citedSources = (values: unknown[]): string => {
  const links = values.map(sourceLink).filter(Boolean)
  if (links.length === 0) return ''
  return `<section class="sources" aria-labelledby="cited-sources"><h2 id="cited-sources">Cited sources</h2><ul>${links
    .map((link) => `<li>${link}</li>`)
    .join('')}</ul></section>`
}

const digestItems = (values: unknown[]): string => {
  let heading = ''
  const parts: string[] = []
  for (const value of values) {
    const item = (populated(value) ?? {}) as DigestItem
    const itemHeading = textOf(item.heading)
    if (itemHeading && itemHeading !== heading) {
      parts.push(`<h2 class="section">${escapeHtml(itemHeading)}</h2>`)
      heading = itemHeading
    }
    const post = textOf(populated(item.post)?.title)
    const meta = [
      sourceLink(item.source) ? `Source: ${sourceLink(item.source)}` : '',
      post ? `Post: ${escapeHtml(post)}` : '',
    ].filter(Boolean)
    parts.push(
      `<div class="item">${richText(item.body)}${meta.length ? `<p class="item-meta">${meta.join(' · ')}</p>` : ''}</div>`,
    )
  }
  return parts.length ? `<div class="items">${parts.join('')}</div>` : ''
}

const relatedPosts = (values: unknown[]): string => {
  const titles = values.map((value) => textOf(populated(value)?.title)).filter(Boolean)
  if (titles.length === 0) return ''
  return `<section class="related" aria-labelledby="related-posts"><h2 id="related-posts">Related posts</h2><ul>${titles
    .map((title) => `<li>${escapeHtml(title)}</li>`)
    .join('')}</ul></section>`
}

const STYLE = `
:root{color-scheme:light dark;--text:#1c1d1f;--muted:#55585e;--bg:#fdfdfc;--rule:#dcdcd8;
--link:#0a55ad;--banner-bg:#fff1c2;--banner-text:#4a3300;--banner-rule:#e0bb4a}
@media (prefers-color-scheme:dark){:root{--text:#e9e9eb;--muted:#b0b3ba;--bg:#16171a;
--rule:#3a3c42;--link:#9cc3ff;--banner-bg:#3b2f07;--banner-text:#ffe9a8;--banner-rule:#6b5413}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--text);
font:1.125rem/1.65 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.banner{margin:0;padding:.7rem 1rem;background:var(--banner-bg);color:var(--banner-text);
border-bottom:1px solid var(--banner-rule);font-size:.95rem;line-height:1.4;text-align:center}
.banner strong{font-weight:650}
.banner time{white-space:nowrap}
main{max-width:70ch;margin:0 auto;padding:2.25rem 1.25rem 3rem}
.kicker{margin:0 0 .5rem;color:var(--muted);font-size:.8rem;font-weight:600;letter-spacing:.08em;
text-transform:uppercase}
h1{margin:0 0 .75rem;font-size:clamp(1.75rem,4.5vw,2.5rem);line-height:1.2;letter-spacing:-.01em;
overflow-wrap:break-word}
h2{margin:2.25rem 0 .75rem;font-size:1.35rem;line-height:1.3}
h3,h4,h5,h6{margin:1.75rem 0 .5rem;font-size:1.1rem;line-height:1.35}
.byline{margin:0 0 1rem;font-size:1.05rem;font-weight:600}
.facts{margin:0 0 1.5rem;padding:0;color:var(--muted);font-size:.9rem;line-height:1.5}
.facts div{display:flex;flex-wrap:wrap;gap:0 .4rem}
.facts dt{font-weight:600}
.facts dt::after{content:":"}
.facts dd{margin:0}
.lede{margin:0 0 1.5rem;padding-bottom:1.5rem;border-bottom:1px solid var(--rule);font-size:1.2rem;
line-height:1.55}
p,ul,ol,blockquote{margin:0 0 1.1rem}
ul,ol{padding-left:1.5rem}
li{margin:.3rem 0}
a{color:var(--link);text-decoration-thickness:1px;text-underline-offset:.15em;overflow-wrap:anywhere}
a:hover{text-decoration-thickness:2px}
blockquote{margin-left:0;padding-left:1rem;border-left:3px solid var(--rule);color:var(--muted)}
img,picture{max-width:100%;height:auto}
table{border-collapse:collapse;display:block;max-width:100%;overflow-x:auto}
td,th{border:1px solid var(--rule);padding:.3rem .5rem}
hr{border:0;border-top:1px solid var(--rule);margin:2rem 0}
code{font-size:.92em}
.item{padding:.25rem 0 .5rem;border-bottom:1px solid var(--rule);margin-bottom:1.25rem}
.item:last-child{border-bottom:0}
.item-meta{color:var(--muted);font-size:.9rem}
.relationship,.unsupported{color:var(--muted);font-style:italic}
.sources,.related{margin-top:2.5rem;padding-top:.5rem;border-top:1px solid var(--rule)}
.sources h2,.related h2{margin-top:1rem;font-size:1.1rem}
.notice{max-width:60ch;margin:0 auto;padding:4rem 1.25rem}
footer{max-width:70ch;margin:0 auto;padding:0 1.25rem 2.5rem;color:var(--muted)}
footer p{margin:0;padding-top:1rem;border-top:1px solid var(--rule);font-size:.85rem}
@media (max-width:480px){body{font-size:1.0625rem}main{padding:1.5rem 1rem 2.5rem}
footer{padding:0 1rem 2rem}
.banner{text-align:left}}
`

/** A complete HTML document: no scripts, one inline style sheet, never indexed. */
const htmlDocument = ({ title, body }: { title: string; body: string }): string =>
  `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`

/** The page for a valid link: the post or digest under a "Draft preview" banner. */
export const renderPreviewPage = ({
  collection,
  doc,
  expiresAt,
}: {
  collection: typeof slugs.posts | typeof slugs.digests
  doc: PreviewedDoc
  expiresAt: string
}): string => {
  const title = textOf(doc.title) || 'Untitled'
  const author = textOf(populated(doc.author)?.name)
  const isDigest = collection === slugs.digests
  const issue = textOf(doc.issueNumber)
  const kicker = isDigest ? `Digest${issue ? ` · Issue ${escapeHtml(issue)}` : ''}` : 'Post'
  const bodyField = isDigest ? doc.intro : doc.content
  const excerpt = bodyOpensWith({ body: bodyField, excerpt: textOf(doc.excerpt) })
    ? ''
    : textOf(doc.excerpt)
  const details = isDigest
    ? facts([
        ['Issue date', time({ value: doc.issueDate, withTime: false })],
        ['Credit', escapeHtml(textOf(doc.credit))],
        ['Posted here', time({ value: doc.postedAt, withTime: false })],
        ['Last saved', time({ value: doc.updatedAt, withTime: true })],
      ])
    : facts([
        ['Credit', escapeHtml(textOf(doc.credit))],
        ['Written by', escapeHtml(textOf(doc.creditedWriter))],
        ['Published by the source', time({ value: doc.sourcePublishedAt, withTime: false })],
        ['Posted here', time({ value: doc.postedAt, withTime: false })],
        ['Last saved', time({ value: doc.updatedAt, withTime: true })],
      ])
  const body = isDigest
    ? `${richText(bodyField)}${digestItems(listOf(doc.items))}${relatedPosts(listOf(doc.relatedPosts))}`
    : richText(bodyField)
  const expires = time({ value: expiresAt, withTime: true })
  return htmlDocument({
    title: `${title} · Draft preview`,
    body: `<header>
<p class="banner" role="note"><strong>Draft preview</strong> — expires ${expires}</p>
</header>
<main>
<article>
<p class="kicker">${kicker}</p>
<h1>${escapeHtml(title)}</h1>
${author ? `<p class="byline">By ${escapeHtml(author)}</p>` : ''}
${details}
${excerpt ? `<p class="lede">${escapeHtml(excerpt)}</p>` : ''}
<div class="body">${body}</div>
${citedSources(listOf(doc.sources))}
</article>
</main>
<footer>
<p>A preview of the last saved version, not yet what readers see. Anyone holding this link can read it until ${expires}. Search engines do not index it.</p>
</footer>`,
  })
}

/** The page for a link that is unknown, expired, revoked, or whose document is gone. */
export const renderInvalidLinkPage = (): string =>
  htmlDocument({
    title: 'Preview link not valid',
    body: `<main class="notice">
<h1>This preview link is not valid</h1>
<p>It may have expired or been revoked, or the document may have been deleted. Ask whoever sent it to you for a new link.</p>
</main>`,
  })

/** The page for a preview request with a bad parameter; `message` names it. */
export const renderBadRequestPage = ({ message }: { message: string }): string =>
  htmlDocument({
    title: 'Bad preview request',
    body: `<main class="notice">
<h1>This preview address is not right</h1>
<p>${escapeHtml(message)}. Open the link as it was sent, without changing it.</p>
</main>`,
  })
