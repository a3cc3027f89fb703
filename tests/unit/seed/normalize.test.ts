import { describe, expect, it } from 'vitest'

import { normalizeName, slugify } from '../../../seed/parse/normalize.ts'
import { isKnownPlace } from '../../../seed/parse/places.ts'
import { cleanText, normalizeInput } from '../../../seed/parse/text.ts'

describe('normalizeName', () => {
  it.each([
    ['NBC News', 'nbc news'],
    ['  NBC\u00a0 News. ', 'nbc news'],
    ['Iranian Canadian Congress (ICC)', 'iranian canadian congress icc'],
    ['People’s Mujahedin', 'peoples mujahedin'],
    ["People's Mujahedin", 'peoples mujahedin'],
    ['Al-Monitor', 'al monitor'],
    ['Al–Monitor', 'al monitor'],
    ['“Heshmat Alavi” Gate', 'heshmat alavi gate'],
    ['Manëz', 'manez'],
    ['Dr. Olsi Jazexhi', 'dr olsi jazexhi'],
    ['Procter & Gamble', 'procter & gamble'],
  ])('should fold %j to %j', (name, expected) => {
    expect(normalizeName({ name })).toBe(expected)
  })

  it('should collapse spelling variants of one outlet into one key', () => {
    const keys = new Set(
      ['NBC News', 'NBC  News.', 'nbc news', 'NBC\u00a0News'].map((name) =>
        normalizeName({ name }),
      ),
    )
    expect([...keys]).toEqual(['nbc news'])
  })
})

describe('slugify', () => {
  it.each([
    [
      'MEK : Totalitarian Cult , or Iran’s Brightest Hope for Democracy ?',
      'mek-totalitarian-cult-or-irans-brightest-hope-for-democracy',
    ],
    ['Iran Interlink Weekly Digest – 260', 'iran-interlink-weekly-digest-260'],
    ['” Heshmat Alavi Gate ” , Trump and MEK', 'heshmat-alavi-gate-trump-and-mek'],
    ['Al Masdar & Asharq Al-Ausat', 'al-masdar-and-asharq-al-ausat'],
    ['مجاهدین خلق', 'مجاهدین-خلق'],
  ])('should slugify %j as %j', (text, expected) => {
    expect(slugify({ text })).toBe(expected)
  })

  it('should cut a long slug at a word boundary', () => {
    expect(slugify({ text: 'alpha beta gamma delta', maxLength: 12 })).toBe('alpha-beta')
  })
})

describe('isKnownPlace', () => {
  it.each([
    ['Albania', true],
    ['Tirana', true],
    ['tehran', true],
    ['Washington Post', false],
    ['Exit', false],
  ])('should say %j is a place: %s', (text, expected) => {
    expect(isKnownPlace({ text })).toBe(expected)
  })
})

describe('normalizeInput and cleanText', () => {
  it.each([
    ['\ufeffAuthor: X\r\nline\rnext', 'Author: X\nline\nnext'],
    ['plain\n', 'plain\n'],
  ])('should normalise %j', (text, expected) => {
    expect(normalizeInput({ text })).toBe(expected)
  })

  it('should treat non-breaking spaces as spaces when cleaning', () => {
    expect(cleanText({ text: '\u00a0 a\u00a0\u00a0b \t c\u00a0' })).toBe('a b c')
  })
})
