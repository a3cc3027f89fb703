import { describe, expect, it } from 'vitest'

import {
  checkBuildRequest,
  checkDayRange,
  isoDay,
  itemBody,
  lastFullWeek,
  MAX_BUILD_ITEMS,
  nextIssueNumber,
  parseIsoDay,
  proposedTitle,
  proposeItems,
  unpublishedLinks,
  type ProposalPost,
} from '../../lib/digestBuilder.ts'
import { isLanguageCode } from '../../lib/languages.ts'
import { plainText } from '../../lib/search.ts'

describe('parseIsoDay', () => {
  it.each([
    ['2019-10-14', new Date(2019, 9, 14)],
    ['2024-02-29', new Date(2024, 1, 29)],
    ['2026-12-31', new Date(2026, 11, 31)],
  ])('should read %s as that local midnight', (value, expected) => {
    expect(parseIsoDay(value)?.getTime()).toBe(expected.getTime())
  })

  it.each([
    ['2026-02-29'],
    ['2026-13-01'],
    ['2026-1-01'],
    ['2026-01-01T00:00:00Z'],
    [' 2026-01-01'],
    [''],
    [20260101],
    [null],
  ])('should refuse %j', (value) => {
    expect(parseIsoDay(value)).toBeUndefined()
  })
})

describe('lastFullWeek', () => {
  it.each([
    // A Wednesday: the Monday-to-Sunday week before it.
    [new Date(2019, 9, 23, 15, 0), { from: '2019-10-14', to: '2019-10-20' }],
    // A Monday, early: the week that ended the day before.
    [new Date(2019, 9, 21, 0, 5), { from: '2019-10-14', to: '2019-10-20' }],
    // A Sunday, late: still the week before, not the one ending today.
    [new Date(2019, 9, 27, 23, 55), { from: '2019-10-14', to: '2019-10-20' }],
    // Across a year's end.
    [new Date(2027, 0, 2, 12, 0), { from: '2026-12-21', to: '2026-12-27' }],
  ])('should give the last full week before %s', (now, expected) => {
    expect(lastFullWeek(now)).toEqual(expected)
  })
})

describe('checkDayRange', () => {
  it('should cover both end days whole: from the first midnight to the one after the last day', () => {
    const checked = checkDayRange({ from: '2019-10-14', to: '2019-10-20' })
    expect(checked).toEqual({
      range: { from: '2019-10-14', to: '2019-10-20' },
      bounds: { start: new Date(2019, 9, 14), end: new Date(2019, 9, 21) },
    })
  })

  it('should take a one-day range', () => {
    expect(checkDayRange({ from: '2019-10-14', to: '2019-10-14' })).toMatchObject({
      bounds: { start: new Date(2019, 9, 14), end: new Date(2019, 9, 15) },
    })
  })

  it.each([
    [{ from: undefined, to: '2019-10-20' }, /^from must be a day/],
    [{ from: '2019-10-32', to: '2019-10-20' }, /^from must be a day/],
    [{ from: '2019-10-14', to: 'next week' }, /^to must be a day/],
    [{ from: '2019-10-14', to: ['2019-10-20'] }, /^to must be a day/],
    [{ from: '2019-10-20', to: '2019-10-14' }, /^to \(2019-10-14\) must not be before from/],
    [{ from: '2018-01-01', to: '2019-10-14' }, /^to: a range covers at most 366 days/],
  ])('should refuse %j naming the parameter', (input, message) => {
    const checked = checkDayRange(input)
    expect('error' in checked && checked.error).toMatch(message)
  })
})

describe('nextIssueNumber', () => {
  it.each([
    [[], 1],
    [[null, undefined], 1],
    [[260], 261],
    [[3, 260, 12], 261],
    [[260, 261.5, -4, '999', Number.NaN], 261],
  ])('should give the number after the highest of %j: %i', (numbers, expected) => {
    expect(nextIssueNumber(numbers)).toBe(expected)
  })
})

const post = (overrides: Partial<ProposalPost> & { id: number }): ProposalPost => ({
  title: `Post ${overrides.id}`,
  slug: `post-${overrides.id}`,
  excerpt: null,
  postedAt: '2019-10-15T00:00:00.000Z',
  language: 'en',
  _status: 'published',
  sources: [],
  ...overrides,
})

describe('proposeItems', () => {
  it('should group by language, English first, then Persian, then posts of no language', () => {
    const groups = proposeItems({
      posts: [
        post({ id: 1, language: null }),
        post({ id: 2, language: 'fa' }),
        post({ id: 3, language: 'en' }),
        post({ id: 4, language: 'fa' }),
      ],
    })
    expect(
      groups.map((group) => [
        group.language,
        group.heading,
        group.items.map((item) => item.post.id),
      ]),
    ).toEqual([
      ['en', 'In English', [3]],
      ['fa', 'In Persian', [2, 4]],
      [null, null, [1]],
    ])
  })

  it('should order each group oldest first, then by title', () => {
    const groups = proposeItems({
      posts: [
        post({ id: 1, title: 'Zeta', postedAt: '2019-10-16T00:00:00.000Z' }),
        post({ id: 2, title: 'Beta', postedAt: '2019-10-15T00:00:00.000Z' }),
        post({ id: 3, title: 'Alpha', postedAt: '2019-10-16T00:00:00.000Z' }),
      ],
    })
    expect(groups[0].items.map((item) => item.title)).toEqual(['Beta', 'Alpha', 'Zeta'])
  })

  it.each([
    [
      [
        { id: 7, name: 'Pravda', slug: 'pravda' },
        { id: 8, name: 'Newsweek' },
      ],
      { id: 7, name: 'Pravda' },
    ],
    [[9, 10], { id: 9, name: null }],
    [[], null],
    [null, null],
  ])('should link the first source of %j', (sources, expected) => {
    expect(proposeItems({ posts: [post({ id: 1, sources })] })[0].items[0].source).toEqual(expected)
  })

  it('should give each item its post, language, heading, and its title and excerpt as text', () => {
    const [group] = proposeItems({
      posts: [post({ id: 5, title: ' Giuliani\n and the MEK ', excerpt: 'A  long\nstory.' })],
    })
    expect(group.items[0]).toEqual({
      post: {
        id: 5,
        title: ' Giuliani\n and the MEK ',
        slug: 'post-5',
        postedAt: '2019-10-15T00:00:00.000Z',
      },
      source: null,
      language: 'en',
      heading: 'In English',
      title: 'Giuliani and the MEK',
      excerpt: 'A long story.',
    })
  })

  it('should propose nothing for no posts', () => {
    expect(proposeItems({ posts: [] })).toEqual([])
  })
})

