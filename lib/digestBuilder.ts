import { addDays, format, startOfWeek, subWeeks } from 'date-fns'

import { LANGUAGES, languageHeading } from './languages.ts'

/**
 * The digest builder's rules, without Payload: which days a week or range covers, the next free
 * issue number, and how a week's published posts become proposed digest items, grouped by
 * language ("In English", "In Persian"…) and ordered within each group. The endpoints
 * (collections/digestBuilder) read the posts and write the digest; the admin view shows this.
 */

/** Calendar days as the builder's parameters and proposals write them. */
export const ISO_DAY_FORMAT = 'yyyy-MM-dd'

/** The longest range one proposal covers, in days (a year and a day). */
export const MAX_RANGE_DAYS = 366

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * The local midnight that starts a `YYYY-MM-DD` day, or undefined when the text is not exactly
 * one existing day (2026-02-30 is not).
 */
export const parseIsoDay = (value: unknown): Date | undefined => {
  if (typeof value !== 'string') return undefined
  const match = ISO_DAY.exec(value)
  if (!match) return undefined
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(year, month - 1, day)
  const isSameDay =
    date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day
  return isSameDay ? date : undefined
}

/** `YYYY-MM-DD` of a date, in the runtime's time zone. */
export const isoDay = (date: Date): string => format(date, ISO_DAY_FORMAT)

/** A range of whole days, both ends included, as `YYYY-MM-DD`. */
export type DayRange = { from: string; to: string }

/**
 * The last full week before `now`: Monday to Sunday, in the runtime's time zone (the site's, as
 * every date the admin shows). On a Monday it is the week that ended the day before.
 */
export const lastFullWeek = (now: Date): DayRange => {
  const monday = subWeeks(startOfWeek(now, { weekStartsOn: 1 }), 1)
  return { from: isoDay(monday), to: isoDay(addDays(monday, 6)) }
}

/**
 * The instants a day range covers: from the local midnight that starts `from` (included) to the
 * one that ends `to` (excluded), so a post of either end day is in, at any hour.
 */
export type RangeBounds = { start: Date; end: Date }

/** What is wrong with `from`/`to`, naming the parameter, or the range's bounds. */
export const checkDayRange = ({
  from,
  to,
}: {
  from: unknown
  to: unknown
}): { error: string } | { range: DayRange; bounds: RangeBounds } => {
  const start = parseIsoDay(from)
  if (!start) return { error: `from must be a day written YYYY-MM-DD, e.g. 2019-10-14` }
  const last = parseIsoDay(to)
  if (!last) return { error: `to must be a day written YYYY-MM-DD, e.g. 2019-10-20` }
  if (last < start) return { error: `to (${String(to)}) must not be before from (${String(from)})` }
  const end = addDays(last, 1)
  // Days, not milliseconds: a range over a daylight-saving change is still whole days.
  const days = Math.round(
    (Date.UTC(end.getFullYear(), end.getMonth(), end.getDate()) -
      Date.UTC(start.getFullYear(), start.getMonth(), start.getDate())) /
      86_400_000,
  )
  if (days > MAX_RANGE_DAYS) {
    return { error: `to: a range covers at most ${MAX_RANGE_DAYS} days (this one ${days})` }
  }
  return { range: { from: String(from), to: String(to) }, bounds: { start, end } }
}

/**
 * The next free issue number: one more than the highest in use (trashed issues included, their
 * number is still taken), 1 when there is none. Values that are not positive whole numbers are
 * ignored.
 */
export const nextIssueNumber = (numbers: readonly unknown[]): number =>
  numbers.reduce<number>(
    (highest, value) =>
      typeof value === 'number' && Number.isInteger(value) && value > 0 && value > highest
        ? value
        : highest,
    0,
  ) + 1

/** A post as the builder reads it (depth 1: the first source populated or an id). */
export type ProposalPost = {
  id: number | string
  title: string
  slug?: string | null
  excerpt?: string | null
  postedAt?: string | null
  language?: string | null
  _status?: string | null
  sources?: readonly unknown[] | null
}

/** One proposed digest item: the post it links, its first source, and its text. */
export type ProposedItem = {
  post: { id: number | string; title: string; slug: string | null; postedAt: string | null }
  source: { id: number | string; name: string | null } | null
  language: string | null
  heading: string | null
  /** The item's text: the post's title, then its excerpt. */
  title: string
  excerpt: string
}

