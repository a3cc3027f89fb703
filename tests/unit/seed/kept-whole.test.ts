import { describe, expect, it } from 'vitest'

import {
  findOutlets,
  languageOfHeading,
  parseCredit,
  readOriginalPublication,
  readReference,
  seriesOfTitle,
  titleFromExcerpt,
  toSegments,
} from '../../../seed/parse/index.ts'
import { findOrThrow, parseAs, readSeed } from './helpers.ts'

const digest = () => parseAs({ source: readSeed({ prefix: '004' }), kind: 'digest-page' })
const authorPage = (prefix: string) =>
  parseAs({ source: readSeed({ prefix }), kind: 'author-page' })
const entry = (prefix: string, title: string) =>
  findOrThrow({ items: authorPage(prefix).entries, where: (e) => e.title === title, label: title })

describe('digest 260: series, tags and languages', () => {
  it('should read the series from the breadcrumb and keep the tag', () => {
    expect([digest().series, digest().tags]).toEqual([
      'Iran Interlink Weekly Digest',
      ['weekly digest'],
    ])
  })

  it('should give the items under "In English" the language en, and the others none', () => {
    expect(digest().items.map((item) => item.headingLanguage ?? null)).toEqual([
      null,
      null,
      ...Array(6).fill('en'),
    ])
  })
})

describe('digest 260: the outlets its items name', () => {
  const known = ['Iran Interlink', 'NBC News', 'The Daily Beast', 'Exit', 'Independent']
  it.each([
    [1, ['Lobelog']],
    [2, []],
    [3, ['Pravda']],
    [4, []],
    [5, ['Newsweek']],
    [6, ['Washington Post']],
    [7, []],
    [8, ['Liberation News']],
  ])('should find in item %i the outlets %j', (index, outlets) => {
    const item = digest().items[index - 1]
    expect(
      findOutlets({ text: item.text, known, exclude: ['Iran Interlink'] }).map((o) => o.name),
    ).toEqual(outlets)
  })
})

describe('findOutlets on other wordings', () => {
  it.each([
    ['Jane Doe, Middle East Eye, reports that the MEK is isolated.', [], ['Middle East Eye']],
    ['An Al-Monitor report says so.', [], ['Al Monitor']],
    ['Murtaza Hussain of the Intercept reported it.', [], ['The Intercept']],
    ['in the Guardian newspaper', [], ['The Guardian']],
    ['A Tehran Times editorial and an Asia Times piece', [], ['Tehran Times', 'Asia Times']],
    ['published by Responsible Statecraft', [], ['Responsible Statecraft']],
    ['The exit was closed; Exit, Albania, said so.', ['Exit'], ['Exit']],
    ['They met in Paris magazine offices.', [], []],
    ['An English piece and a Farsi article', [], []],
    ['Nothing here names an outlet.', [], []],
  ])('should find in %j the outlets %j', (text, known, outlets) => {
    expect(findOutlets({ text, known }).map((o) => o.name)).toEqual(outlets)
  })
})

describe('author pages: weekly digest entries', () => {
  it.each([
    ['000', 'Iran Interlink Weekly Digest – October 18, 2019', '2019-10-18'],
    ['001', 'Iran Interlink Weekly Digest – August 09, 2019', '2019-08-09'],
    ['001', 'Iran Interlink Weekly Digest – August 02, 2019', '2019-08-02'],
    ['001', 'Iran Interlink Weekly Digest – July 26, 2019', '2019-07-26'],
  ])('should read %s "%s" as a digest of the series, week %s', (prefix, title, week) => {
    expect(entry(prefix, title)).toMatchObject({
      kind: 'digest',
      series: 'Iran Interlink Weekly Digest',
      digestDate: week,
    })
  })
})

