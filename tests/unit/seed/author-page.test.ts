import { describe, expect, it } from 'vitest'

import { findOrThrow, parseAs, readSeed } from './helpers.ts'

const page = ({ prefix }: { prefix: string }) =>
  parseAs({ source: readSeed({ prefix }), kind: 'author-page' })

const allEntries = () => ['000', '001', '002'].flatMap((prefix) => page({ prefix }).entries)

const entry = ({ prefix, title }: { prefix: string; title: string }) =>
  findOrThrow({ items: page({ prefix }).entries, where: (e) => e.title === title, label: title })

describe('author pages: entries', () => {
  it.each([
    ['000', 10],
    ['001', 10],
    ['002', 6],
  ])('should find one entry per "Posted on" line in %s (%i)', (prefix, count) => {
    const postedOnLines = readSeed({ prefix }).text.match(/^Posted on:/gm) ?? []
    expect([page({ prefix }).entries.length, postedOnLines.length]).toEqual([count, count])
  })

  it('should find 26 entries across the three author pages', () => {
    expect(allEntries()).toHaveLength(26)
  })

  it.each([
    ['000', ['Iran Interlink Weekly Digest – October 18, 2019']],
    [
      '001',
      [
        'Iran Interlink Weekly Digest – August 09, 2019',
        'Iran Interlink Weekly Digest – August 02, 2019',
        'Iran Interlink Weekly Digest – July 26, 2019',
      ],
    ],
    ['002', []],
  ])('should flag exactly the weekly digest entries of %s as digests', (prefix, titles) => {
    const digests = page({ prefix }).entries.filter((e) => e.kind === 'digest')
    expect(digests.map((e) => e.title)).toEqual(titles)
  })

  it('should mark the other 22 entries as posts', () => {
    expect(allEntries().filter((e) => e.kind === 'post')).toHaveLength(22)
  })

  it.each([
    ['000', 'Iran Interlink Weekly Digest – October 18, 2019', '2019-10-18'],
    ['001', 'Iran Interlink Weekly Digest – July 26, 2019', '2019-07-26'],
  ])('should read the week of digest %s %j', (prefix, title, digestDate) => {
    expect(entry({ prefix, title }).digestDate).toBe(digestDate)
  })

  it.each([
    ['000', 14, 'MEK Trolls in Albania are activated against Canadian MP'],
    ['000', 68, 'MEK Lobbyist Rudy Giuliani Facing the Law'],
    ['001', 37, 'MEK : Totalitarian Cult , or Iran’s Brightest Hope for Democracy ?'],
    ['002', 41, 'What do Iranians think of the MEK? (Mojahedin Khalq, MKO Rajavi cult)'],
  ])('should record %s line %i as the provenance of %j', (prefix, line, title) => {
    expect(entry({ prefix, title }).provenance).toEqual({
      file: readSeed({ prefix }).fileName,
      line,
    })
  })

  it('should give every entry a distinct sha256 content hash', () => {
    const hashes = allEntries().map((e) => e.contentHash)
    expect([new Set(hashes).size, hashes.every((hash) => /^[0-9a-f]{64}$/.test(hash))]).toEqual([
      26,
      true,
    ])
  })

  it('should compute the same hash on every parse', () => {
    expect(page({ prefix: '000' }).contentHash).toBe(page({ prefix: '000' }).contentHash)
  })
})

