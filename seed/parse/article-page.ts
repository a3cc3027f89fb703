import { truncateWords } from '../../lib/digestItems.ts'
import { type Credit, type CreditLine, parseCreditLine, quote } from './credit.ts'
import { findDate } from './dates.ts'
import { isLinkableUrl, referenceAnchor, toSegments } from './links.ts'
import { SeedParseError } from './errors.ts'
import { type LexicalEditorState, type RichTextBlock, blocksToLexical } from './lexical.ts'
import { normalizeName } from './normalize.ts'
import { type SeedLine, hashLines, isUrl } from './text.ts'
import { type TitleRepeatMatch, stripTitleRepeat } from './title-repeat.ts'
import { type EntryKind, isDigestTitle } from './entry-kind.ts'
import { type Notes, createNotes } from './notes.ts'
import type { Provenance, SeedWarning, SkippedItem } from './types.ts'

/** A paragraph with the line it came from. */
export type ArticleParagraph = { text: string; line: number }

/** A numbered reference (`[1] Hussain, Murtaza, …`). */
export type ArticleReference = {
  number: number
  text: string
  /** The first URL in the reference, if any. */
  url?: string
  /** The outlet a citation names before its date (`…, The Intercept, June 9th, 2019.`). */
  outlet?: string
  /** The cited piece's date, `YYYY-MM-DD`. */
  date?: string
  /** Where `[n]` markers link to: `ref-n`. */
  anchor: string
  line: number
}

/**
 * A related excerpt card (`CREDIT, DATE:… EXCERPT` under the article) whose link text is lost:
 * the importer keeps it as a draft post titled from its first words and links it as related.
 */
export type RelatedExcerpt = {
  /** Made from the excerpt's first sentence: the card's own title is lost in the scrape. */
  title: string
  credit: Credit
  date: string | null
  excerpt: string
  /** `line` is the card's line. */
  provenance: Provenance
  contentHash: string
}

/**
 * An article quoted under "Also read" whose title and credit could be read: an extra entry the
 * importer may create as a post of its own.
 */
export type QuotedEntry = {
  kind: EntryKind
  title: string
  /** The URL line above the title (the article's address on the old site), when present. */
  url?: string
  /** The line of `url`. */
  urlLine?: number
  credit: Credit
  date: string | null
  excerpt: string
  titleRepeat: TitleRepeatMatch
  /** Paragraphs of the quoted article reproduced after its credit line (title repeats removed). */
  quotedBody: ArticleParagraph[]
  /** `line` is the quoted title line. */
  provenance: Provenance
  contentHash: string
}

export type ArticlePage = {
  kind: 'article-page'
  file: string
  title: string
  /** The credit from the first line (the site's excerpt card for this article). */
  credit: Credit
  /** The first outlet of the credit, e.g. `Nejat Society`. */
  source?: string
  date: string | null
  /** The excerpt card's text without the title repeat. */
  excerpt: string
  titleRepeat: TitleRepeatMatch
  /** From the `By NAME` line. */
  author?: string
  /** Paragraphs between the title and the byline. */
  body: ArticleParagraph[]
  references: ArticleReference[]
  /** Body paragraphs, then a `References` heading and numbered list when there are any. */
  richText: LexicalEditorState
  /** "Also read" articles whose title and credit could be recovered. */
  extraEntries: QuotedEntry[]
  /** Related excerpt cards, kept as posts with a title made from their text. */
  relatedExcerpts: RelatedExcerpt[]
  /** `line` is the title line. */
  provenance: Provenance
  skipped: SkippedItem[]
  warnings: SeedWarning[]
  contentHash: string
}

