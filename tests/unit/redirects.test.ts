import { describe, expect, it } from 'vitest'

import {
  locationOf,
  lookupCandidates,
  MAX_CHAIN_HOPS,
  normaliseSitePath,
  normaliseTarget,
  pathOfUrl,
  redirectsToRewrite,
  resolveTarget,
} from '../../lib/redirects.ts'

describe('normaliseSitePath', () => {
  it.each([
    ['/posts/old-slug', '/posts/old-slug'],
    ['  /posts/old-slug  ', '/posts/old-slug'],
    ['/wordpress/donald-trump/', '/wordpress/donald-trump/'],
    ['/', '/'],
    ['/posts/%7Eold', '/posts/~old'],
    ['/posts/%41bc', '/posts/Abc'],
    ['/posts/a%2fb', '/posts/a%2Fb'],
    ['/posts/a b', '/posts/a%20b'],
    ['/posts/مجاهدین', '/posts/%D9%85%D8%AC%D8%A7%D9%87%D8%AF%DB%8C%D9%86'],
    ['/posts/%d9%85', '/posts/%D9%85'],
    ['/?p=123', '/?p=123'],
    ['/search?q=a%2bb&x=%7e', '/search?q=a%2Bb&x=~'],
    ['/search?q=a b', '/search?q=a%20b'],
    ['/posts/x?', '/posts/x'],
    ['/Posts/Case', '/Posts/Case'],
  ])('should write %j as %j', (path, expected) => {
    expect(normaliseSitePath({ path })).toEqual({ value: expected })
  })

  it.each([
    ['', /empty/],
    ['posts/x', /must start with "\/"/],
    ['https://iran-interlink.org/wordpress/x/', /without scheme or host, e.g. "\/wordpress\/x\/"/],
    ['//evil.example/x', /without scheme or host/],
    ['javascript:alert(1)', /without scheme or host/],
    ['/posts/../users', /"\." or "\.\." segments/],
    ['/posts/%2e%2E/users', /"\." or "\.\." segments/],
    ['/posts/./x', /"\." or "\.\." segments/],
    ['/posts/x%zz', /"%" that is not followed by two hex digits/],
    ['/posts/x%4', /"%" that is not followed by two hex digits/],
    ['/posts/x#top', /#fragment/],
    ['/posts\\x', /"\\"/],
    ['/posts/\u0000x', /control characters/],
    [`/${'a'.repeat(2000)}`, /longer than 2000/],
  ])('should refuse %j', (path, problem) => {
    expect(normaliseSitePath({ path }).problem).toMatch(problem)
  })

  it('should keep a fragment when it is allowed', () => {
    expect(normaliseSitePath({ path: '/posts/x#part two', isFragmentAllowed: true })).toEqual({
      value: '/posts/x#part%20two',
    })
  })
})

describe('normaliseTarget', () => {
  it.each([
    ['/posts/new', '/posts/new'],
    ['/posts/new#section', '/posts/new#section'],
    ['https://example.org/page', 'https://example.org/page'],
    ['HTTPS://Example.org', 'https://example.org/'],
    ['http://example.org/a b', 'http://example.org/a%20b'],
  ])('should accept %j as %j', (to, expected) => {
    expect(normaliseTarget({ to })).toEqual({ value: expected })
  })

  it.each([
    ['mailto:someone@example.org', /site path starting with "\/" or an http\(s\) URL/],
    ['javascript:alert(1)', /site path starting with "\/" or an http\(s\) URL/],
    ['ftp://example.org/x', /site path starting with "\/" or an http\(s\) URL/],
    ['https://user:secret@example.org/', /user name or password/],
    ['https://', /not a valid URL/],
    ['posts/new', /must start with "\/"/],
    ['/posts/../x', /"\." or "\.\." segments/],
  ])('should refuse %j', (to, problem) => {
    expect(normaliseTarget({ to }).problem).toMatch(problem)
  })
})

describe('pathOfUrl', () => {
  it.each([
    [
      'https://iran-interlink.org/wordpress/donald-trump-mek-terrorists-and-the-troll-factory-in-albania/',
      '/wordpress/donald-trump-mek-terrorists-and-the-troll-factory-in-albania/',
    ],
    ['http://iran-interlink.org/?p=12', '/?p=12'],
    ['https://iran-interlink.org/wordpress/%7Ex/#comments', '/wordpress/~x/'],
  ])('should read %j as %j', (url, expected) => {
    expect(pathOfUrl({ url })).toEqual({ value: expected })
  })

  it.each(['not a url', 'ftp://example.org/x'])('should refuse %j', (url) => {
    expect(pathOfUrl({ url }).problem).toBeDefined()
  })
})

describe('resolveTarget', () => {
  it.each([
    ['no other redirect', '/a', '/b', [], '/b'],
    ['a chain of one', '/a', '/b', [{ from: '/b', to: '/c' }], '/c'],
    [
      'a chain of two',
      '/a',
      '/b',
      [
        { from: '/b', to: '/c' },
        { from: '/c', to: '/d' },
      ],
      '/d',
    ],
    [
      'a chain ending off-site',
      '/a',
      '/b',
      [{ from: '/b', to: 'https://x.org/b' }],
      'https://x.org/b',
    ],
    [
      'an absolute target',
      '/a',
      'https://x.org/a',
      [{ from: 'https://x.org/a', to: '/z' }],
      'https://x.org/a',
    ],
    ['unrelated redirects', '/a', '/b', [{ from: '/c', to: '/a' }], '/b'],
    ['a target with a fragment', '/a', '/b#top', [{ from: '/b', to: '/c' }], '/c'],
    ['the row being saved among the existing', '/a', '/b', [{ from: '/a', to: '/old' }], '/b'],
  ] as const)('should follow %s', (_case, from, to, existing, expected) => {
    expect(resolveTarget({ from, to, existing })).toEqual({ value: expected })
  })

  it.each([
    ['to is from', '/a', '/a', [], /same as "from" \(\/a\)/],
    ['to is from with a fragment', '/a', '/a#x', [], /same as "from"/],
    ['a loop of two', '/a', '/b', [{ from: '/b', to: '/a' }], /loop: \/a → \/b → \/a/],
    [
      'a loop of three',
      '/a',
      '/b',
      [
        { from: '/b', to: '/c' },
        { from: '/c', to: '/a' },
      ],
      /loop: \/a → \/b → \/c → \/a/,
    ],
    [
      'a loop among the existing',
      '/a',
      '/b',
      [
        { from: '/b', to: '/c' },
        { from: '/c', to: '/b' },
      ],
      /leads into a redirect loop/,
    ],
  ] as const)('should refuse %s', (_case, from, to, existing, problem) => {
    expect(resolveTarget({ from, to, existing }).problem).toMatch(problem)
  })

  it('should give up on a chain longer than the limit', () => {
    const existing = Array.from({ length: MAX_CHAIN_HOPS + 1 }, (_, n) => ({
      from: `/p${n}`,
      to: `/p${n + 1}`,
    }))
    expect(resolveTarget({ from: '/start', to: '/p0', existing }).problem).toMatch(
      /more than 20 redirects/,
    )
  })
})

describe('redirectsToRewrite', () => {
  it.each([
    ['none point at it', [{ id: 1, from: '/x', to: '/y' }], []],
    ['one points at it', [{ id: 1, from: '/x', to: '/b' }], [{ id: 1, newTo: '/c' }]],
    [
      'two point at it',
      [
        { id: 1, from: '/x', to: '/b' },
        { id: 2, from: '/y', to: '/b' },
      ],
      [
        { id: 1, newTo: '/c' },
        { id: 2, newTo: '/c' },
      ],
    ],
    ['one points into it', [{ id: 1, from: '/x', to: '/b#part' }], [{ id: 1, newTo: '/c#part' }]],
    ['the saved row itself', [{ id: 1, from: '/b', to: '/b' }], []],
  ])('should rewrite when %s', (_case, pointingAtFrom, expected) => {
    expect(
      redirectsToRewrite({ from: '/b', to: '/c', pointingAtFrom }).map(({ id, newTo }) => ({
        id,
        newTo,
      })),
    ).toEqual(expected)
  })
})

describe('lookupCandidates', () => {
  it.each([
    ['/posts/x', ['/posts/x', '/posts/x/']],
    ['/wordpress/x/', ['/wordpress/x/', '/wordpress/x']],
    ['/wordpress/x/?p=1', ['/wordpress/x/?p=1', '/wordpress/x?p=1']],
    ['/', ['/']],
  ])('should try %j as %j', (path, expected) => {
    expect(lookupCandidates({ path })).toEqual(expected)
  })
})

describe('locationOf', () => {
  it.each([
    ['/posts/new', undefined, '/posts/new'],
    ['/posts/new', 'https://site.example', 'https://site.example/posts/new'],
    ['/posts/new', 'https://site.example/', 'https://site.example/posts/new'],
    ['https://other.example/x', 'https://site.example', 'https://other.example/x'],
  ])('should answer %j on %j with %j', (to, siteUrl, expected) => {
    expect(locationOf({ to, siteUrl })).toBe(expected)
  })
})