describe('author pages: profile', () => {
  it.each([
    ['000', { name: 'Iran Interlink', twitter: 'IranInterlink' }],
    ['001', { name: 'Iran Interlink', twitter: 'IranInterlink' }],
    ['002', { name: 'Ali Alavi', twitter: 'alialavi2000ali' }],
  ])('should read the author of %s', (prefix, expected) => {
    expect(page({ prefix }).author).toMatchObject(expected)
  })

  it.each([['000'], ['001'], ['002']])('should give no email for %s', (prefix) => {
    expect(page({ prefix }).author).not.toHaveProperty('email')
  })

  it('should warn that the Cloudflare-obfuscated email is not an address', () => {
    expect(page({ prefix: '000' }).warnings).toContainEqual({
      file: readSeed({ prefix: '000' }).fileName,
      line: 8,
      message: expect.stringContaining('Cloudflare-obfuscated'),
    })
  })

  it('should warn about the chat-paste artefact at the start of the bio of 002, with its line', () => {
    expect(page({ prefix: '002' }).warnings).toContainEqual({
      file: readSeed({ prefix: '002' }).fileName,
      line: 5,
      message: expect.stringContaining('chat-paste artefact "Anne Anne, [13.03.19 11:20]"'),
    })
  })

  it.each([['000'], ['001']])('should find no chat-paste artefact in the bio of %s', (prefix) => {
    expect(page({ prefix }).warnings.filter((w) => /chat-paste/.test(w.message))).toEqual([])
  })

  it.each([
    ['000', 'Aims of Iran-Interlink – to inform'],
    ['002', 'Anne Anne, [13.03.19 11:20] I am Ali Alavi'],
  ])('should keep the bio of %s without the repeated name', (prefix, start) => {
    expect(page({ prefix }).author.bio.startsWith(start)).toBe(true)
  })
})

