import { describe, expect, it } from 'vitest'

import {
  absoluteHttpUrl,
  chooseEmailFormat,
  renderDigestEmail,
  type EmailDigest,
} from '../../lib/digestEmail.ts'
import { htmlProblems, linkedAddresses, notAbsolute } from '../helpers/emailHtml.ts'

const digest: EmailDigest = {
  title: 'Iran Interlink Weekly Digest – 261',
  series: 'Iran Interlink Weekly Digest',
  issueNumber: 261,
  issueDate: '2019-10-20T12:00:00.000Z',
  language: 'en',
  introHtml: '<p style="margin:0 0 12px;">This week &amp; last.</p>',
  introText: 'This week & last.',
  webUrl: 'https://site.example/digests/weekly-261',
  items: [
    {
      heading: 'In English',
      bodyHtml: '<p style="margin:0;"><strong>Giuliani &amp; the MEK</strong></p>',
      bodyText: 'Giuliani & the MEK',
      post: { label: 'Giuliani & the MEK', url: 'https://site.example/posts/giuliani?x=1&y=2' },
      source: { name: 'Pravda', url: 'https://www.pravda.ru/' },
    },
    {
      heading: 'In English',
      bodyHtml: '<p style="margin:0;">Second</p>',
      bodyText: 'Second',
      post: null,
      source: { name: 'Lobelog', url: null },
    },
    {
      heading: 'In Persian',
      bodyHtml: '<p style="margin:0;">سلام</p>',
      bodyText: 'سلام',
      post: { label: 'x', url: '/posts/relative' },
      source: { name: '<b>Bad</b>', url: 'javascript:alert(1)' },
    },
  ],
}

describe('renderDigestEmail', () => {
  const email = renderDigestEmail(digest)

  it('should pass the HTML validator (inline styles allowed)', async () => {
    expect(await htmlProblems(email.html)).toEqual([])
  })

  it('should link only absolute http(s) addresses', () => {
    const addresses = linkedAddresses(email.html)
    expect(addresses).toEqual([
      'https://site.example/posts/giuliani?x=1&y=2',
      'https://www.pravda.ru/',
      'https://site.example/digests/weekly-261',
    ])
    expect(notAbsolute(addresses)).toEqual([])
  })

  it('should have no style sheet, script or class', () => {
    expect(email.html).not.toMatch(/<style|<script|<link|\sclass=|\son\w+=/i)
  })

  it('should give each run of a heading one section heading', () => {
    expect(email.html.match(/<h2 /g)).toHaveLength(2)
    expect(email.html).toMatch(/>In English<\/h2>[\s\S]*>In Persian<\/h2>/)
  })

  it('should escape names and titles', () => {
    expect(email.html).toContain('Source: &#60;b&#62;Bad&#60;/b&#62;')
    expect(email.html).not.toContain('<b>Bad</b>')
  })

  it('should write the plain-text part with sections, links in full and no markup', () => {
    expect(email.text).toBe(
      [
        'Iran Interlink Weekly Digest',
        'Iran Interlink Weekly Digest – 261',
        '==================================',
        'No. 261 · 20 Oct 2019',
        '',
        'This week & last.',
        '',
        'In English',
        '----------',
        '',
        'Giuliani & the MEK',
        'Read: https://site.example/posts/giuliani?x=1&y=2',
        'Source: Pravda <https://www.pravda.ru/>',
        '',
        'Second',
        'Source: Lobelog',
        '',
        'In Persian',
        '----------',
        '',
        'سلام',
        'Source: <b>Bad</b>',
        '',
        'Read this digest on the web: https://site.example/digests/weekly-261',
        '',
      ].join('\n'),
    )
  })

  it('should take the title as the subject', () => {
    expect(email.subject).toBe('Iran Interlink Weekly Digest – 261')
  })

  it('should render a digest with no items, number or date', async () => {
    const bare = renderDigestEmail({ title: 'Empty', items: [] })
    expect(await htmlProblems(bare.html)).toEqual([])
    expect(bare.text).toBe('Empty\n=====\n')
  })
})

describe('absoluteHttpUrl', () => {
  it.each([
    ['https://example.org/a?b=1', 'https://example.org/a?b=1'],
    ['http://example.org', 'http://example.org/'],
    ['/posts/x', undefined],
    ['posts/x', undefined],
    ['//example.org/x', undefined],
    ['mailto:a@example.org', undefined],
    ['javascript:alert(1)', undefined],
    ['', undefined],
    [null, undefined],
  ])('should take %j as %j', (value, expected) => {
    expect(absoluteHttpUrl(value)).toBe(expected)
  })
})

describe('chooseEmailFormat', () => {
  it.each([
    [[], { format: 'html' }],
    [['html'], { format: 'html' }],
    [['text'], { format: 'text' }],
    [['json'], { format: 'json' }],
    [['eml'], { format: 'eml' }],
  ])('should read %j as %j', (values, expected) => {
    expect(chooseEmailFormat(values)).toEqual(expected)
  })

  it.each([
    [['pdf'], /^format must be one of html, text, json, eml \(got "pdf"\)/],
    [['html', 'text'], /^format: give it once/],
  ])('should refuse %j naming format', (values, message) => {
    const chosen = chooseEmailFormat(values)
    expect('error' in chosen && chosen.error).toMatch(message)
  })
})
