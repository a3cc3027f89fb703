import { describe, expect, it } from 'vitest'

import { detectSeedKind, parseSeedFile } from '../../../seed/parse/index.ts'
import { normalizeInput, toLines } from '../../../seed/parse/text.ts'
import { parseAs, readFixture, readSeed } from './helpers.ts'

describe('parseSeedFile: detection by content', () => {
  it.each([
    ['000', 'author-page'],
    ['001', 'author-page'],
    ['002', 'author-page'],
    ['003', 'article-page'],
    ['004', 'digest-page'],
  ])('should recognise seed %s as %s', (prefix, kind) => {
    expect(parseSeedFile(readSeed({ prefix })).kind).toBe(kind)
  })

  it.each([
    ['003', 'author-000.txt', 'article-page'],
    ['004', 'article.txt', 'digest-page'],
    ['000', 'digest-004.txt', 'author-page'],
  ])('should ignore the file name: seed %s named %s is still an %s', (prefix, fileName, kind) => {
    expect(parseSeedFile({ fileName, text: readSeed({ prefix }).text }).kind).toBe(kind)
  })

  it('should return null from detectSeedKind for prose', () => {
    expect(detectSeedKind({ lines: toLines({ text: 'Hello.\nWorld.' }) })).toBeNull()
  })
})

describe('parseSeedFile: line endings and byte order marks', () => {
  const crlf = readFixture({ name: 'author-crlf.txt' })
  const summary = ({ text }: { text: string }) =>
    parseAs({ source: { fileName: crlf.fileName, text }, kind: 'author-page' }).entries.map((e) => [
      e.provenance.line,
      e.title,
      e.excerpt,
      e.date,
    ])

  it('should parse a CRLF file', () => {
    expect(summary({ text: crlf.text })).toEqual([
      [11, 'First Post With CRLF Endings', 'An excerpt of the first post.', '2020-01-15'],
      [17, 'Second Post', 'Another excerpt.', '2020-02-02'],
    ])
  })

  it.each([
    ['LF', (text: string) => text.replace(/\r\n/g, '\n')],
    ['CR', (text: string) => text.replace(/\r\n/g, '\r')],
    ['BOM + CRLF', (text: string) => `\ufeff${text}`],
  ])('should parse the %s variant the same way', (_case, convert) => {
    expect(summary({ text: convert(crlf.text) })).toEqual(summary({ text: crlf.text }))
  })

  it('should read the profile of the CRLF fixture, including a real email', () => {
    expect(parseAs({ source: crlf, kind: 'author-page' }).author).toMatchObject({
      name: 'Jane Example',
      bio: 'Jane writes about cults and the people who leave them.',
      email: 'jane@example.org',
      twitter: 'janeexample',
    })
  })

  it('should drop the BOM before the breadcrumb of a digest', () => {
    expect(
      parseAs({ source: readFixture({ name: 'digest-bom.txt' }), kind: 'digest-page' }),
    ).toMatchObject({
      breadcrumb: ['Home', 'Iran Interlink Weekly Digest', 'Iran Interlink Weekly Digest – 7'],
      issue: 7,
      date: '2020-01-03',
      items: [
        { index: 1, provenance: { line: 7 } },
        { index: 2, heading: 'In Farsi', provenance: { line: 11 } },
      ],
    })
  })

  it('should keep line numbers of the raw file after normalisation', () => {
    expect(toLines({ text: normalizeInput({ text: 'a\r\n\r\nb\rc' }) })).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: '' },
      { line: 3, text: 'b' },
      { line: 4, text: 'c' },
    ])
  })
})

