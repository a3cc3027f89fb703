import { format, formatDistanceStrict } from 'date-fns'

/**
 * The one way the admin writes a date and time: in lists, date fields (Payload's
 * `admin.dateFormat`), the workflow history, the dashboard and preview pages. A date-fns pattern,
 * e.g. "5 Dec 2026, 14:30"; day first and 24-hour, so it reads the same in every newsroom.
 */
export const DATE_TIME_FORMAT = 'd MMM yyyy, HH:mm'

/** Dates alone (publication dates, digest weeks): "5 Dec 2026". */
export const DATE_FORMAT = 'd MMM yyyy'

const toDate = (value: Date | number | string): Date | null => {
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

/** "5 Dec 2026, 14:30" in the runtime's time zone, or '' for a value that is not a date. */
export const formatDateTime = (value: Date | number | string): string => {
  const date = toDate(value)
  return date ? format(date, DATE_TIME_FORMAT) : ''
}

/** "5 Dec 2026", or '' for a value that is not a date. */
export const formatDate = (value: Date | number | string): string => {
  const date = toDate(value)
  return date ? format(date, DATE_FORMAT) : ''
}

/** "3 hours ago" / "in 2 days" against `now`, or '' for a value that is not a date. */
export const formatRelative = ({
  value,
  now,
}: {
  value: Date | number | string
  now: Date | number
}): string => {
  const date = toDate(value)
  if (!date) return ''
  const distance = formatDistanceStrict(date, now, { roundingMethod: 'round' })
  if (Math.abs(date.getTime() - Number(now)) < 60_000) return 'just now'
  return date.getTime() < Number(now) ? `${distance} ago` : `in ${distance}`
}

/** The short name of the runtime's time zone at `value`, e.g. "UTC", "CET", "GMT+1". */
export const timeZoneName = (value: Date | number = Date.now()): string =>
  new Intl.DateTimeFormat('en-GB', { timeZoneName: 'short' })
    .formatToParts(new Date(value))
    .find((part) => part.type === 'timeZoneName')?.value ?? ''
