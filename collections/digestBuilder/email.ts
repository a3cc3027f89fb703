import type {
  DefaultNodeTypes,
  SerializedLinkNode,
  SerializedTextNode,
} from '@payloadcms/richtext-lexical'
import {
  convertLexicalToHTML,
  TextHTMLConverter,
  type HTMLConverter,
  type HTMLConvertersFunction,
} from '@payloadcms/richtext-lexical/html'
import {
  convertLexicalToPlaintext,
  type PlaintextConverters,
} from '@payloadcms/richtext-lexical/plaintext'
import MailComposer from 'nodemailer/lib/mail-composer/index.js'

import {
  absoluteHttpUrl,
  EMAIL_STYLES,
  renderDigestEmail,
  type EmailDigest,
  type EmailItem,
  type RenderedEmail,
} from '../../lib/digestEmail.ts'
import { absoluteUrl, documentPath, hasPublicPage } from '../../lib/publicPaths.ts'
import { escapeHtml } from '../../lib/values.ts'

/**
 * A digest (read at depth 1: items' posts and sources populated where the reader may see them)
 * as an email: Payload's Lexical converters write the rich text, with inline styles and only
 * absolute links; lib/digestEmail.ts lays it out. Links to posts go to the public site
 * (PUBLIC_SITE_URL, lib/publicPaths.ts), and only to posts that are published.
 */

type Populated = {
  id?: unknown
  title?: unknown
  name?: unknown
  slug?: unknown
  website?: unknown
  _status?: unknown
}

/** What the email reads of a digest. */
export type EmailedDigest = {
  id: number | string
  title?: string | null
  slug?: string | null
  issueNumber?: number | null
  issueDate?: string | null
  series?: string | null
  language?: string | null
  intro?: unknown
  _status?: string | null
  items?:
    | {
        heading?: string | null
        body?: unknown
        post?: unknown
        source?: unknown
      }[]
    | null
}

const populated = (value: unknown): Populated | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? value : undefined

const textOf = (value: unknown): string => (typeof value === 'string' ? value.trim() : '')

/** The public page of a populated, published document of a collection that has pages. */
const publicPageUrl = ({
  siteUrl,
  collection,
  doc,
}: {
  siteUrl: string
  collection: string
  doc: Populated | undefined
}): string | undefined => {
  if (!doc || doc._status !== 'published' || !hasPublicPage(collection)) return undefined
  const id = typeof doc.id === 'number' || typeof doc.id === 'string' ? doc.id : undefined
  return absoluteUrl({
    base: siteUrl,
    path: documentPath({ collection, slug: textOf(doc.slug) || null, id }),
  })
}

const formatText = TextHTMLConverter.text as HTMLConverter<SerializedTextNode>

const styled = (tag: string, style: string, html: string) =>
  `<${tag} style="${style}">${html}</${tag}>`

/** Where a Lexical link points, absolute, or undefined when it may not be linked. */
const linkTarget = ({
  node,
  siteUrl,
}: {
  node: SerializedLinkNode
  siteUrl: string
}): string | undefined => {
  if (node.fields.linkType === 'internal') {
    const target = node.fields.doc
    return publicPageUrl({
      siteUrl,
      collection: target?.relationTo ?? '',
      doc: populated(target?.value),
    })
  }
  return absoluteHttpUrl(node.fields.url)
}

/**
 * Payload's Lexical-to-HTML converters for an email: every block styled inline, no classes,
 * links only to absolute http(s) addresses (internal links to the public page of a published
 * document, as text otherwise), uploads and blocks the email cannot show left out.
 */
