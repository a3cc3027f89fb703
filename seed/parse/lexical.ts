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

export type LexicalParagraphNode = LexicalElementBase & {
  type: 'paragraph'
  textFormat: 0
  textStyle: ''
  children: LexicalTextNode[]
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
  children: LexicalTextNode[]
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

/** One block of rich text, in document order. */
export type RichTextBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'heading'; text: string; tag?: LexicalHeadingTag }
  | { type: 'numbered-list'; items: string[] }

const ELEMENT: LexicalElementBase = { format: '', indent: 0, version: 1, direction: 'ltr' }

// Lexical keeps line breaks as separate nodes, so text nodes hold single-line text only;
// an empty text node is invalid, hence no child for blank text.
const textChildren = ({ text }: { text: string }): LexicalTextNode[] => {
  const clean = cleanText({ text })
  if (clean === '') return []
  return [
    { type: 'text', text: clean, format: 0, style: '', mode: 'normal', detail: 0, version: 1 },
  ]
}

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
      children: block.items.map((text, index) => ({
        ...ELEMENT,
        type: 'listitem',
        value: index + 1,
        children: textChildren({ text }),
      })),
    }
  }
  return {
    ...ELEMENT,
    type: 'paragraph',
    textFormat: 0,
    textStyle: '',
    children: textChildren({ text: block.text }),
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