describe('credit lines: writers, dateline, original publication', () => {
  it.each([
    [
      '000',
      'Former MEK in Albania Expose MEK Stupid Lies',
      { writers: [], outlets: ['ABC News', 'Ora News'], place: 'Tirana, Albania' },
    ],
    [
      '000',
      'Albanian Police MEK Statement Ordered by Washington',
      { writers: [], outlets: ['Exit'], place: 'Albania' },
    ],
    [
      '002',
      'Human Rights Watch Report (2005) – MEK Survivor: I was Imprisoned For 45 days',
      { outlets: ['Human Rights Watch'], originalPublication: 'First Published 2005' },
    ],
    [
      '002',
      'Mike Pence From Anti Saddam To lobbying for Saddam Private Army',
      { writers: ['Ali Alavi'], outlets: ['Iran Interlink'] },
    ],
    [
      '000',
      'MEK Lobbyist Rudy Giuliani Facing the Law',
      { writers: ['Casey Michel'], outlets: ['The New Republic'] },
    ],
  ])('should read the credit of %s "%s"', (prefix, title, credit) => {
    expect(entry(prefix, title).credit).toMatchObject(credit)
  })

  it.each([
    [
      'Negar Mortazavi and Borzou Daragahi , Independent, June 11 2019',
      ['Negar Mortazavi', 'Borzou Daragahi'],
    ],
    [
      'Anne and Massoud Khodabandeh, Balkans Post, March 29 2020',
      ['Anne Khodabandeh', 'Massoud Khodabandeh'],
    ],
    [
      'Lachlan Markay and Adam Rawnsley, The Daily Beast, August 09 2019',
      ['Lachlan Markay', 'Adam Rawnsley'],
    ],
    [
      'Sara, Ali and Reza Tehrani, Balkans Post, March 29 2020',
      ['Sara', 'Ali Tehrani', 'Reza Tehrani'],
    ],
    ['Dr. Olsi Jazexhi, Tirana, Albania, February 12 2020', ['Dr. Olsi Jazexhi']],
    ['NBC News, October 21 2019', []],
  ])('should split the writers of %j', (text, writers) => {
    expect(parseCredit({ text }).credit.writers).toEqual(writers)
  })

  it.each([
    ['(Fist Published 2005)', 'First Published 2005'],
    ['First published in 2005', 'First Published 2005'],
    ['Originally published March 2011', 'First Published March 2011'],
    ['(updated)', undefined],
    ['', undefined],
  ])('should read the note %j as original publication %j', (note, expected) => {
    expect(readOriginalPublication({ note })).toBe(expected)
  })
})

describe('seriesOfTitle', () => {
  it.each([
    ['Iran Interlink Weekly Digest – 260', 'Iran Interlink Weekly Digest'],
    ['Iran Interlink Weekly Digest – October 18, 2019', 'Iran Interlink Weekly Digest'],
    ['Nejat Weekly - 12', 'Nejat Weekly'],
    ['Albanians React to MEK Fake News – State Police Fallen Prey', undefined],
    ['Weekly Digest', undefined],
  ])('should read the series of %j as %j', (title, series) => {
    expect(seriesOfTitle({ title })).toBe(series)
  })
})

describe('languageOfHeading', () => {
  it.each([
    ['In English', 'en'],
    ['In Farsi', 'fa'],
    ['In Persian', 'fa'],
    ['به فارسی', 'fa'],
    ['In Arabic', 'ar'],
    ['English press', 'en'],
    ['Albania', undefined],
    ['In Albania', undefined],
  ])('should read %j as %j', (heading, code) => {
    expect(languageOfHeading({ heading })).toBe(code)
  })
})

describe('toSegments', () => {
  it.each([
    ['plain text', [], [{ text: 'plain text' }]],
    [
      'as stated. [1] More',
      [1],
      [{ text: 'as stated. ' }, { text: '[1]', url: '#ref-1' }, { text: ' More' }],
    ],
    ['no reference [9] here', [1], [{ text: 'no reference [9] here' }]],
    [
      'see https://t.co/wobaKrZEXg.',
      [],
      [
        { text: 'see ' },
        { text: 'https://t.co/wobaKrZEXg', url: 'https://t.co/wobaKrZEXg' },
        { text: '.' },
      ],
    ],
    ['not a link http://localhost/x', [], [{ text: 'not a link http://localhost/x' }]],
  ])('should split %j', (text, citations, segments) => {
    expect(toSegments({ text, citations: new Set(citations) })).toEqual(segments)
  })
})

describe('readReference', () => {
  it.each([
    [
      'Cole, Juan, Trumpie Wingnut DNI, Informed Comment, October 22nd, 2020.',
      { outlet: 'Informed Comment', date: '2020-10-22' },
    ],
    ['https://www.nejatngo.org/en/posts/11158', { url: 'https://www.nejatngo.org/en/posts/11158' }],
    [
      'Doe, Jane, A study, Middle East Eye, https://www.middleeasteye.net/x, May 2nd, 2021.',
      { url: 'https://www.middleeasteye.net/x', outlet: 'Middle East Eye', date: '2021-05-02' },
    ],
    ['Some words without a date', {}],
  ])('should read %j', (text, expected) => {
    const {
      number,
      anchor,
      line,
      text: kept,
      ...rest
    } = readReference({ number: 7, text, line: 3 })
    expect([number, anchor, line, kept, rest]).toEqual([7, 'ref-7', 3, text, expected])
  })
})

describe('titleFromExcerpt', () => {
  it.each([
    ['Short sentence. Another one.', 'Short sentence'],
    ['The U.S. envoy met Dr. Smith. Then left.', 'The U.S. envoy met Dr. Smith'],
    ['++ With the elections in Iran. More.', 'With the elections in Iran'],
    [
      'A very long first sentence that goes on and on about the MEK and its troll farm in Albania and more and more.',
      'A very long first sentence that goes on and on about the MEK and its troll farm in…',
    ],
  ])('should title %j as %j', (excerpt, title) => {
    expect(titleFromExcerpt({ excerpt })).toBe(title)
  })
})