const BYLINE = /^By\s+(\p{Lu}[\p{L}.'’ -]{1,60})$/u
const REFERENCES = /^References\s*:?$/i
const REFERENCE_ITEM = /^\[(\d+)\]\s*(.+)$/
const SEPARATOR = /^\*{3,}$/
const ALSO_READ = /^Also read\s*:?$/i
const URL_IN_TEXT = /https?:\/\/[^\s)\]]+/
const CITATION = /\[(\d+)\]/g
// Sentence-ending punctuation; a short line without it reads as a link title, not prose.
const SENTENCE_END = /[.!?:;"”’)\]…]$/

const ABBREVIATION =
  /(?:^|[\s(])(?:Dr|Mr|Mrs|Ms|Prof|St|Lt|Col|Gen|Sen|Rep|No|vs|etc|[A-Z]|(?:[A-Z]\.)+[A-Z])$/

/** Longest title made from a related excerpt, in characters. */
export const MADE_TITLE_LENGTH = 90

/**
 * A title for a related excerpt whose own is lost: its first sentence, cut at a word boundary
 * to MADE_TITLE_LENGTH characters.
 */
export const titleFromExcerpt = ({ excerpt }: { excerpt: string }): string => {
  const text = excerpt.replace(/^[+\s]+/, '')
  let end = text.length
  for (const m of text.matchAll(/[.!?](?=\s+\S)/g)) {
    // `Dr. Olsi`, `the U.S. Special Representative`: abbreviations do not end a sentence.
    if (m[0] === '.' && ABBREVIATION.test(text.slice(Math.max(0, m.index - 8), m.index))) continue
    end = m.index + 1
    break
  }
  const sentence = text.slice(0, end).replace(/\.$/, '')
  return truncateWords({ text: sentence, maxLength: MADE_TITLE_LENGTH })
}

/**
 * Reads a citation such as `Hussain, Murtaza, An Iranian Activist …, The Intercept, June 9th,
 * 2019.`: the outlet is the comma-separated part right before the date. A reference that is
 * only a URL names no outlet.
 */
export const readReference = ({
  number,
  text,
  line,
}: {
  number: number
  text: string
  line: number
}): ArticleReference => {
  const url = URL_IN_TEXT.exec(text)?.[0].replace(/[.,;:]+$/, '')
  const found = findDate({ text })
  const before = found ? text.slice(0, found.index).replace(/[\s,;]+$/, '') : ''
  // A URL among the parts is where the piece is, not who published it.
  const parts = before.split(/,\s+/).filter((part) => !URL_IN_TEXT.test(part))
  const outlet = parts.length >= 2 ? parts[parts.length - 1].trim() : undefined
  const isOutlet =
    outlet !== undefined &&
    outlet.length <= 60 &&
    /^\p{Lu}/u.test(outlet) &&
    !URL_IN_TEXT.test(outlet)
  return {
    number,
    text,
    ...(url && isLinkableUrl(url) ? { url } : {}),
    ...(isOutlet ? { outlet } : {}),
    ...(found?.iso ? { date: found.iso } : {}),
    anchor: referenceAnchor(number),
    line,
  }
}

const isSectionMarker = ({ text }: { text: string }): boolean =>
  REFERENCES.test(text) || SEPARATOR.test(text) || ALSO_READ.test(text)

const looksLikeLinkTitle = ({ text }: { text: string }): boolean =>
  text.length <= 100 && !SENTENCE_END.test(text)

/** True when the first non-blank line is a credit line (`CREDIT, DATE:… EXCERPT`). */
export const isArticlePage = ({ lines }: { lines: SeedLine[] }): boolean => {
  const first = lines.find((line) => line.text !== '')
  return first !== undefined && parseCreditLine({ text: first.text }) !== null
}

const MATCH_RANK: Record<TitleRepeatMatch, number> = { exact: 3, prefix: 2, shortened: 1, none: 0 }

// Comparing only the start keeps this cheap on huge lines.
const startKey = ({ text }: { text: string }): string =>
  normalizeName({ name: text.slice(0, 300) }).slice(0, 60)

/**
 * Finds the title among the lines between the credit line and the body.
 *
 * The page opens with the site's excerpt card: a credit line whose excerpt ends with the
 * post's link text. The real title is the line that repeats that link text, right before the
 * body (in 003 "Why the MEK endeavour Trump re-election", which also closes every related
 * excerpt further down). Other short lines there, such as "Former Terrorists Praised By Former
 * US Officials", are related-post links of the kind that recur all through the page, so they
 * are not the title. Without any match, the line right before the body is used.
 */
const chooseTitle = ({
  candidates,
  excerpt,
}: {
  candidates: SeedLine[]
  excerpt: string
}): { title: SeedLine; match: TitleRepeatMatch; excerpt: string } => {
  const scored = candidates.map((line) => ({
    line,
    stripped: stripTitleRepeat({ excerpt, title: line.text }),
  }))
  const best = scored.reduce((a, b) =>
    MATCH_RANK[b.stripped.match] >= MATCH_RANK[a.stripped.match] ? b : a,
  )
  return { title: best.line, match: best.stripped.match, excerpt: best.stripped.excerpt }
}

type Block =
  | { kind: 'none' }
  | { kind: 'also-read'; url?: SeedLine; title?: SeedLine }
  | { kind: 'related' }
  | { kind: 'quoted'; entry: Omit<QuotedEntry, 'quotedBody' | 'contentHash'>; lines: SeedLine[] }

/**
 * Walks the end matter after the byline: `References:` with `[n]` items, `***` separators,
 * "Also read" blocks (URL, title, credit line, quoted article) and runs of related excerpts.
 * Every line ends up in a reference, an extra entry or a skipped item.
 */
const parseEndMatter = ({
  file,
  lines,
  articleTitle,
  notes,
}: {
  file: string
  lines: SeedLine[]
  articleTitle: string
  notes: Notes
}): {
  references: ArticleReference[]
  extraEntries: QuotedEntry[]
  relatedExcerpts: RelatedExcerpt[]
} => {
  const references: ArticleReference[] = []
  const extraEntries: QuotedEntry[] = []
  const relatedExcerpts: RelatedExcerpt[] = []
  let block: Block = { kind: 'none' }
  let isInReferences = false

  const closeBlock = (): void => {
    if (block.kind === 'quoted') {
      const { entry, lines: quoted } = block
      extraEntries.push({
        ...entry,
        quotedBody: quoted.map(({ text, line }) => ({ text, line })),
        contentHash: hashLines({
          lines: [
            entry.url ?? '',
            entry.title,
            entry.credit.raw,
            entry.excerpt,
            ...quoted.map((l) => l.text),
          ],
        }),
      })
    }
    if (block.kind === 'also-read') {
      for (const line of [block.url, block.title]) {
        if (line)
          notes.skip({
            line: line.line,
            text: line.text,
            reason: '"Also read" block without a title and credit line',
          })
      }
    }
    block = { kind: 'none' }
  }

  const addRelatedExcerpt = ({ line, parsed }: { line: SeedLine; parsed: CreditLine }): void => {
    parsed.warnings.forEach((message) => notes.warn({ line: line.line, message }))
    const stripped = stripTitleRepeat({ excerpt: parsed.excerpt, title: articleTitle })
    if (stripped.excerpt === '') {
      notes.skip({
        line: line.line,
        text: line.text,
        reason: 'related excerpt with no text of its own',
        credit: parsed.credit,
      })
      return
    }
    const title = titleFromExcerpt({ excerpt: stripped.excerpt })
    notes.warn({
      line: line.line,
      message: `related excerpt kept as a post titled from its first words, ${quote({ text: title })}: its own title is lost${stripped.match === 'none' ? '' : " (its link text is this article's title)"}`,
    })
    relatedExcerpts.push({
      title,
      credit: parsed.credit,
      date: parsed.credit.date ?? null,
      excerpt: stripped.excerpt,
      provenance: { file, line: line.line },
      contentHash: hashLines({ lines: [line.text] }),
    })
  }

  for (const line of lines) {
    const { text } = line
    if (REFERENCES.test(text)) {
      closeBlock()
      isInReferences = true
      continue
    }
    const reference = REFERENCE_ITEM.exec(text)
    if (isInReferences && reference) {
      references.push(
        readReference({ number: Number(reference[1]), text: reference[2], line: line.line }),
      )
      continue
    }
    isInReferences = false
    if (SEPARATOR.test(text)) {
      closeBlock()
      continue
    }
    if (ALSO_READ.test(text)) {
      closeBlock()
      block = { kind: 'also-read' }
      continue
    }
    if (block.kind === 'also-read' && !block.url && !block.title && isUrl({ text })) {
      block.url = line
      continue
    }
    const parsed = parseCreditLine({ text })
    if (parsed && block.kind === 'also-read' && block.title) {
      const title: SeedLine = block.title
      parsed.warnings.forEach((message) => notes.warn({ line: line.line, message }))
      const stripped = stripTitleRepeat({ excerpt: parsed.excerpt, title: title.text })
      if (stripped.match === 'none') {
        notes.warn({
          line: line.line,
          message: 'title repeat not found at the end of the excerpt; excerpt kept whole',
        })
      }
      block = {
        kind: 'quoted',
        lines: [],
        entry: {
          kind: isDigestTitle({ title: title.text }) ? 'digest' : 'post',
          title: title.text,
          ...(block.url ? { url: block.url.text, urlLine: block.url.line } : {}),
          credit: parsed.credit,
          date: parsed.credit.date ?? null,
          excerpt: stripped.excerpt,
          titleRepeat: stripped.match,
          provenance: { file, line: title.line },
        },
      }
      continue
    }
    if (parsed) {
      if (block.kind !== 'also-read' || block.url || block.title) closeBlock()
      addRelatedExcerpt({ line, parsed })
      block = { kind: 'related' }
      continue
    }
    if (block.kind === 'also-read' && !block.title) {
      block.title = line
      continue
    }
    if (block.kind === 'also-read' || block.kind === 'related') closeBlock()
    if (block.kind === 'quoted') {
      const titleKey = normalizeName({ name: block.entry.title })
      const isRepeat =
        text.length <= block.entry.title.length + 80 &&
        normalizeName({ name: text }).startsWith(titleKey)
      if (isRepeat) {
        notes.skip({ line: line.line, text, reason: 'repeat of the quoted title' })
      } else {
        block.lines.push(line)
      }
      continue
    }
    if (normalizeName({ name: text }) === normalizeName({ name: articleTitle })) {
      notes.skip({ line: line.line, text, reason: 'repeat of the article title' })
    } else {
      notes.skip({
        line: line.line,
        text,
        reason: 'standalone related-post link or caption (no credit line)',
      })
    }
  }
  closeBlock()
  return { references, extraEntries, relatedExcerpts }
}

/**
 * Parses an article page: a credit line with excerpt, related-post link lines, the title,
 * the body, a `By NAME` byline, then end matter (see the end-matter walker). The body is the
 * paragraphs between the title and the byline; a short unpunctuated line inside it is kept
 * but warned about, since it is usually an inline related-post link.
 */
export const parseArticlePage = ({
  file,
  lines,
}: {
  file: string
  lines: SeedLine[]
}): ArticlePage => {
  const notes = createNotes({ file })
  const content = lines.filter((line) => line.text !== '')
  const head = content[0]
  const card = head ? parseCreditLine({ text: head.text }) : null
  if (head === undefined || card === null) {
    throw new SeedParseError({
      file,
      line: head?.line,
      code: 'unrecognised',
      reason: 'expected a "CREDIT, DATE:… EXCERPT" line',
    })
  }
  card.warnings.forEach((message) => notes.warn({ line: head.line, message }))

  const excerptKey = startKey({ text: card.excerpt })
  let bodyStart = content.findIndex(
    (line, i) =>
      i > 0 && excerptKey.length >= 20 && startKey({ text: line.text }).startsWith(excerptKey),
  )
  if (bodyStart < 0) {
    bodyStart = content.findIndex((line, i) => i > 1 && !looksLikeLinkTitle({ text: line.text }))
    if (bodyStart > 0) {
      notes.warn({
        line: content[bodyStart].line,
        message: 'body does not start with the excerpt; assumed to start at the first prose line',
      })
    }
  }
  if (bodyStart <= 1) {
    throw new SeedParseError({
      file,
      line: content[1]?.line ?? head.line,
      code: 'missing-field',
      reason: 'article has no title line between its credit line and its body',
    })
  }

  const chosen = chooseTitle({ candidates: content.slice(1, bodyStart), excerpt: card.excerpt })
  const title = chosen.title
  if (chosen.match === 'none') {
    notes.warn({
      line: title.line,
      message:
        'no line repeats the excerpt link text; the line before the body is used as the title',
    })
  }
  for (const line of content.slice(1, bodyStart)) {
    if (line === title) continue
    notes.skip({
      line: line.line,
      text: line.text,
      reason: 'line before the article title: a related-post link, not the title',
    })
  }

  const sectionStart = content.findIndex(
    (line, i) => i >= bodyStart && isSectionMarker({ text: line.text }),
  )
  const bodyLimit = sectionStart < 0 ? content.length : sectionStart
  const bylineIndex = content.findIndex(
    (line, i) => i >= bodyStart && i < bodyLimit && BYLINE.test(line.text),
  )
  const bodyEnd = bylineIndex < 0 ? bodyLimit : bylineIndex
  const byline = bylineIndex < 0 ? undefined : content[bylineIndex]
  const author = byline ? BYLINE.exec(byline.text)?.[1].trim().replace(/[.,]$/, '') : undefined
  if (byline === undefined) {
    notes.warn({
      line: content[bodyEnd - 1].line,
      message: 'no "By NAME" byline; author left empty',
    })
  }

  const body = content.slice(bodyStart, bodyEnd).map(({ text, line }) => ({ text, line }))
  for (const paragraph of body) {
    if (looksLikeLinkTitle({ text: paragraph.text })) {
      notes.warn({
        line: paragraph.line,
        message: `${quote({ text: paragraph.text })} looks like an inline related-post link; kept in the body`,
      })
    }
  }
  const between = bylineIndex < 0 ? [] : content.slice(bylineIndex + 1, bodyLimit)
  for (const line of between) {
    notes.skip({
      line: line.line,
      text: line.text,
      reason: 'text between the byline and the end matter',
    })
  }

  const { references, extraEntries, relatedExcerpts } = parseEndMatter({
    file,
    lines: content.slice(bodyLimit),
    articleTitle: title.text,
    notes,
  })
  const referenced = new Set(references.map((reference) => reference.number))
  for (const paragraph of body) {
    for (const citation of paragraph.text.matchAll(CITATION)) {
      if (!referenced.has(Number(citation[1]))) {
        notes.warn({
          line: paragraph.line,
          message: `citation [${citation[1]}] has no matching reference`,
        })
      }
    }
  }

  // `[n]` markers link to `#ref-n`; the nth item of the References list is reference n, and
  // a reference that gives a URL links to it.
  const blocks: RichTextBlock[] = [
    ...body.map(({ text }) => ({
      type: 'paragraph' as const,
      text,
      segments: toSegments({ text, citations: referenced }),
    })),
    ...(references.length > 0
      ? [
          { type: 'heading' as const, text: 'References' },
          {
            type: 'numbered-list' as const,
            items: references.map((reference) => reference.text),
            segments: references.map((reference) => toSegments({ text: reference.text })),
          },
        ]
      : []),
  ]
  const date = card.credit.date ?? null
  if (date === null) notes.warn({ line: head.line, message: 'article has no readable date' })
  const source = card.credit.outlets[0]

  return {
    kind: 'article-page',
    file,
    title: title.text,
    credit: card.credit,
    ...(source ? { source } : {}),
    date,
    excerpt: chosen.excerpt,
    titleRepeat: chosen.match,
    ...(author ? { author } : {}),
    body,
    references,
    richText: blocksToLexical({ blocks }),
    extraEntries,
    relatedExcerpts,
    provenance: { file, line: title.line },
    skipped: notes.skipped,
    warnings: notes.warnings,
    contentHash: hashLines({
      lines: [
        head.text,
        title.text,
        ...body.map((paragraph) => paragraph.text),
        byline?.text ?? '',
        ...references.map((reference) => reference.text),
      ],
    }),
  }
}