describe('author pages: credits', () => {
  it('should find NBC News as the outlet of exactly two entries', () => {
    const nbc = allEntries().filter((e) => e.credit.outlets.includes('NBC News'))
    expect(nbc.map((e) => e.title)).toEqual([
      'Giuliani MEK Lobbyist exposed',
      'Giuliani work for MEK with bloody past could lead to more legal woes',
    ])
  })

  it.each([
    [
      '000',
      'Former MEK in Albania Expose MEK Stupid Lies',
      { outlets: ['ABC News', 'Ora News'], place: 'Tirana, Albania' },
    ],
    [
      '000',
      'Albanians React to MEK Fake News – State Police Fallen Prey',
      { outlets: ['FaxWeb', 'Albanian Gazette'] },
    ],
    [
      '001',
      'Israel Rewards MEK by Bombing lost Ashraf Garrison in Iraq',
      { outlets: ['Al Masdar', 'Asharq Al-Ausat'] },
    ],
    [
      '000',
      'MEK Terrorists In Albania Now Targeting Canadian Politicians',
      { outlets: ['Iranian Canadian Congress (ICC)'], date: '2019-10-22' },
    ],
    [
      '000',
      'Albanian Police MEK Statement Ordered by Washington',
      { outlets: ['Exit'], place: 'Albania' },
    ],
    [
      '000',
      'MEK Trolls in Albania are activated against Canadian MP',
      { writer: 'Shenaz Kermalli', outlets: ['Ricochet Media'] },
    ],
    [
      '000',
      'MEK Lobbyist Rudy Giuliani Facing the Law',
      { writer: 'Casey Michel', outlets: ['The New Republic'] },
    ],
    [
      '002',
      'Mike Pence From Anti Saddam To lobbying for Saddam Private Army',
      { writer: 'Ali Alavi', outlets: ['Iran Interlink'] },
    ],
    [
      '002',
      'Human Rights Watch Report (2005) – MEK Survivor: I was Imprisoned For 45 days',
      { outlets: ['Human Rights Watch'], date: '2021-09-06', note: '(Fist Published 2005)' },
    ],
  ])('should read the credit of %s %j', (prefix, title, credit) => {
    expect(entry({ prefix, title }).credit).toMatchObject(credit)
  })

  it('should read every credit on the three pages without a warning', () => {
    const creditWarnings = ['000', '001', '002'].flatMap((prefix) =>
      page({ prefix }).warnings.filter((w) => /credit "/.test(w.message)),
    )
    expect(creditWarnings).toEqual([])
  })
})

describe('author pages: dates', () => {
  it.each([
    ['000', 'Former MEK in Albania Expose MEK Stupid Lies', '2019-10-26', 22],
    ['000', 'Albanian Police MEK Statement Ordered by Washington', '2019-10-24', 34],
    [
      '001',
      'Iran Blasts US , EU support for MKO Terrorists – Mersad Anniversary',
      '2019-07-27',
      69,
    ],
  ])(
    'should fall back to the credit date when "Posted on" is empty: %s %j',
    (prefix, title, date, line) => {
      expect([entry({ prefix, title }), page({ prefix }).warnings]).toEqual([
        expect.objectContaining({
          postedOn: null,
          date,
          dateSource: 'credit',
          isDateFallback: true,
        }),
        expect.arrayContaining([
          expect.objectContaining({ line, message: expect.stringContaining('fell back') }),
        ]),
      ])
    },
  )

  it.each([
    ['000', 'MEK Trolls in Albania are activated against Canadian MP', '2019-10-26'],
    ['002', 'Afghan Refugees in Albania – Recruitment Fodder for the MEK', '2021-09-13'],
    ['002', 'What do Iranians think of the MEK? (Mojahedin Khalq, MKO Rajavi cult)', '2019-03-14'],
  ])('should prefer the "Posted on" date: %s %j', (prefix, title, date) => {
    expect(entry({ prefix, title })).toMatchObject({
      postedOn: date,
      date,
      dateSource: 'posted-on',
      isDateFallback: false,
    })
  })

  it('should give every real entry a date', () => {
    expect(allEntries().filter((e) => e.date === null)).toEqual([])
  })
})

describe('author pages: excerpts', () => {
  it.each([
    [
      '000',
      'MEK Trolls in Albania are activated against Canadian MP',
      'exact',
      'long thread urging Canadians to unseat him.',
    ],
    ['000', 'Giuliani MEK Lobbyist exposed', 'exact', 'representing his third ex-wife .'],
    [
      '001',
      'John Bolton MEK Desperate Attempt to Awaken the U.S. War Machine',
      'exact',
      'any means is justified for waging war.',
    ],
    [
      '001',
      'MEK : Totalitarian Cult , or Iran’s Brightest Hope for Democracy ?',
      'exact',
      'is the cry of the Iranian people.”.',
    ],
    [
      '001',
      'Iran Interlink Weekly Digest – July 26, 2019',
      'prefix',
      'families are not allowed to attend the funeral.',
    ],
    [
      '002',
      'Democracy MEK Style: Hypocrisy ( September 15, International Day of Democracy )',
      'prefix',
      'Not very democratic then.',
    ],
    [
      '002',
      'Afghan Refugees in Albania – Recruitment Fodder for the MEK',
      'exact',
      'Mojahedin Khalq (MEK) is based there.',
    ],
    [
      '002',
      'Human Rights Watch Report (2005) – MEK Survivor: I was Imprisoned For 45 days',
      'shortened',
      'his experience during this period..',
    ],
  ])('should strip the repeated title from %s %j (%s)', (prefix, title, match, end) => {
    const found = entry({ prefix, title })
    expect([found.titleRepeat, found.excerpt.endsWith(end)]).toEqual([match, true])
  })

  it.each([
    [
      '002',
      'Mike Pence From Anti Saddam To lobbying for Saddam Private Army',
      'powers .Lobbyist Mike Pence Mujahedin Saddam Hussein.',
      15,
    ],
    [
      '002',
      'Maryam Rajavi’s lies flood the internet while Iranians struggle with reality',
      'Not this time dear!',
      39,
    ],
    [
      '002',
      'What do Iranians think of the MEK? (Mojahedin Khalq, MKO Rajavi cult)',
      'because they don’t know anything else.',
      45,
    ],
  ])(
    'should keep the excerpt whole and warn when no title repeat is found: %s %j',
    (prefix, title, end, line) => {
      const found = entry({ prefix, title })
      expect([found.titleRepeat, found.excerpt.endsWith(end), page({ prefix }).warnings]).toEqual([
        'none',
        true,
        expect.arrayContaining([
          {
            file: found.provenance.file,
            line,
            message: expect.stringContaining('title repeat not found'),
          },
        ]),
      ])
    },
  )

  it('should recognise the title repeat in 23 of the 26 entries', () => {
    expect(allEntries().filter((e) => e.titleRepeat !== 'none')).toHaveLength(23)
  })

  it('should leave no non-breaking space in any excerpt', () => {
    expect(allEntries().filter((e) => e.excerpt.includes('\u00a0'))).toEqual([])
  })

  it('should start excerpts after the ellipsis', () => {
    expect(
      entry({
        prefix: '002',
        title: 'Maryam Rajavi’s lies flood the internet while Iranians struggle with reality',
      }).excerpt,
    ).toMatch(/^After Khodabandeh pointed out/)
  })
})