describe('parseSeedFile: author page edge cases', () => {
  it('should parse an author page with no posts and warn', () => {
    const page = parseAs({
      source: readFixture({ name: 'author-no-posts.txt' }),
      kind: 'author-page',
    })
    expect([
      page.author.name,
      page.author.twitter,
      page.entries,
      page.warnings.map((w) => w.message),
    ]).toEqual(['Quiet Writer', 'quietwriter', [], ['author page lists no entries']])
  })

  it.each([
    [
      'Empty Posted On And Dateless Credit',
      { postedOn: null, date: null, dateSource: 'none', isDateFallback: false },
    ],
    [
      'Unreadable Posted On',
      { postedOn: null, date: '2019-10-22', dateSource: 'credit', isDateFallback: true },
    ],
    ['Impossible Credit Date', { postedOn: null, date: null, dateSource: 'none' }],
  ])('should handle missing dates in %j', (title, expected) => {
    const page = parseAs({
      source: readFixture({ name: 'author-missing-dates.txt' }),
      kind: 'author-page',
    })
    expect(page.entries.find((e) => e.title === title)).toMatchObject(expected)
  })

  it('should warn about each unreadable or missing date with its line', () => {
    const page = parseAs({
      source: readFixture({ name: 'author-missing-dates.txt' }),
      kind: 'author-page',
    })
    expect(page.warnings.map((w) => [w.line, w.message])).toEqual([
      [7, 'no date in credit "Some Outlet"'],
      [5, 'entry has no readable date'],
      [11, 'unreadable "Posted on" date "sometime in 2019"'],
      [11, 'unreadable "Posted on"; fell back to the credit date 2019-10-22'],
      [19, 'unreadable date "February 30 2019" in credit; date left empty'],
      [17, 'entry has no readable date'],
    ])
  })

  it.each([
    [
      'MEK : Totalitarian Cult , or Iran’s Brightest Hope for Democracy ?',
      'exact',
      'The group has a dark history.',
      'post',
    ],
    [
      '” Heshmat Alavi Gate ” , Trump and MEK',
      'prefix',
      'The persona had a strong presence on Twitter.',
      'post',
    ],
    ['Iran Interlink Weekly Digest - June 12, 2019', 'prefix', 'The digest excerpt.', 'digest'],
  ])('should handle the punctuation in %j', (title, titleRepeat, excerpt, kind) => {
    const page = parseAs({
      source: readFixture({ name: 'author-punctuation.txt' }),
      kind: 'author-page',
    })
    expect(page.entries.find((e) => e.title === title)).toMatchObject({
      titleRepeat,
      excerpt,
      kind,
    })
  })

  it('should read a hyphenated digest title as a digest of that week', () => {
    const page = parseAs({
      source: readFixture({ name: 'author-punctuation.txt' }),
      kind: 'author-page',
    })
    expect(page.entries[2].digestDate).toBe('2019-06-12')
  })

  it('should parse an author page whose excerpt is a 2 MB line', () => {
    const text = [
      'Author: Big',
      'Big Post',
      'Posted on: 2020/01/01',
      `NBC News, January 01 2020:… ${'word, word: [word] '.repeat(110_000)}Big Post`,
    ].join('\n')
    const page = parseAs({ source: { fileName: 'big.txt', text }, kind: 'author-page' })
    expect([page.entries[0].titleRepeat, page.entries[0].credit.outlets]).toEqual([
      'exact',
      ['NBC News'],
    ])
  })
})

describe('parseSeedFile: article and digest edge cases', () => {
  const article = () =>
    parseAs({ source: readFixture({ name: 'article-no-byline.txt' }), kind: 'article-page' })

  it('should fall back to the line before the body for the title and warn', () => {
    expect([article().title, article().titleRepeat, article().warnings[1].message]).toEqual([
      'Real Title Of The Article',
      'none',
      expect.stringContaining('no line repeats the excerpt link text'),
    ])
  })

  it('should leave the author empty without a byline and warn', () => {
    expect([article().author, article().warnings.map((w) => w.message)]).toEqual([
      undefined,
      expect.arrayContaining([
        'no "By NAME" byline; author left empty',
        'citation [1] has no matching reference',
      ]),
    ])
  })

  it('should skip an "Also read" title with no credit line and a stray caption', () => {
    expect(article().skipped.map((s) => [s.line, s.reason])).toEqual([
      [7, '"Also read" block without a title and credit line'],
      [9, 'standalone related-post link or caption (no credit line)'],
    ])
  })

  it('should parse an article whose first line is 2 MB', () => {
    const text = [
      `Nejat Society, October 31 2020:… ${'Once upon a time. '.repeat(115_000)}The Title`,
      'The Title',
      'Once upon a time. And the body goes on.',
      'By Some Writer',
    ].join('\n')
    const page = parseAs({ source: { fileName: 'big.txt', text }, kind: 'article-page' })
    expect([page.title, page.author, page.body.length]).toEqual(['The Title', 'Some Writer', 1])
  })

  it('should parse a digest whose item is a 2 MB line', () => {
    const text = ['Digest – 1', `++ ${'item text: more '.repeat(130_000)}`, 'May 1, 2020'].join(
      '\n',
    )
    const page = parseAs({ source: { fileName: 'big.txt', text }, kind: 'digest-page' })
    expect([page.issue, page.items.length, page.date]).toEqual([1, 1, '2020-05-01'])
  })
})