/** Items of one language, under their section heading (none for posts of no known language). */
export type ProposedGroup = {
  language: string | null
  heading: string | null
  items: ProposedItem[]
}

const sourceOf = (sources: ProposalPost['sources']): ProposedItem['source'] => {
  const first = sources?.[0]
  if (first === undefined || first === null) return null
  if (typeof first === 'object') {
    const { id, name } = first as { id?: unknown; name?: unknown }
    if (typeof id !== 'number' && typeof id !== 'string') return null
    return { id, name: typeof name === 'string' ? name : null }
  }
  return typeof first === 'number' || typeof first === 'string' ? { id: first, name: null } : null
}

const byDateThenTitle = (a: ProposedItem, b: ProposedItem): number =>
  (a.post.postedAt ?? '').localeCompare(b.post.postedAt ?? '') ||
  a.title.localeCompare(b.title) ||
  String(a.post.id).localeCompare(String(b.post.id), undefined, { numeric: true })

const LANGUAGE_ORDER: readonly string[] = LANGUAGES.map(({ code }) => code)

/**
 * The proposed items of a range's posts: one group per language, in the order of LANGUAGES
 * (English, Persian, Arabic…; then languages not listed, by code; then posts of no language, with
 * no heading), each group oldest post first (then by title). Each item links its post and the
 * post's first source.
 */
export const proposeItems = ({ posts }: { posts: readonly ProposalPost[] }): ProposedGroup[] => {
  const groups = new Map<string | null, ProposedGroup>()
  for (const post of posts) {
    const language = typeof post.language === 'string' && post.language ? post.language : null
    const heading = language ? languageHeading(language) : null
    const group = groups.get(language) ?? { language, heading, items: [] }
    groups.set(language, group)
    group.items.push({
      post: {
        id: post.id,
        title: post.title,
        slug: post.slug ?? null,
        postedAt: post.postedAt ?? null,
      },
      source: sourceOf(post.sources),
      language,
      heading,
      title: post.title.replace(/\s+/g, ' ').trim(),
      excerpt: (post.excerpt ?? '').replace(/\s+/g, ' ').trim(),
    })
  }
  const rank = (language: string | null) => {
    if (language === null) return LANGUAGE_ORDER.length + 1
    const index = LANGUAGE_ORDER.indexOf(language)
    return index === -1 ? LANGUAGE_ORDER.length : index
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        rank(a.language) - rank(b.language) || (a.language ?? '').localeCompare(b.language ?? ''),
    )
    .map((group) => ({ ...group, items: group.items.sort(byDateThenTitle) }))
}

/** The title proposed for an issue: "Iran Interlink Weekly Digest – 261", or "Weekly Digest – 261". */
export const proposedTitle = ({
  series,
  issueNumber,
}: {
  series?: string | null
  issueNumber: number
}): string => `${series?.trim() || 'Weekly Digest'} – ${issueNumber}`

const text = (value: string, formatBits = 0) => ({
  type: 'text',
  text: value,
  format: formatBits,
  style: '',
  mode: 'normal',
  detail: 0,
  version: 1,
})

const paragraph = (children: object[]) => ({
  type: 'paragraph',
  format: '',
  indent: 0,
  version: 1,
  direction: 'ltr',
  textFormat: 0,
  textStyle: '',
  children,
})

/** Lexical's bit for bold text. */
const BOLD = 1

/**
 * A digest item's body (a Lexical editor state) from a post's title and excerpt: the title in
 * bold, then the excerpt as a paragraph of its own when there is one.
 */
export const itemBody = ({ title, excerpt }: { title: string; excerpt?: string | null }) => ({
  root: {
    type: 'root',
    format: '',
    indent: 0,
    version: 1,
    direction: 'ltr',
    children: [
      paragraph([text(title.trim(), BOLD)]),
      ...(excerpt?.trim() ? [paragraph([text(excerpt.trim())])] : []),
    ],
  },
})

/** A linked post that readers cannot see yet: the warning the builder and the edit view show. */
export type UnpublishedLink = { id: number | string; title: string; status: string }

/**
 * The posts among `linked` that are not published (drafts, or in the trash), each once, in the
 * order they are linked: a digest that links them points readers at pages that are not there.
 */
