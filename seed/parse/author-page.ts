import { findChatPasteArtefacts } from '../../lib/chatPaste.ts'
import { type Credit, parseCredit, quote, splitCreditLine } from './credit.ts'
import { findDate, parseCreditDate } from './dates.ts'
import { seriesOfTitle } from './digest-page.ts'
import { SeedParseError } from './errors.ts'
import { normalizeName } from './normalize.ts'
import { type SeedLine, hashLines } from './text.ts'
import { type TitleRepeatMatch, stripTitleRepeat } from './title-repeat.ts'
import { type EntryKind, isDigestTitle } from './entry-kind.ts'
import { type Notes, createNotes } from './notes.ts'
import type { Provenance, SeedWarning, SkippedItem } from './types.ts'

/** The person or organisation an author page is about. */
export type AuthorProfile = {
  name: string
  /** Bio paragraphs joined by a blank line; empty when the page has none. */
  bio: string
  /** Absent when missing or unreadable (a Cloudflare-obfuscated address is unreadable). */
  email?: string
  /** Handle without `@`. */
  twitter?: string
  provenance: Provenance
}

/** Which value `date` came from. */
export type DateSource = 'posted-on' | 'credit' | 'none'

/** One listed post: title, `Posted on` line and its `CREDIT, DATE:… EXCERPT` paragraph. */
export type AuthorEntry = {
  kind: EntryKind
  title: string
  /** The `Posted on:` date; null when that line is empty or unreadable. */
  postedOn: string | null
  /** The date to publish under: `postedOn`, else the credit's date, else null. */
  date: string | null
  dateSource: DateSource
  /** True when `Posted on` was empty or unreadable and the credit's date was used. */
  isDateFallback: boolean
  credit: Credit
  /** The excerpt without the title repeated at its end. */
  excerpt: string
  titleRepeat: TitleRepeatMatch
  /** For digests, the week named in the title (`October 18, 2019` → `2019-10-18`). */
  digestDate?: string
  /** For digests, the series the title names (`Iran Interlink Weekly Digest`). */
  series?: string
  /** `line` is the entry's title line. */
  provenance: Provenance
  /** sha256 of the entry's cleaned lines (title, Posted on, credit paragraph). */
  contentHash: string
}

export type AuthorPage = {
  kind: 'author-page'
  file: string
  author: AuthorProfile
  entries: AuthorEntry[]
  skipped: SkippedItem[]
  warnings: SeedWarning[]
  /** sha256 of all cleaned non-blank lines. */
  contentHash: string
}

const AUTHOR_LINE = /^Author\s*:\s*(.*)$/i
const POSTED_ON_LINE = /^Posted on\s*:\s*(.*)$/i
const EMAIL_LINE = /^E-?mail\s*:\s*(.*)$/i
const TWITTER_LINE = /^Twitter\s*:\s*(.*)$/i
// Cloudflare replaces addresses with this placeholder (and a script that decodes it).
const OBFUSCATED_EMAIL = /\[\s*email\s*protected\s*\]/i
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const TWITTER_HANDLE = /^\w{1,15}$/

/** True when the first non-blank line is `Author: ...`. */
export const isAuthorPage = ({ lines }: { lines: SeedLine[] }): boolean =>
  AUTHOR_LINE.test(lines.find((line) => line.text !== '')?.text ?? '')

const readEmail = ({ line, notes }: { line: SeedLine; notes: Notes }): string | undefined => {
  const value = line.text.replace(EMAIL_LINE, '$1')
  if (value === '') return undefined
  if (OBFUSCATED_EMAIL.test(value)) {
    notes.warn({
      line: line.line,
      message: `email is Cloudflare-obfuscated (${quote({ text: value })}), not an address; left empty`,
    })
    return undefined
  }
  // Addresses are at most 254 characters; the bound also keeps the regex linear.
  if (value.length <= 254 && EMAIL.test(value)) return value
  notes.warn({ line: line.line, message: `unreadable email ${quote({ text: value })}; left empty` })
  return undefined
}