const emailConverters =
  (siteUrl: string): HTMLConvertersFunction<DefaultNodeTypes> =>
  ({ defaultConverters }) => ({
    ...defaultConverters,
    text: (args) => (typeof formatText === 'function' ? formatText(args) : ''),
    paragraph: ({ node, nodesToHTML }) => {
      const html = nodesToHTML({ nodes: node.children }).join('')
      // dir="auto": a Persian or Arabic paragraph reads right to left in an English email.
      return html ? `<p dir="auto" style="margin:0 0 12px;">${html}</p>` : ''
    },
    heading: ({ node, nodesToHTML }) =>
      styled(
        'h3',
        'margin:16px 0 8px;font-size:17px;line-height:1.3;',
        nodesToHTML({ nodes: node.children }).join(''),
      ),
    quote: ({ node, nodesToHTML }) =>
      styled(
        'blockquote',
        'margin:0 0 12px;padding:0 0 0 12px;border-left:3px solid #d4d4d8;color:#3f3f46;',
        nodesToHTML({ nodes: node.children }).join(''),
      ),
    list: ({ node, nodesToHTML }) =>
      styled(
        node.tag === 'ol' ? 'ol' : 'ul',
        'margin:0 0 12px;padding:0 0 0 24px;',
        nodesToHTML({ nodes: node.children }).join(''),
      ),
    listitem: ({ node, nodesToHTML }) =>
      styled('li', 'margin:0 0 4px;', nodesToHTML({ nodes: node.children }).join('')),
    linebreak: '<br>',
    horizontalrule: '<hr style="border:0;border-top:1px solid #e4e4e7;margin:16px 0;">',
    link: ({ node, nodesToHTML }) => {
      const html = nodesToHTML({ nodes: node.children }).join('')
      const url = linkTarget({ node, siteUrl })
      return url ? `<a href="${escapeHtml(url)}" style="${EMAIL_STYLES.link}">${html}</a>` : html
    },
    autolink: ({ node, nodesToHTML }) => {
      const html = nodesToHTML({ nodes: node.children }).join('')
      const url = absoluteHttpUrl(node.fields.url)
      return url ? `<a href="${escapeHtml(url)}" style="${EMAIL_STYLES.link}">${html}</a>` : html
    },
    relationship: ({ node }) => {
      const target = populated(node.value)
      const label = textOf(target?.title) || textOf(target?.name)
      const url = publicPageUrl({ siteUrl, collection: node.relationTo, doc: target })
      if (!label) return ''
      const html = escapeHtml(label)
      return styled(
        'p',
        'margin:0 0 12px;',
        url ? `<a href="${escapeHtml(url)}" style="${EMAIL_STYLES.link}">${html}</a>` : html,
      )
    },
    upload: '',
    block: '',
    inlineBlock: '',
    tab: ' ',
    unknown: '',
  })

/** Plain text of the rich text, each link followed by its address. */
const plaintextConverters = (siteUrl: string): PlaintextConverters => ({
  link: ({ node, nodesToPlaintext }) => {
    const text = nodesToPlaintext({ nodes: node.children }).join('')
    const url = linkTarget({ node: node, siteUrl })
    return url && url !== text ? `${text} <${url}>` : text
  },
})

type EditorState = Parameters<typeof convertLexicalToHTML>[0]['data']

const editorState = (value: unknown): EditorState | undefined => {
  const state = value as { root?: { children?: unknown } } | null | undefined
  return state && typeof state === 'object' && Array.isArray(state.root?.children)
    ? (state as EditorState)
    : undefined
}

const richTextHtml = ({ value, siteUrl }: { value: unknown; siteUrl: string }): string => {
  const data = editorState(value)
  return data
    ? convertLexicalToHTML({ data, converters: emailConverters(siteUrl), disableContainer: true })
    : ''
}

const richTextPlain = ({ value, siteUrl }: { value: unknown; siteUrl: string }): string => {
  const data = editorState(value)
  return data ? convertLexicalToPlaintext({ data, converters: plaintextConverters(siteUrl) }) : ''
}

/** The plain data lib/digestEmail.ts renders, from a digest read at depth 1. */
export const emailDataOf = ({
  doc,
  siteUrl,
}: {
  doc: EmailedDigest
  siteUrl: string
}): EmailDigest => ({
  title: textOf(doc.title),
  issueNumber: doc.issueNumber ?? null,
  issueDate: doc.issueDate ?? null,
  series: doc.series ?? null,
  language: doc.language ?? null,
  introHtml: richTextHtml({ value: doc.intro, siteUrl }),
  introText: richTextPlain({ value: doc.intro, siteUrl }),
  webUrl: publicPageUrl({
    siteUrl,
    collection: 'digests',
    doc: { id: doc.id, slug: doc.slug, _status: doc._status },
  }),
  items: (doc.items ?? []).map((item): EmailItem => {
    const post = populated(item.post)
    const source = populated(item.source)
    const postUrl = publicPageUrl({ siteUrl, collection: 'posts', doc: post })
    return {
      heading: item.heading ?? null,
      bodyHtml: richTextHtml({ value: item.body, siteUrl }),
      bodyText: richTextPlain({ value: item.body, siteUrl }),
      post: postUrl ? { label: textOf(post?.title), url: postUrl } : null,
      source: textOf(source?.name)
        ? { name: textOf(source?.name), url: absoluteHttpUrl(source?.website) ?? null }
        : null,
    }
  }),
})

/** Subject, HTML and text of a digest read at depth 1. */
export const digestEmail = ({
  doc,
  siteUrl,
}: {
  doc: EmailedDigest
  siteUrl: string
}): RenderedEmail => renderDigestEmail(emailDataOf({ doc, siteUrl }))

/** The email as a message file (`.eml`): multipart/alternative, text first, then HTML. */
export const emlMessage = async ({
  email,
  from,
}: {
  email: RenderedEmail
  from: { name: string; address: string }
}): Promise<Buffer> =>
  new MailComposer({
    from,
    subject: email.subject,
    text: email.text,
    html: email.html,
  })
    .compile()
    .build()
