/**
 * Chat-paste artefacts: what a messenger adds when a message is copied out of it, e.g.
 * `Anne Anne, [13.03.19 11:20]` (Telegram: sender, then the time sent) or
 * `[13/03/2019, 11:20] Anne:` (WhatsApp: the time, then the sender). Pasted into a bio, they
 * read as part of it; the importer warns about them and the admin shows them under the field.
 */

/** One artefact found in a text: what it says and where it starts. */
export type ChatPasteArtefact = { text: string; index: number }

// Sender names: one to four capitalised words or initials ("Anne Anne", "Mary-Jo O'Neil", "J. Doe").
const WORD = String.raw`\p{Lu}(?:\.|[\p{L}\p{M}'’-]*)`
const NAME = String.raw`${WORD}(?:[ \t]+${WORD}){0,3}`
// 13.03.19, 13/03/2019, 3/13/19, 2019-03-13
const DATE = String.raw`(?<d1>\d{1,2})[./](?<d2>\d{1,2})[./](?<d3>\d{2}|\d{4})|(?<iy>\d{4})-(?<im>\d{1,2})-(?<id>\d{1,2})`
// 11:20, 11:20:45, 11:20 AM, 11:20 p.m.
const TIME = String.raw`(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2}))?(?:\s*(?<meridiem>[AaPp]\.?\s?[Mm]\.?))?`
const STAMP = String.raw`\[\s*(?:(?:${DATE}),?\s+)?${TIME}\s*\]`

const ARTEFACT = new RegExp(
  String.raw`(?:(?<before>${NAME}),[ \t]*)?(?<stamp>${STAMP})(?:[ \t]*(?<after>${NAME}):)?`,
  // No `i` flag: with it, \p{Lu} would match lower-case letters too.
  'gu',
)

type Groups = Partial<Record<string, string>>

const isDay = (value: number) => value >= 1 && value <= 31
const isMonth = (value: number) => value >= 1 && value <= 12

/** True when the date part, if any, is a calendar date in day-month or month-day order. */
const isPlausibleDate = (groups: Groups): boolean => {
  if (groups.iy !== undefined) return isMonth(Number(groups.im)) && isDay(Number(groups.id))
  if (groups.d1 === undefined) return true
  const [first, second] = [Number(groups.d1), Number(groups.d2)]
  return (isDay(first) && isMonth(second)) || (isMonth(first) && isDay(second))
}

/** True when the time part is a time of day (12-hour with AM/PM, else 24-hour). */
const isPlausibleTime = (groups: Groups): boolean => {
  const hour = Number(groups.hour)
  const isMinute = (value: string | undefined) => value === undefined || Number(value) <= 59
  const isHour = groups.meridiem ? hour >= 1 && hour <= 12 : hour <= 23
  return isHour && isMinute(groups.minute) && isMinute(groups.second)
}

/**
 * Finds chat-paste artefacts in `text`: a bracketed chat timestamp (a time of day, optionally
 * after a date) with the sender's name before it (`Anne Anne, [13.03.19 11:20]`) or after it
 * (`[13/03/2019, 11:20] Anne:`). A stamp with a date or AM/PM counts on its own (`[11:20 AM]`);
 * a bare time (`[11:20]`) only next to a sender, so a reference such as `[3:16]` is not taken
 * for one. Bracketed text that is not a time (`[sic]`, `[1]`, `[2019]`) never is.
 */
export const findChatPasteArtefacts = (text: string): ChatPasteArtefact[] => {
  const found: ChatPasteArtefact[] = []
  for (const match of text.matchAll(ARTEFACT)) {
    const groups: Groups = match.groups ?? {}
    if (!isPlausibleDate(groups) || !isPlausibleTime(groups)) continue
    const hasSender = groups.before !== undefined || groups.after !== undefined
    const isStampAlone = groups.d1 !== undefined || groups.iy !== undefined || groups.meridiem
    if (!hasSender && !isStampAlone) continue
    found.push({ text: match[0].trim(), index: match.index })
  }
  return found
}