const readTwitter = ({ line, notes }: { line: SeedLine; notes: Notes }): string | undefined => {
  const value = line.text
    .replace(TWITTER_LINE, '$1')
    .replace(/^https?:\/\/(?:www\.)?(?:twitter|x)\.com\//i, '')
    .replace(/^@/, '')
    .replace(/\/$/, '')
  if (value === '') return undefined
  if (TWITTER_HANDLE.test(value)) return value
  notes.warn({ line: line.line, message: `unreadable Twitter handle ${quote({ text: value })}` })
  return undefined
}

/** A bio line holding what a messenger adds to a copied message (lib/chatPaste.ts) is kept, with a warning. */
const warnAboutChatPaste = ({ line, notes }: { line: SeedLine; notes: Notes }): void => {
  for (const artefact of findChatPasteArtefacts(line.text)) {
    notes.warn({
      line: line.line,
      message: `bio holds a chat-paste artefact ${quote({ text: artefact.text })} (a sender and the time of a chat message); kept: remove it in the admin`,
    })
  }
}

const parseEntry = ({
  file,
  title,
  posted,
  body,
  notes,
}: {
  file: string
  title: SeedLine
  posted: SeedLine
  body: SeedLine[]
  notes: Notes
}): AuthorEntry => {
  const postedText = posted.text.replace(POSTED_ON_LINE, '$1')
  const postedOn = postedText === '' ? null : parseCreditDate({ text: postedText })
  if (postedText !== '' && postedOn === null) {
    notes.warn({
      line: posted.line,
      message: `unreadable "Posted on" date ${quote({ text: postedText })}`,
    })
  }

  let credit: Credit = { writers: [], outlets: [], raw: '' }
  let excerpt = ''
  let titleRepeat: TitleRepeatMatch = 'none'
  const [first, ...rest] = body
  if (first === undefined) {
    notes.warn({
      line: title.line,
      message: `entry ${quote({ text: title.text })} has no credit paragraph`,
    })
  } else {
    const parts = splitCreditLine({ text: first.text })
    if (parts === null) {
      notes.warn({
        line: first.line,
        message: 'no "CREDIT, DATE:…" before the excerpt; credit left empty',
      })
    } else {
      const parsed = parseCredit({ text: parts.head })
      credit = parsed.credit
      parsed.warnings.forEach((message) => notes.warn({ line: first.line, message }))
    }
    if (rest.length > 0) {
      notes.warn({ line: rest[0].line, message: `excerpt continues over ${rest.length + 1} lines` })
    }
    const text = [parts === null ? first.text : parts.excerpt.trim(), ...rest.map((l) => l.text)]
      .join('\n\n')
      .trim()
    const stripped = stripTitleRepeat({ excerpt: text, title: title.text })
    excerpt = stripped.excerpt
    titleRepeat = stripped.match
    if (stripped.match === 'none') {
      notes.warn({
        line: (rest[rest.length - 1] ?? first).line,
        message: 'title repeat not found at the end of the excerpt; excerpt kept whole',
      })
    }
  }

  const isDateFallback = postedOn === null && credit.date !== undefined
  const date = postedOn ?? credit.date ?? null
  if (isDateFallback) {
    notes.warn({
      line: posted.line,
      message: `${postedText === '' ? 'empty' : 'unreadable'} "Posted on"; fell back to the credit date ${credit.date}`,
    })
  }
  if (date === null) notes.warn({ line: posted.line, message: 'entry has no readable date' })

  const kind: EntryKind = isDigestTitle({ title: title.text }) ? 'digest' : 'post'
  const digestDate = kind === 'digest' ? findDate({ text: title.text })?.iso : null
  const series = kind === 'digest' ? seriesOfTitle({ title: title.text }) : undefined
  return {
    kind,
    title: title.text,
    postedOn,
    date,
    dateSource: postedOn !== null ? 'posted-on' : date !== null ? 'credit' : 'none',
    isDateFallback,
    credit,
    excerpt,
    titleRepeat,
    ...(digestDate ? { digestDate } : {}),
    ...(series ? { series } : {}),
    provenance: { file, line: title.line },
    contentHash: hashLines({ lines: [title.text, posted.text, ...body.map((l) => l.text)] }),
  }
}

/**
 * Parses an author page: `Author: NAME`, the name repeated, a bio, optional `Email:` and
 * `Twitter:` lines, then entries of a title line, `Posted on: YYYY/MM/DD` and a credit
 * paragraph. An entry's title is the non-blank line right before its `Posted on` line.
 */
export const parseAuthorPage = ({
  file,
  lines,
}: {
  file: string
  lines: SeedLine[]
}): AuthorPage => {
  const notes = createNotes({ file })
  const content = lines.filter((line) => line.text !== '')
  const header = content[0]
  const name = (AUTHOR_LINE.exec(header?.text ?? '')?.[1] ?? '').trim()
  if (header === undefined || !AUTHOR_LINE.test(header.text)) {
    throw new SeedParseError({
      file,
      line: header?.line,
      code: 'unrecognised',
      reason: 'expected an "Author:" line',
    })
  }
  if (name === '') {
    throw new SeedParseError({
      file,
      line: header.line,
      code: 'missing-field',
      reason: 'author page has no author name',
    })
  }

  // Indexes into `content` of each entry's title; a `Posted on` with nothing usable before it
  // (the header, or another `Posted on`) cannot be attributed to a title.
  const starts: { title: number; posted: number }[] = []
  content.forEach((line, index) => {
    if (!POSTED_ON_LINE.test(line.text)) return
    const title = index - 1
    const isTitle = title >= 1 && !POSTED_ON_LINE.test(content[title].text)
    if (isTitle) {
      starts.push({ title, posted: index })
    } else {
      notes.skip({
        line: line.line,
        text: line.text,
        reason: '"Posted on" line without a title line before it',
      })
    }
  })

  const headerEnd = starts[0]?.title ?? content.length
  const bio: string[] = []
  let email: string | undefined
  let twitter: string | undefined
  for (const line of content.slice(1, headerEnd)) {
    if (normalizeName({ name: line.text }) === normalizeName({ name })) continue
    if (EMAIL_LINE.test(line.text)) email = readEmail({ line, notes })
    else if (TWITTER_LINE.test(line.text)) twitter = readTwitter({ line, notes })
    else if (POSTED_ON_LINE.test(line.text)) continue
    else {
      warnAboutChatPaste({ line, notes })
      bio.push(line.text)
    }
  }
  if (starts.length === 0)
    notes.warn({ line: header.line, message: 'author page lists no entries' })

  const entries = starts.map((start, i) => {
    const end = starts[i + 1]?.title ?? content.length
    const body = content
      .slice(start.posted + 1, end)
      .filter((line) => !POSTED_ON_LINE.test(line.text))
    return parseEntry({
      file,
      title: content[start.title],
      posted: content[start.posted],
      body,
      notes,
    })
  })

  return {
    kind: 'author-page',
    file,
    author: {
      name,
      bio: bio.join('\n\n'),
      ...(email ? { email } : {}),
      ...(twitter ? { twitter } : {}),
      provenance: { file, line: header.line },
    },
    entries,
    skipped: notes.skipped,
    warnings: notes.warnings,
    contentHash: hashLines({ lines: content.map((line) => line.text) }),
  }
}
