import { type ArticlePage, isArticlePage, parseArticlePage } from './article-page.ts'
import { type AuthorPage, isAuthorPage, parseAuthorPage } from './author-page.ts'
import { assertReadableText } from './decode.ts'
import { type DigestPage, isDigestPage, parseDigestPage } from './digest-page.ts'
import { SeedParseError } from './errors.ts'
import { type SeedLine, normalizeInput, toLines } from './text.ts'

export type {
  ArticlePage,
  ArticleParagraph,
  ArticleReference,
  QuotedEntry,
  RelatedExcerpt,
} from './article-page.ts'
export type { AuthorEntry, AuthorPage, AuthorProfile, DateSource } from './author-page.ts'
export type { DigestItem, DigestPage } from './digest-page.ts'
export type { Credit, CreditLine, CreditLineParts, CreditResult } from './credit.ts'
export type { FoundDate } from './dates.ts'
export type { SeedParseErrorCode } from './errors.ts'
export type {
  LexicalBlockNode,
  LexicalEditorState,
  LexicalHeadingNode,
  LexicalInlineNode,
  LexicalLinkNode,
  InlineSegment,
  LexicalHeadingTag,
  LexicalListItemNode,
  LexicalListNode,
  LexicalParagraphNode,
  LexicalTextNode,
  RichTextBlock,
  ToLexicalOptions,
} from './lexical.ts'
export type { SeedLine } from './text.ts'
export type { StrippedExcerpt, TitleRepeatMatch } from './title-repeat.ts'
export type { EntryKind } from './entry-kind.ts'
export type { Provenance, SeedWarning, SkippedItem } from './types.ts'

export { parseCredit, parseCreditLine, splitCreditLine } from './credit.ts'
export { findDate, matchMonth, parseCreditDate, toIsoDate } from './dates.ts'
export { assertReadableText, decodeSeedBytes } from './decode.ts'
export { SeedParseError } from './errors.ts'
export { blocksToLexical, toLexical } from './lexical.ts'
export { normalizeName, slugify } from './normalize.ts'
export { isKnownPlace } from './places.ts'
export { cleanText, normalizeInput } from './text.ts'
export { stripTitleRepeat } from './title-repeat.ts'
export { isDigestTitle } from './entry-kind.ts'
export { MADE_TITLE_LENGTH, readReference, titleFromExcerpt } from './article-page.ts'
export { seriesOfTitle } from './digest-page.ts'
export { readOriginalPublication } from './credit.ts'
export { languageOfHeading } from './language.ts'
export { hasLinks, isLinkableUrl, referenceAnchor, toSegments } from './links.ts'
export { KNOWN_OUTLETS, findOutlets, type FoundOutlet } from './outlets.ts'

/** A parsed seed file; `kind` says which of the three page shapes it is. */
export type ParsedFile = AuthorPage | DigestPage | ArticlePage

export type SeedKind = ParsedFile['kind']

/**
 * Recognises a page from its content, never its file name: `Author:` first → author page;
 * any `++` item line → digest page; a leading `CREDIT, DATE:… EXCERPT` line → article page.
 *
 * @returns null when none of these shapes is present.
 */
export const detectSeedKind = ({ lines }: { lines: SeedLine[] }): SeedKind | null => {
  if (isAuthorPage({ lines })) return 'author-page'
  if (isDigestPage({ lines })) return 'digest-page'
  if (isArticlePage({ lines })) return 'article-page'
  return null
}

/**
 * Parses one scraped seed file into structured records. Pure: the caller reads the file
 * (ideally through `decodeSeedBytes`) and passes its name, used only in provenance and
 * messages.
 *
 * The text is normalised first (BOM stripped, CRLF/CR → LF); lines are then cleaned
 * (U+00A0 treated as a space, whitespace collapsed), so record text never carries
 * non-breaking spaces.
 *
 * @throws SeedParseError for empty, binary or mis-decoded text, text with no recognisable
 *   structure, and pages missing what defines them (an author name, a title).
 */
export const parseSeedFile = ({
  fileName,
  text,
}: {
  fileName: string
  text: string
}): ParsedFile => {
  const normalized = normalizeInput({ text })
  assertReadableText({ fileName, text: normalized })
  const lines = toLines({ text: normalized })
  const kind = detectSeedKind({ lines })
  if (kind === 'author-page') return parseAuthorPage({ file: fileName, lines })
  if (kind === 'digest-page') return parseDigestPage({ file: fileName, lines })
  if (kind === 'article-page') return parseArticlePage({ file: fileName, lines })
  throw new SeedParseError({
    file: fileName,
    line: lines.find((line) => line.text !== '')?.line,
    code: 'unrecognised',
    reason:
      'no recognisable structure (expected an "Author:" line, "++" digest items or a leading "CREDIT, DATE:… EXCERPT" line)',
  })
}