describe('proposedTitle', () => {
  it.each([
    [
      { series: 'Iran Interlink Weekly Digest', issueNumber: 261 },
      'Iran Interlink Weekly Digest – 261',
    ],
    [{ series: '  ', issueNumber: 1 }, 'Weekly Digest – 1'],
    [{ issueNumber: 12 }, 'Weekly Digest – 12'],
  ])('should title %j as %j', (input, expected) => {
    expect(proposedTitle(input)).toBe(expected)
  })
})

describe('itemBody', () => {
  it('should write the title in bold, then the excerpt as its own paragraph', () => {
    const body = itemBody({ title: 'Title', excerpt: 'The excerpt.' })
    expect(body.root.children).toHaveLength(2)
    expect(body.root.children[0].children[0]).toMatchObject({ text: 'Title', format: 1 })
    expect(plainText(body)).toMatch(/Title\s+The excerpt\./)
  })

  it.each([[null], [''], ['   ']])('should leave out an excerpt of %j', (excerpt) => {
    expect(itemBody({ title: 'Title', excerpt }).root.children).toHaveLength(1)
  })
})

describe('unpublishedLinks', () => {
  it('should name each linked post that is a draft or in the trash, once, in link order', () => {
    expect(
      unpublishedLinks([
        { id: 1, title: 'Live', _status: 'published' },
        { id: 2, title: 'Draft', _status: 'draft' },
        { id: 3, title: 'Trashed', _status: 'published', deletedAt: '2026-01-01T00:00:00Z' },
        { id: 2, title: 'Draft', _status: 'draft' },
      ]),
    ).toEqual([
      { id: 2, title: 'Draft', status: 'draft' },
      { id: 3, title: 'Trashed', status: 'trashed' },
    ])
  })
})

describe('checkBuildRequest', () => {
  const check = (body: unknown) => checkBuildRequest({ body, isLanguage: isLanguageCode })

  it('should take a range alone, with its bounds', () => {
    expect(check({ from: '2019-10-14', to: '2019-10-20' })).toEqual({
      request: {
        range: { from: '2019-10-14', to: '2019-10-20' },
        bounds: { start: new Date(2019, 9, 14), end: new Date(2019, 9, 21) },
      },
    })
  })

  it('should take items in order with the issue details, trimming headings', () => {
    expect(
      check({
        items: [{ post: 3, source: 9, heading: ' In English ', language: 'en' }, { post: '4' }],
        title: ' No. 261 ',
        issueNumber: 261,
        issueDate: '2019-10-20',
      }),
    ).toEqual({
      request: {
        items: [
          { post: 3, source: 9, heading: 'In English', language: 'en' },
          { post: '4', source: null, heading: null, language: null },
        ],
        title: 'No. 261',
        issueNumber: 261,
        issueDate: '2019-10-20',
      },
    })
  })

  it.each([
    [null, /^the body must be a JSON object/],
    [[], /^the body must be a JSON object/],
    [{}, /^from and to .* or items, are required/],
    [{ from: '2019-10-14' }, /^to must be a day/],
    [{ items: [] }, /^items must be a non-empty list/],
    [{ items: 'all' }, /^items must be a non-empty list/],
    [
      { items: Array.from({ length: MAX_BUILD_ITEMS + 1 }, () => ({ post: 1 })) },
      /^items: at most/,
    ],
    [{ items: [{ post: 1 }, 'x'] }, /^items\[1\] must be an object/],
    [{ items: [{ post: 0 }] }, /^items\[0\]\.post must be a post id/],
    [{ items: [{ post: 1.5 }] }, /^items\[0\]\.post must be a post id/],
    [{ items: [{ post: '../x' }] }, /^items\[0\]\.post must be a post id/],
    [{ items: [{ post: 1, source: {} }] }, /^items\[0\]\.source must be a source id/],
    [{ items: [{ post: 1, heading: 5 }] }, /^items\[0\]\.heading must be text/],
    [{ items: [{ post: 1, language: 'xx' }] }, /^items\[0\]\.language must be one of/],
    [{ items: [{ post: 1 }], title: '' }, /^title must be non-empty/],
    [{ items: [{ post: 1 }], issueNumber: '261' }, /^issueNumber must be a whole number/],
    [{ items: [{ post: 1 }], issueNumber: 0 }, /^issueNumber must be a whole number/],
    [{ items: [{ post: 1 }], issueDate: '20 Oct 2019' }, /^issueDate must be a day/],
  ])('should refuse %j naming the parameter', (body, message) => {
    const checked = check(body)
    expect('error' in checked && checked.error).toMatch(message)
  })
})

describe('isoDay', () => {
  it('should write a local date as YYYY-MM-DD', () => {
    expect(isoDay(new Date(2019, 9, 5, 23, 59))).toBe('2019-10-05')
  })
})
