import { describe, expect, it } from 'vitest'

import {
  choosePreviewFormat,
  formatFromAccept,
  PREVIEW_LINK_DURATIONS,
  PREVIEW_LINK_MAX_HOURS,
  previewLinkUrl,
  safeHref,
  splitUrls,
} from '../../lib/previewLinks.ts'

const TOKEN = 'AbC-_1'.repeat(7) + 'z'

describe('formatFromAccept', () => {
  it.each([
    [null, 'html'],
    ['', 'html'],
    ['*/*', 'html'],
    ['text/html', 'html'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'html'],
    ['application/json', 'json'],
    ['application/json, text/plain, */*', 'json'],
    ['application/*', 'json'],
    ['text/html;q=0.5, application/json', 'json'],
    ['application/json;q=0.5, text/html', 'html'],
    ['application/json;q=0.5, */*', 'html'],
    ['image/png', 'html'],
    ['garbage', 'html'],
    ['application/json;q=nonsense, text/html;q=0.1', 'html'],
  ])('should read Accept %j as %s', (accept, format) => {
    expect(formatFromAccept(accept)).toBe(format)
  })
})

describe('choosePreviewFormat', () => {
  it.each([
    [['json'], '*/*', 'json'],
    [['html'], 'application/json', 'html'],
    [[], 'application/json', 'json'],
    [[], null, 'html'],
  ])('should answer format=%j with Accept %j as %s', (formats, accept, format) => {
    expect(choosePreviewFormat({ formats, accept })).toEqual({ format })
  })

  it.each([
    [['xml'], 'text/html', 'html', /"format" must be html or json, not "xml"/],
    [['JSON'], 'application/json', 'json', /"format" must be html or json/],
    [[''], null, 'html', /"format" must be html or json/],
    [['json', 'html'], null, 'html', /"format" is given more than once/],
  ])(
    'should refuse format=%j naming the parameter, told as Accept %j asks',
    (formats, accept, format, message) => {
      const chosen = choosePreviewFormat({ formats, accept })
      expect(chosen.format).toBe(format)
      expect(chosen.error).toMatch(message)
    },
  )
})

describe('previewLinkUrl', () => {
  it.each([
    [undefined, `http://cms.test/api/preview/${TOKEN}`],
    ['https://site.example/preview?token={token}', `https://site.example/preview?token=${TOKEN}`],
    [
      'https://site.example/p/{token}/view#{token}',
      `https://site.example/p/${TOKEN}/view#${TOKEN}`,
    ],
  ])('should make the link from template %j', (template, url) => {
    expect(previewLinkUrl({ template, serverUrl: 'http://cms.test', token: TOKEN })).toBe(url)
  })

  it('should URL-encode the token it places in the template', () => {
    expect(
      previewLinkUrl({
        template: 'https://site.example/preview?token={token}',
        serverUrl: 'http://cms.test',
        token: 'a b&c',
      }),
    ).toBe('https://site.example/preview?token=a%20b%26c')
  })
})

describe('PREVIEW_LINK_DURATIONS', () => {
  it('should offer only durations the endpoint accepts', () => {
    for (const { hours } of PREVIEW_LINK_DURATIONS) {
      expect(hours).toBeGreaterThan(0)
      expect(hours).toBeLessThanOrEqual(PREVIEW_LINK_MAX_HOURS)
    }
  })
})

describe('safeHref', () => {
  it.each([
    ['https://example.org/a?b=1', 'https://example.org/a?b=1'],
    ['http://example.org', 'http://example.org'],
    ['mailto:desk@example.org', 'mailto:desk@example.org'],
    ['  https://example.org/  ', 'https://example.org/'],
    ['javascript:alert(1)', undefined],
    ['JaVaScRiPt:alert(1)', undefined],
    ['java\tscript:alert(1)', undefined],
    ['\u0000javascript:alert(1)', undefined],
    ['data:text/html,<script>alert(1)</script>', undefined],
    ['vbscript:msgbox(1)', undefined],
    ['tel:+441234', undefined],
    ['/api/users', undefined],
    ['//evil.example', undefined],
    ['', undefined],
    [42, undefined],
  ])('should give %j as %j', (url, expected) => {
    expect(safeHref(url)).toBe(expected)
  })
})

describe('splitUrls', () => {
  it.each([
    ['no address here', [{ text: 'no address here' }]],
    [
      '[3] https://www.nejatngo.org/en/posts/11158',
      [
        { text: '[3] ' },
        {
          text: 'https://www.nejatngo.org/en/posts/11158',
          url: 'https://www.nejatngo.org/en/posts/11158',
        },
      ],
    ],
    [
      'See https://example.org/a. Then stop.',
      [
        { text: 'See ' },
        { text: 'https://example.org/a', url: 'https://example.org/a' },
        { text: '. Then stop.' },
      ],
    ],
    [
      '(https://example.org/x)',
      [
        { text: '(' },
        { text: 'https://example.org/x', url: 'https://example.org/x' },
        { text: ')' },
      ],
    ],
    [
      'https://en.wikipedia.org/wiki/Foo_(bar)',
      [
        {
          text: 'https://en.wikipedia.org/wiki/Foo_(bar)',
          url: 'https://en.wikipedia.org/wiki/Foo_(bar)',
        },
      ],
    ],
    ['javascript:alert(1) http://', [{ text: 'javascript:alert(1) http://' }]],
  ])('should split %j', (text, parts) => {
    expect(splitUrls(text)).toEqual(parts)
  })
})