export const unpublishedLinks = (
  linked: readonly {
    id: number | string
    title?: string | null
    _status?: string | null
    deletedAt?: string | null
  }[],
): UnpublishedLink[] => {
  const seen = new Set<string>()
  const found: UnpublishedLink[] = []
  for (const post of linked) {
    const key = String(post.id)
    if (seen.has(key)) continue
    seen.add(key)
    const status = post.deletedAt ? 'trashed' : (post._status ?? 'draft')
    if (status !== 'published') found.push({ id: post.id, title: post.title ?? key, status })
  }
  return found
}

/** The most items one digest is built with. */
export const MAX_BUILD_ITEMS = 500

/** A document id as the API takes it: a whole number, or a non-empty string (MongoDB). */
const isId = (value: unknown): value is number | string =>
  (typeof value === 'number' && Number.isInteger(value) && value > 0) ||
  (typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value))

/** One item of `POST /api/digests/build`: the post it links, and optionally its source and heading. */
export type BuildRequestItem = {
  post: number | string
  source?: number | string | null
  heading?: string | null
  language?: string | null
}

/** What `POST /api/digests/build` takes: a range (its whole proposal) or the items, in order. */
export type BuildRequest = {
  range?: DayRange
  bounds?: RangeBounds
  items?: BuildRequestItem[]
  title?: string
  issueNumber?: number
  issueDate?: string
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const checkItem = (
  value: unknown,
  index: number,
  isLanguage: (code: unknown) => boolean,
): { error: string } | { item: BuildRequestItem } => {
  const name = `items[${index}]`
  if (!isObject(value)) return { error: `${name} must be an object with a post` }
  if (!isId(value.post)) return { error: `${name}.post must be a post id` }
  const source = value.source ?? null
  if (source !== null && !isId(source))
    return { error: `${name}.source must be a source id or null` }
  const heading = value.heading ?? null
  if (heading !== null && (typeof heading !== 'string' || heading.length > 200)) {
    return { error: `${name}.heading must be text of at most 200 characters, or null` }
  }
  const language = value.language ?? null
  if (language !== null && !isLanguage(language)) {
    return { error: `${name}.language must be one of the language codes (en, fa…) or null` }
  }
  return {
    item: {
      post: value.post,
      source,
      heading: typeof heading === 'string' ? heading.trim() || null : null,
      language: typeof language === 'string' ? language : null,
    },
  }
}

/**
 * Checks the body of `POST /api/digests/build`: `{ from, to }` (build the range's whole proposal)
 * and/or `items` (the items to build, in their order), with optional `title`, `issueNumber` and
 * `issueDate` (proposed when absent). The error names the parameter at fault.
 */
export const checkBuildRequest = ({
  body,
  isLanguage,
}: {
  body: unknown
  isLanguage: (code: unknown) => boolean
}): { error: string } | { request: BuildRequest } => {
  if (!isObject(body)) return { error: 'the body must be a JSON object' }
  const request: BuildRequest = {}
  if (body.from !== undefined || body.to !== undefined) {
    const checked = checkDayRange({ from: body.from, to: body.to })
    if ('error' in checked) return checked
    request.range = checked.range
    request.bounds = checked.bounds
  }
  if (body.items !== undefined) {
    if (!Array.isArray(body.items) || body.items.length === 0) {
      return { error: 'items must be a non-empty list of { post, source?, heading?, language? }' }
    }
    if (body.items.length > MAX_BUILD_ITEMS) {
      return { error: `items: at most ${MAX_BUILD_ITEMS} (got ${body.items.length})` }
    }
    const items: BuildRequestItem[] = []
    for (const [index, value] of body.items.entries()) {
      const checked = checkItem(value, index, isLanguage)
      if ('error' in checked) return checked
      items.push(checked.item)
    }
    request.items = items
  }
  if (!request.range && !request.items) {
    return { error: 'from and to (a range to propose), or items, are required' }
  }
  if (body.title !== undefined) {
    if (typeof body.title !== 'string' || !body.title.trim() || body.title.length > 300) {
      return { error: 'title must be non-empty text of at most 300 characters' }
    }
    request.title = body.title.trim()
  }
  if (body.issueNumber !== undefined) {
    const value = body.issueNumber
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 1e9) {
      return { error: 'issueNumber must be a whole number of 1 or more' }
    }
    request.issueNumber = value
  }
  if (body.issueDate !== undefined) {
    if (!parseIsoDay(body.issueDate)) {
      return { error: 'issueDate must be a day written YYYY-MM-DD, e.g. 2019-10-20' }
    }
    request.issueDate = body.issueDate as string
  }
  return { request }
}
