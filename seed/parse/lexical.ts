import { cleanText } from './text.ts'

/** A Lexical text node as Payload stores it (plain, unformatted text). */
export type LexicalTextNode = {
  type: 'text'
  text: string
  format: 0
  style: ''
  mode: 'normal'
  detail: 0
  version: 1
}

type LexicalElementBase = {
  format: ''
  indent: 0
  version: 1
  direction: 'ltr'
}

/**
 * A Lexical link as Payload's link feature stores it: a custom URL (absolute, or an anchor such
 * as `#ref-1` for a citation marker), opened in the same tab.
 */
export type LexicalLinkNode = Omit<LexicalElementBase, 'version'> & {
  type: 'link'
  version: 3
  fields: { linkType: 'custom'; url: string; newTab: false }
  children: LexicalTextNode[]
}

/** What a paragraph or list item holds: plain text and links. */
export type LexicalInlineNode = LexicalTextNode | LexicalLinkNode

export type LexicalParagraphNode = LexicalElementBase & {
  type: 'paragraph'
  textFormat: 0
  textStyle: ''
  children: LexicalInlineNode[]
}

export type LexicalHeadingTag = 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6'

export type LexicalHeadingNode = LexicalElementBase & {
  type: 'heading'
  tag: LexicalHeadingTag
  children: LexicalTextNode[]
}

export type LexicalListItemNode = LexicalElementBase & {
  type: 'listitem'
  /** 1-based position; Lexical renumbers from it. */
  value: number
  children: LexicalInlineNode[]
}

export type LexicalListNode = LexicalElementBase & {
  type: 'list'
  listType: 'number'
  tag: 'ol'
  start: 1
  children: LexicalListItemNode[]
}

export type LexicalBlockNode = LexicalParagraphNode | LexicalHeadingNode | LexicalListNode

/** A serialised Lexical editor state, the value of a Payload `richText` field. */
export type LexicalEditorState = {
  root: LexicalElementBase & { type: 'root'; children: LexicalBlockNode[] }
}

/** A run of inline text; with `url`, a link. */
export type InlineSegment = { text: string; url?: string }

/** One block of rich text, in document order. */
export type RichTextBlock =
  | { type: 'paragraph'; text: string; segments?: InlineSegment[] }
  | { type: 'heading'; text: string; tag?: LexicalHeadingTag }
  | { type: 'numbered-list'; items: string[]; segments?: InlineSegment[][] }

const ELEMENT: LexicalElementBase = { format: '', indent: 0, version: 1, direction: 'ltr' }
const TEXT = {
  type: 'text',
  format: 0,
  style: '',
  mode: 'normal',
  detail: 0,
  version: 1,
} as const

// Lexical keeps line breaks as separate nodes, so text nodes hold single-line text only;
// an empty text node is invalid, hence no child for blank text.
const textChildren = ({ text }: { text: string }): LexicalTextNode[] => {
  const clean = cleanText({ text })
  if (clean === '') return []
  return [
    { type: 'text', text: clean, format: 0, style: '', mode: 'normal', detail: 0, version: 1 },
  ]
}

// Inside a line, runs keep their spaces (a link's neighbours need them); only line breaks and
// runs of white space are collapsed.
const inlineChildren = ({ segments }: { segments: InlineSegment[] }): LexicalInlineNode[] =>
  segments.flatMap((segment, index): LexicalInlineNode[] => {
    let text = segment.text.replace(/[\s\u00a0\u2007\u202f]+/g, ' ')
    if (index === 0) text = text.trimStart()
    if (index === segments.length - 1) text = text.trimEnd()
    if (text === '') return []
    const node: LexicalTextNode = { ...TEXT, text }
    if (segment.url === undefined) return [node]
    return [
      {
        ...ELEMENT,
        type: 'link',
        version: 3,
        fields: { linkType: 'custom', url: segment.url, newTab: false },
        children: [node],
      },
    ]
  })

const toNode = ({ block }: { block: RichTextBlock }): LexicalBlockNode => {
  if (block.type === 'heading') {
    return {
      ...ELEMENT,
      type: 'heading',
      tag: block.tag ?? 'h2',
      children: textChildren({ text: block.text }),
    }
  }
  if (block.type === 'numbered-list') {
    return {
      ...ELEMENT,
      type: 'list',
      listType: 'number',
      tag: 'ol',
      start: 1,
      children: block.items.map((text, index) => {
        const segments = block.segments?.[index]
        return {
          ...ELEMENT,
          type: 'listitem',
          value: index + 1,
          children: segments ? inlineChildren({ segments }) : textChildren({ text }),
        }
      }),
    }
  }
  return {
    ...ELEMENT,
    type: 'paragraph',
    textFormat: 0,
    textStyle: '',
    children: block.segments
      ? inlineChildren({ segments: block.segments })
      : textChildren({ text: block.text }),
  }
}

/** Builds a Lexical editor state from blocks in any order (headings, paragraphs, lists). */
export const blocksToLexical = ({ blocks }: { blocks: RichTextBlock[] }): LexicalEditorState => ({
  root: { ...ELEMENT, type: 'root', children: blocks.map((block) => toNode({ block })) },
})

/** Options for {@link toLexical}; parts are rendered heading, paragraphs, then list. */
export type ToLexicalOptions = {
  /** Paragraph texts; a blank one becomes a paragraph with no children. */
  paragraphs: string[]
  /** Optional heading rendered before the paragraphs (an `h2` unless `tag` says otherwise). */
  heading?: { text: string; tag?: LexicalHeadingTag }
  /** Optional numbered list rendered after the paragraphs, e.g. an article's references. */
  numberedList?: string[]
}

/**
 * Builds a Payload Lexical editor state: an optional heading, one paragraph per text, and an
 * optional numbered list.
 */
export const toLexical = ({
  paragraphs,
  heading,
  numberedList,
}: ToLexicalOptions): LexicalEditorState =>
  blocksToLexical({
    blocks: [
      ...(heading ? [{ type: 'heading' as const, ...heading }] : []),
      ...paragraphs.map((text) => ({ type: 'paragraph' as const, text })),
      ...(numberedList && numberedList.length > 0
        ? [{ type: 'numbered-list' as const, items: numberedList }]
        : []),
    ],
  })
