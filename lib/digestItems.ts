import { plainText } from './search.ts'

/** Longest digest item label, in characters, before it is cut with an ellipsis. */
export const ITEM_LABEL_LENGTH = 60

/**
 * `text` with runs of white space made one space, cut at the last word boundary that keeps it
 * within `maxLength` characters (ellipsis included), and ended with "…" when cut.
 */
export const truncateWords = ({ text, maxLength }: { text: string; maxLength: number }): string => {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (clean.length <= maxLength) return clean
  const room = clean.slice(0, maxLength - 1)
  const endsAtWord = clean[room.length] === ' '
  const lastSpace = room.lastIndexOf(' ')
  // A single word longer than the room is cut inside the word.
  const cut = endsAtWord || lastSpace <= 0 ? room : room.slice(0, lastSpace)
  return `${cut.replace(/[\s,;:.—–-]+$/u, '')}…`
}

/**
 * The label of a digest item in the admin: its section heading and the first words of its text
 * (`In English — Giuliani's work for the MEK…`), at most ITEM_LABEL_LENGTH characters; the
 * heading or the words alone when only one is there; "Item 03" (as Payload numbers rows,
 * `rowIndex` counting from 0) when both are empty.
 */
export const digestItemLabel = ({
  heading,
  body,
  rowIndex,
}: {
  heading?: string | null
  /** The item's rich text (a Lexical editor state). */
  body?: unknown
  rowIndex: number
}): string => {
  const title = (heading ?? '').replace(/\s+/g, ' ').trim()
  const words = plainText(body).replace(/\s+/g, ' ').trim()
  const label = [title, words].filter(Boolean).join(' — ')
  if (label === '') return `Item ${String(rowIndex + 1).padStart(2, '0')}`
  return truncateWords({ text: label, maxLength: ITEM_LABEL_LENGTH })
}
