import { describe, expect, it } from 'vitest'

import { searchRow } from '../../lib/searchDocument.ts'
import {
  expandSynonyms,
  highlightSnippet,
  parseSearchFilters,
  parseSearchQuery,
  queryPhrases,
  synonymGroups,
  toFts5Match,
  toMongoText,
  toTsquery,
} from '../../lib/searchQuery.ts'
import { indexedTerms, normaliseText, termsOf } from '../../lib/searchText.ts'

describe('normaliseText', () => {
  it.each([
    ['Giuliani MEK', 'giuliani mek'],
    ['Café Élysée naïve', 'cafe elysee naive'],
    ['Straße', 'strasse'],
    // Arabic yeh and kaf become the Persian letters.
    ['علي كريمي', 'علی کریمی'],
    // Teh marbuta, hamza forms and alef madda unified.
    ['مدرسة أحمد آزاد', 'مدرسه احمد ازاد'],
    // Tatweel and zero-width non-joiner removed.
    ['مـــجاهدین می‌خواهم', 'مجاهدین میخواهم'],
    // Short vowels (harakat) removed.
    ['مُجاهِدين', 'مجاهدین'],
    // Persian and Arabic digits become 0-9.
    ['۱۳۹۸ و ٢٠١٩', '1398 و 2019'],
  ])('should read %j as %j', (text, normalised) => {
    expect(normaliseText(text)).toBe(normalised)
  })
})

describe('termsOf', () => {
  it.each([
    ['Lobbying lobbies lobbied', ['lobbi', 'lobbi', 'lobbi']],
    ['The relationships', ['the', 'relationship']],
    ['al-Monitor, U.S.', ['al', 'monitor', 'u', 's']],
    ['مجاهدين خلق', ['مجاهدین', 'خلق']],
    ['', []],
  ])('should give %j the terms %j', (text, terms) => {
    expect(termsOf(text)).toEqual(terms)
  })

  it('should give the same terms to a word at index time and at query time', () => {
    expect(indexedTerms('Mujahedin-e Khalq’s LOBBYING')).toBe(
      termsOf('mujahedin e khalq s lobbying').join(' '),
    )
  })
})

describe('parseSearchQuery', () => {
  it.each([
    ['giuliani mek', { required: [[['giuliani']], [['mek']]], excluded: [] }],
    ['"paid relationship"', { required: [[['paid', 'relationship']]], excluded: [] }],
    ['mek OR mko', { required: [[['mek'], ['mko']]], excluded: [] }],
    ['mek | mko giuliani', { required: [[['mek'], ['mko']], [['giuliani']]], excluded: [] }],
    ['giuliani -bolton', { required: [[['giuliani']]], excluded: [['bolton']] }],
    ['giuliani -"white house"', { required: [[['giuliani']]], excluded: [['white', 'hous']] }],
    ['al-Monitor', { required: [[['al', 'monitor']]], excluded: [] }],
    ['a Giuliani I', { required: [[['giuliani']]], excluded: [] }],
    ['"unclosed phrase', { required: [[['unclos', 'phrase']]], excluded: [] }],
    ['OR mek', { required: [[['mek']]], excluded: [] }],
    ['MEK', { required: [[['mek']]], excluded: [] }],
    ['مجاهدين', { required: [[['مجاهدین']]], excluded: [] }],
  ])('should read %j', (query, parsed) => {
    expect(parseSearchQuery(query)).toEqual(parsed)
  })

  it.each([
    ['-bolton', /q must contain a word/],
    ['a b', /q must contain a word/],
    ['""', /q must contain a word/],
    ['x'.repeat(201), /q must be at most 200/],
    [Array.from({ length: 13 }, (_, n) => `word${n}`).join(' '), /at most 12/],
  ])('should refuse %j', (query, message) => {
    expect(() => parseSearchQuery(query)).toThrow(message)
  })
})

describe('expandSynonyms', () => {
  const groups = synonymGroups([
    { name: 'MEK', aliases: ['MKO', 'PMOI', 'Mojahedin', "People's Mojahedin"] },
    { name: 'Iran', aliases: [] },
  ])

  it('should make one group per topic with more than one name', () => {
    expect(groups).toEqual([
      [['mek'], ['mko'], ['pmoi'], ['mojahedin'], ['peopl', 's', 'mojahedin']],
    ])
  })

  it.each([
    ['MKO', [[['mko'], ['mek'], ['pmoi'], ['mojahedin'], ['peopl', 's', 'mojahedin']]]],
    [
      'giuliani mek',
      [[['giuliani']], [['mek'], ['mko'], ['pmoi'], ['mojahedin'], ['peopl', 's', 'mojahedin']]],
    ],
    [
      "people's mojahedin",
      [[['peopl', 's', 'mojahedin'], ['mek'], ['mko'], ['pmoi'], ['mojahedin']]],
    ],
    ['bolton', [[['bolton']]]],
  ])('should widen %j', (query, required) => {
    expect(expandSynonyms({ query: parseSearchQuery(query), groups }).required).toEqual(required)
  })

  it('should widen exclusions too', () => {
    expect(expandSynonyms({ query: parseSearchQuery('iran -mko'), groups }).excluded).toHaveLength(
      5,
    )
  })
})

