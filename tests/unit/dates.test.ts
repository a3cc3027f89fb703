import { describe, expect, it } from 'vitest'

import { formatDate, formatDateTime, formatRelative, timeZoneName } from '../../lib/dates.ts'

// Local times, so the expectations hold in any time zone the tests run in.
const at = new Date(2026, 11, 5, 14, 30)
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

describe('formatDateTime and formatDate', () => {
  it.each([
    [at, '5 Dec 2026, 14:30', '5 Dec 2026'],
    [new Date(2027, 0, 31, 9, 5), '31 Jan 2027, 09:05', '31 Jan 2027'],
    [at.getTime(), '5 Dec 2026, 14:30', '5 Dec 2026'],
    [at.toISOString(), '5 Dec 2026, 14:30', '5 Dec 2026'],
  ])('should write %s as "%s" and "%s"', (value, dateTime, date) => {
    expect(formatDateTime(value)).toBe(dateTime)
    expect(formatDate(value)).toBe(date)
  })

  it.each(['', 'not a date', '2026-13-45', Number.NaN])(
    'should write nothing for %j, not "Invalid Date"',
    (value) => {
      expect(formatDateTime(value)).toBe('')
      expect(formatDate(value)).toBe('')
    },
  )
})

describe('formatRelative', () => {
  it.each([
    [0, 'just now'],
    [-30_000, 'just now'],
    [-5 * MINUTE, '5 minutes ago'],
    [3 * HOUR, 'in 3 hours'],
    [-1 * DAY, '1 day ago'],
    // Two days ahead, scheduled a few seconds ago: still "in 2 days", not "in 1 day".
    [2 * DAY - 20_000, 'in 2 days'],
    [2 * DAY - 5 * HOUR, 'in 2 days'],
    [-40 * DAY, '1 month ago'],
  ])('should write an offset of %d ms as "%s"', (offset, text) => {
    expect(formatRelative({ value: at.getTime() + offset, now: at })).toBe(text)
  })

  it('should write nothing for a value that is not a date', () => {
    expect(formatRelative({ value: 'soon', now: at })).toBe('')
  })
})

describe('timeZoneName', () => {
  it('should name the zone in a few letters or an offset', () => {
    expect(timeZoneName(at)).toMatch(/^([A-Z]{2,5}|GMT[+-]\d{1,2}(:\d{2})?|UTC)$/)
  })
})
