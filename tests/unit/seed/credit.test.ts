import { describe, expect, it } from 'vitest'

import { parseCredit, parseCreditLine, splitCreditLine } from '../../../seed/parse/credit.ts'

describe('parseCredit', () => {
  it.each([
    [
      'Shenaz Kermalli, Ricochet Media, October 26 2019',
      { writer: 'Shenaz Kermalli', outlets: ['Ricochet Media'], date: '2019-10-26' },
    ],
    [
      'ABC News and Ora News, Tirana, Albania, October 26 2019',
      { outlets: ['ABC News', 'Ora News'], place: 'Tirana, Albania', date: '2019-10-26' },
    ],
    ['Exit, Albania, October 24 2019', { outlets: ['Exit'], place: 'Albania' }],
    ['Iran Interlink, October 19 2019', { outlets: ['Iran Interlink'] }],
    [
      'Ali Alavi, Iran Interlink, October 29 2021',
      { writer: 'Ali Alavi', outlets: ['Iran Interlink'] },
    ],
    ['Human Rights Watch, September 06 2021', { outlets: ['Human Rights Watch'] }],
    [
      'Anne and Massoud Khodabandeh, Balkans Post, March 29 2020',
      {
        writer: 'Anne and Massoud Khodabandeh',
        writers: ['Anne Khodabandeh', 'Massoud Khodabandeh'],
        outlets: ['Balkans Post'],
      },
    ],
    [
      'Dr. Olsi Jazexhi, Tirana, Albania, February 12 2020',
      { writer: 'Dr. Olsi Jazexhi', outlets: [], place: 'Tirana, Albania', date: '2020-02-12' },
    ],
    ['Nejat Society, Tehran, April 06 2020', { outlets: ['Nejat Society'], place: 'Tehran' }],
    [
      'Negar Mortazavi and Borzou Daragahi , Independent, June 11 2019',
      {
        writer: 'Negar Mortazavi and Borzou Daragahi',
        writers: ['Negar Mortazavi', 'Borzou Daragahi'],
        outlets: ['Independent'],
        date: '2019-06-11',
      },
    ],
    ['FaxWeb and Albanian Gazette, October 24 2019', { outlets: ['FaxWeb', 'Albanian Gazette'] }],
    ['Al Masdar and Asharq Al-Ausat, July 31 2019', { outlets: ['Al Masdar', 'Asharq Al-Ausat'] }],
    [
      'Iranian Canadian Congress (ICC), Octomber 22 2019',
      {
        outlets: ['Iranian Canadian Congress (ICC)'],
        date: '2019-10-22',
        dateText: 'Octomber 22 2019',
      },
    ],
    ['NBC News, October 21 2019', { outlets: ['NBC News'], writers: [] }],
    [
      'Human Rights Watch, September 06 2021: (Fist Published 2005)',
      { outlets: ['Human Rights Watch'], date: '2021-09-06', note: '(Fist Published 2005)' },
    ],
    [
      'Lachlan Markay, Adam Rawnsley, The Daily Beast, February 12 2020',
      {
        writer: 'Lachlan Markay, Adam Rawnsley',
        writers: ['Lachlan Markay', 'Adam Rawnsley'],
        outlets: ['The Daily Beast'],
      },
    ],
    ['Washington Post, May 1 2020', { outlets: ['Washington Post'] }],
    [
      'Ricochet\u00a0Media, October\u00a026\u00a02019',
      { outlets: ['Ricochet Media'], date: '2019-10-26' },
    ],
  ])('should read %j', (text, expected) => {
    expect(parseCredit({ text }).credit).toMatchObject(expected)
  })

  it.each([
    ['Shenaz Kermalli, Ricochet Media, October 26 2019'],
    ['Exit, Albania, October 24 2019'],
    ['Iranian Canadian Congress (ICC), Octomber 22 2019'],
  ])('should read %j without warnings', (text) => {
    expect(parseCredit({ text }).warnings).toEqual([])
  })

  it.each([
    ['Dr. Olsi Jazexhi, Tirana, Albania, February 12 2020', 'names a writer but no outlet'],
    ['Some Outlet', 'no date in credit'],
    ['NBC News, February 30 2019', 'unreadable date "February 30 2019"'],
    [', October 26 2019', 'names no writer or outlet'],
  ])('should warn about %j', (text, message) => {
    expect(parseCredit({ text }).warnings).toEqual([expect.stringContaining(message)])
  })

  it('should leave the date empty when the day does not exist', () => {
    expect(parseCredit({ text: 'NBC News, February 30 2019' }).credit).not.toHaveProperty('date')
  })

  it('should keep the whole credit as raw text', () => {
    expect(parseCredit({ text: '  Exit,\u00a0Albania,  October 24 2019 ' }).credit.raw).toBe(
      'Exit, Albania, October 24 2019',
    )
  })
})

describe('splitCreditLine', () => {
  it.each([
    [
      'NBC News, October 21 2019:…One of Giuliani’s',
      { head: 'NBC News, October 21 2019', excerpt: 'One of Giuliani’s' },
    ],
    [
      'Human Rights Watch, September 06 2021: (Fist Published 2005):… Ali Ghashghavi',
      {
        head: 'Human Rights Watch, September 06 2021: (Fist Published 2005)',
        excerpt: ' Ali Ghashghavi',
      },
    ],
    [
      'Iran Interlink, April 03 2020:... Sputnik',
      { head: 'Iran Interlink, April 03 2020', excerpt: ' Sputnik' },
    ],
    [
      'Press TV, February 13 2020: The United',
      { head: 'Press TV, February 13 2020', excerpt: ' The United' },
    ],
  ])('should split %j into credit and excerpt', (text, expected) => {
    expect(splitCreditLine({ text })).toEqual(expected)
  })

  it.each([
    ['Former Terrorists Praised By Former US Officials'],
    ['He clarifies: “Now, could the spoofed emails have come from accounts in Iran?'],
    [`${'x'.repeat(300)}, October 21 2019:… too far in to be a credit`],
  ])('should not take %j for a credit line', (text) => {
    expect(splitCreditLine({ text })).toBeNull()
  })

  it('should split a 2 MB credit line', () => {
    const text = `NBC News, October 21 2019:… ${'word '.repeat(400_000)}`
    expect(splitCreditLine({ text })?.head).toBe('NBC News, October 21 2019')
  })
})

describe('parseCreditLine', () => {
  it('should parse the credit and clean the excerpt', () => {
    const parsed = parseCreditLine({
      text: 'Zeng Ziyi, CGTN, August 07 2019:…\u00a0Over the years,\u00a0 the hawk. Title .',
    })
    expect(parsed).toMatchObject({
      credit: { writer: 'Zeng Ziyi', outlets: ['CGTN'], date: '2019-08-07' },
      excerpt: 'Over the years, the hawk. Title .',
      warnings: [],
    })
  })

  it('should reject a line whose credit has no date', () => {
    expect(
      parseCreditLine({ text: 'Remember: MEK was an American excuse to invade Iraq' }),
    ).toBeNull()
  })
})