describe('database queries', () => {
  const query = parseSearchQuery('"paid relationship" mek OR mko -bolton')
  it('should write an FTS5 MATCH expression', () => {
    expect(toFts5Match(query)).toBe('("paid relationship" AND ("mek" OR "mko")) NOT "bolton"')
  })
  it('should write a to_tsquery expression', () => {
    expect(toTsquery(query)).toBe("('paid' <-> 'relationship') & ('mek' | 'mko') & !'bolton'")
  })
  it('should write MongoDB $text and patterns', () => {
    expect(toMongoText(query)).toEqual({
      search: 'paid relationship mek mko',
      required: ['(^| )paid relationship( |$)', '(^| )mek( |$)|(^| )mko( |$)'],
      excluded: ['(^| )bolton( |$)'],
    })
  })
})

describe('parseSearchFilters', () => {
  const read = (params: Record<string, string>) =>
    parseSearchFilters({
      get: (name) => params[name],
      isLanguage: (code) => ['en', 'fa'].includes(code),
    })

  it('should read every filter', () => {
    expect(
      read({
        collection: 'posts',
        language: 'fa',
        from: '2019-01-01',
        to: '2019-12-31',
        author: 'casey-michel',
        source: '12',
        topic: 'mek',
      }),
    ).toEqual({
      collection: 'posts',
      language: 'fa',
      from: '2019-01-01',
      to: '2019-12-31',
      author: 'casey-michel',
      source: '12',
      topic: 'mek',
    })
  })

  it.each([
    [{ collection: 'users' }, /^collection "users" must be posts or digests/],
    [{ language: 'xx' }, /^language "xx" is not a language code/],
    [{ from: '2019-13-01' }, /^from "2019-13-01" must be a day/],
    [{ to: 'yesterday' }, /^to "yesterday" must be a day/],
    [{ from: '2020-01-02', to: '2020-01-01' }, /^from \(2020-01-02\) must not be after to/],
    [{ author: 'a b' }, /^author "a b" must be an id or a slug/],
    [{ topic: '%' }, /^topic "%" must be an id or a slug/],
  ])('should refuse %j naming the parameter', (params, message) => {
    expect(() => read(params)).toThrow(message)
  })
})

describe('highlightSnippet', () => {
  it('should mark every word whose term matched, whatever its form', () => {
    expect(
      highlightSnippet({
        text: 'Giuliani was lobbying; the lobbies paid.',
        phrases: [['lobbi']],
      }),
    ).toBe('Giuliani was <mark>lobbying</mark>; the <mark>lobbies</mark> paid.')
  })

  it('should mark Persian words written with other letter forms', () => {
    expect(highlightSnippet({ text: 'درباره مجاهدين خلق', phrases: [['مجاهدین']] })).toBe(
      'درباره <mark>مجاهدين</mark> خلق',
    )
  })

  it('should cut around the first match, at a word, and escape HTML', () => {
    const text = `${'word '.repeat(100)}<b>MEK</b> ${'more '.repeat(100)}`
    const snippet = highlightSnippet({ text, phrases: [['mek']], length: 60 })
    expect(snippet).toMatch(/^…word /)
    expect(snippet).toContain('&#60;b&#62;<mark>MEK</mark>&#60;/b&#62;')
    expect(snippet.endsWith('…')).toBe(true)
  })
})

describe('searchRow', () => {
  it('should index a post with its ids and detected language', () => {
    const row = searchRow({
      collection: 'posts',
      doc: {
        id: 7,
        title: 'مجاهدین خلق',
        slug: 'mek',
        excerpt: 'خلاصه',
        author: { id: 3, name: 'A' },
        writers: [{ name: 'Negar', author: 4 }, { name: 'Borzou' }],
        sources: [5, 6],
        topics: [{ id: 9 }],
        postedAt: '2019-10-16T00:00:00.000Z',
        _status: 'published',
      },
    })
    expect(row).toMatchObject({
      docKey: 'posts:7',
      language: 'fa',
      authorIds: ' 3 4 ',
      sourceIds: ' 5 6 ',
      topicIds: ' 9 ',
      date: '2019-10-16T00:00:00.000Z',
      titleTerms: 'مجاهدین خلق',
    })
    expect(row.text).toContain('Negar')
  })

  it('should mark a phrase only where its words stand together, and not its words elsewhere', () => {
    const phrases = queryPhrases(
      expandSynonyms({
        query: parseSearchQuery('mek'),
        groups: synonymGroups([
          {
            name: 'MEK',
            aliases: ["People's Mojahedin Organization of Iran", 'Mojahedin-e Khalq'],
          },
        ]),
      }),
    )
    expect(phrases.map((phrase) => phrase.join(' '))).not.toContain('of')
    expect(
      highlightSnippet({
        text: "The MEK, or People's Mojahedin Organization of Iran, is one of the groups of exiles.",
        phrases,
      }),
    ).toBe(
      'The <mark>MEK</mark>, or <mark>People</mark>&#39;<mark>s</mark> <mark>Mojahedin</mark> <mark>Organization</mark> <mark>of</mark> <mark>Iran</mark>, is one of the groups of exiles.',
    )
  })
})
