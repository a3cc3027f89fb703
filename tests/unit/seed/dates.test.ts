import { describe, expect, it } from 'vitest'

import { findDate, matchMonth, parseCreditDate, toIsoDate } from '../../../seed/parse/dates.ts'

describe('parseCreditDate', () => {
  it.each([
    ['October 26 2019', '2019-10-26'],
    ['Octomber 22 2019', '2019-10-22'],
    ['August 30, 2019', '2019-08-30'],
    ['2019/10/26', '2019-10-26'],
    ['2019-10-26', '2019-10-26'],
    ['June 9th, 2019', '2019-06-09'],
    ['October 22nd, 2020', '2020-10-22'],
    ['26 October 2019', '2019-10-26'],
    ['Sept 1 2020', '2020-09-01'],
    ['Oct. 5, 2019', '2019-10-05'],
    ['Ocotber 5 2019', '2019-10-05'],
    ['Agust 9 2019', '2019-08-09'],
    ['february 29 2020', '2020-02-29'],
    ['  October 26 2019:\u00a0', '2019-10-26'],
    ['October\u00a026 2019', '2019-10-26'],
  ])('should read %j as %s', (text, expected) => {
    expect(parseCreditDate({ text })).toBe(expected)
  })

  it.each([
    ['February 30 2019'],
    ['February 29 2019'],
    ['2019/02/30'],
    ['2019/13/01'],
    ['October 32 2019'],
    ['1800/01/01'],
    ['Octember 2019'],
    ['Mayor 5 2019'],
    ['Marching 5 2019'],
    ['Posted on'],
    [''],
    ['October 26 2019 and then some prose'],
    ['on October 26 2019'],
  ])('should return null for %j', (text) => {
    expect(parseCreditDate({ text })).toBeNull()
  })
})

describe('matchMonth', () => {
  it.each([
    ['October', 10],
    ['oct', 10],
    ['Octomber', 10],
    ['Octember', 10],
    ['Sept', 9],
    ['Agust', 8],
    ['Febuary', 2],
    ['Decmber', 12],
    ['Jun', 6],
    ['Jully', 7],
  ])('should read %j as month %i', (word, month) => {
    expect(matchMonth({ word })).toBe(month)
  })

  it.each([['Ju'], ['Mayor'], ['Marching'], ['Mars'], ['Octopus'], ['Human'], ['Tirana']])(
    'should not take %j for a month',
    (word) => {
      expect(matchMonth({ word })).toBeNull()
    },
  )
})

describe('findDate', () => {
  it('should locate the date inside a credit so the caller can cut around it', () => {
    const text = 'Human Rights Watch, September 06 2021: (Fist Published 2005)'
    expect(findDate({ text })).toEqual({
      iso: '2021-09-06',
      raw: 'September 06 2021',
      index: 20,
      end: 37,
    })
  })

  it('should report a real month with an impossible day as a date without an ISO value', () => {
    expect(findDate({ text: 'NBC News, February 30 2019' })).toMatchObject({
      iso: null,
      raw: 'February 30 2019',
    })
  })

  it('should return null when no month word is followed by a day and a year', () => {
    expect(findDate({ text: 'Iranian Canadian Congress (ICC)' })).toBeNull()
  })

  it('should scan a 2 MB line without a date', () => {
    const text = 'abc 12 '.repeat(300_000)
    expect(findDate({ text })).toBeNull()
  })
})

describe('toIsoDate', () => {
  it.each([
    [{ year: 2019, month: 2, day: 28 }, '2019-02-28'],
    [{ year: 2019, month: 2, day: 29 }, null],
    [{ year: 2019, month: 4, day: 31 }, null],
    [{ year: 2019, month: 0, day: 1 }, null],
  ])('should turn %j into %s', (parts, expected) => {
    expect(toIsoDate(parts)).toBe(expected)
  })
})
