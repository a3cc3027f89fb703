import type { LanguageCode } from '../../lib/languages.ts'
import { quote } from './credit.ts'
import { parseCreditDate } from './dates.ts'
import { SeedParseError } from './errors.ts'
import { type LexicalEditorState, type RichTextBlock, blocksToLexical } from './lexical.ts'
import { normalizeName } from './normalize.ts'
import { type SeedLine, hashLines } from './text.ts'
import { createNotes } from './notes.ts'
import { languageOfHeading } from './language.ts'
import type { Provenance, SeedWarning, SkippedItem } from './types.ts'

/** One `++` item of a digest. */
export type DigestItem = {
  /** 1-based position in the digest. */
  index: number
  /** Paragraphs joined by a blank line (an item is normally one paragraph). */
  text: string
  paragraphs: string[]
  /** The section heading above the item (`In English`), absent before the first heading. */
  heading?: string
  /** The language its heading names (`In English` → `en`); absent when it names none. */
  headingLanguage?: LanguageCode
  /** `line` is the item's `++` line. */
  provenance: Provenance
  contentHash: string
}

export type DigestPage = {
  kind: 'digest-page'
  file: string
  title: string
  /** The issue number at the end of the title (`… – 260` → 260). */
  issue?: number
  /** The date line (normally closing the items), `YYYY-MM-DD`. */
  date: string | null
  /** Breadcrumb parts, e.g. `['Home', 'Iran Interlink Weekly Digest', '… – 260']`. */
  breadcrumb: string[]
  /** Short lines between the title and the first item (`weekly digest`). */
  tags: string[]
  /** The series the issue belongs to (`Iran Interlink Weekly Digest`), when the page says. */
  series?: string
  items: DigestItem[]
  /** Items as rich text: paragraphs, with each section heading as an `h2`. */
  richText: LexicalEditorState
  /** `line` is the title line. */
  provenance: Provenance
  skipped: SkippedItem[]
  warnings: SeedWarning[]
  contentHash: string
}

const ITEM_LINE = /^\+\+\s*(.*)$/
const BREADCRUMB = /^Home\s*»/i
const ISSUE = /[–—-]\s*(\d+)\s*$/
// A short line ending in a colon, such as `In English:`, opens a section.
const HEADING = /^([^:]{1,60}):$/
// A tag is a short label; anything with sentence punctuation is prose, not a tag.
const TAG = /^[^.!?:]{1,60}$/
// Theme widgets that follow every post on the scraped site.
const BOILERPLATE = new Set(
  ['You may also like', 'Leave a Comment', 'Related posts', 'Related', 'Share this', 'Tags'].map(
    (name) => normalizeName({ name }),
  ),
)

/**
 * The series a digest title names: the title without its issue number or date (`Iran Interlink
 * Weekly Digest – 260` and `… – October 18, 2019` → `Iran Interlink Weekly Digest`); undefined
 * when the title is nothing else.
 */
export const seriesOfTitle = ({ title }: { title: string }): string | undefined => {
  const dash = title.search(/\s[–—-]\s/)
  if (dash <= 0) return undefined
  const rest = title.slice(dash + 3)
  const isNumberOrDate = ISSUE.test(title) || /\d{4}\s*$/.test(rest)
  return isNumberOrDate ? title.slice(0, dash).trim() : undefined
}

/** True when some line starts with `++`, the digest item marker. */
export const isDigestPage = ({ lines }: { lines: SeedLine[] }): boolean =>
  lines.some((line) => ITEM_LINE.test(line.text))

/**
 * Parses a digest page: optional breadcrumb (`Home » …`), title ending in an issue number,
 * tag lines, `++` items, section headings that apply to the items after them, a closing date
 * line, and site boilerplate (skipped). A non-blank line between items that is none of these
 * continues the previous item; after the closing date it is skipped with a warning.
 */
export const parseDigestPage = ({
  file,
  lines,
}: {
  file: string
  lines: SeedLine[]
}): DigestPage => {
  const notes = createNotes({ file })
  const content = lines.filter((line) => line.text !== '')
  let position = 0
  const breadcrumb =
    content[0] && BREADCRUMB.test(content[0].text)
      ? content[position++].text.split('»').map((part) => part.trim())
      : []
  const titleLine = content[position]
  if (titleLine === undefined || ITEM_LINE.test(titleLine.text)) {
    throw new SeedParseError({
      file,
      line: titleLine?.line,
      code: 'missing-field',
      reason: 'digest page has no title line before its first "++" item',
    })
  }
  position += 1
  const issueMatch = ISSUE.exec(titleLine.text)
  if (issueMatch === null) {
    notes.warn({
      line: titleLine.line,
      message: `no issue number in title ${quote({ text: titleLine.text })}`,
    })
  }

  const tags: string[] = []
  const items: { line: SeedLine; paragraphs: SeedLine[]; heading?: string }[] = []
  let heading: string | undefined
  let date: string | null = null
  let isClosed = false
  for (const line of content.slice(position)) {
    const item = ITEM_LINE.exec(line.text)
    const lineDate = parseCreditDate({ text: line.text })
    const headingMatch = HEADING.exec(line.text)
    const isBoilerplate = BOILERPLATE.has(normalizeName({ name: line.text }))
    const last = items[items.length - 1]
    if (isBoilerplate) {
      notes.skip({ line: line.line, text: line.text, reason: 'site boilerplate' })
    } else if (isClosed) {
      notes.skip({ line: line.line, text: line.text, reason: 'text after the closing date line' })
    } else if (item) {
      items.push({ line, paragraphs: [{ line: line.line, text: item[1] }], heading })
    } else if (lineDate !== null && date === null) {
      date = lineDate
      isClosed = items.length > 0
    } else if (headingMatch) {
      heading = headingMatch[1].trim()
    } else if (last === undefined && TAG.test(line.text)) {
      tags.push(line.text)
    } else if (last === undefined) {
      notes.skip({ line: line.line, text: line.text, reason: 'prose before the first "++" item' })
    } else {
      notes.warn({ line: line.line, message: `line continues item ${items.length}` })
      last.paragraphs.push(line)
    }
  }
  if (date === null) notes.warn({ line: titleLine.line, message: 'digest has no date line' })

  const digestItems: DigestItem[] = items.map(({ line, paragraphs, heading: itemHeading }, i) => {
    const headingLanguage =
      itemHeading === undefined ? undefined : languageOfHeading({ heading: itemHeading })
    return {
      index: i + 1,
      text: paragraphs.map((p) => p.text).join('\n\n'),
      paragraphs: paragraphs.map((p) => p.text),
      ...(itemHeading === undefined ? {} : { heading: itemHeading }),
      ...(headingLanguage === undefined ? {} : { headingLanguage }),
      provenance: { file, line: line.line },
      contentHash: hashLines({ lines: [itemHeading ?? '', ...paragraphs.map((p) => p.text)] }),
    }
  })

  const blocks: RichTextBlock[] = digestItems.flatMap((item, i) => [
    ...(item.heading !== undefined && item.heading !== digestItems[i - 1]?.heading
      ? [{ type: 'heading' as const, text: item.heading }]
      : []),
    ...item.paragraphs.map((text) => ({ type: 'paragraph' as const, text })),
  ])

  // The breadcrumb's middle part names the series; else the title does.
  const crumb = breadcrumb.length >= 3 ? breadcrumb[breadcrumb.length - 2] : undefined
  const series = crumb ?? seriesOfTitle({ title: titleLine.text })

  return {
    kind: 'digest-page',
    file,
    title: titleLine.text,
    ...(issueMatch ? { issue: Number(issueMatch[1]) } : {}),
    date,
    breadcrumb,
    tags,
    ...(series ? { series } : {}),
    items: digestItems,
    richText: blocksToLexical({ blocks }),
    provenance: { file, line: titleLine.line },
    skipped: notes.skipped,
    warnings: notes.warnings,
    contentHash: hashLines({ lines: content.map((line) => line.text) }),
  }
}
