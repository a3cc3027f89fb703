import { describe, expect, it } from 'vitest'

import { plainText, scoreText, searchTerms, snippetOf } from '../../lib/search.ts'

describe('searchTerms', () => {
  it.each([
    ['Giuliani MEK', ['giuliani', 'mek']],
    ['  a  MEK, mek! ', ['mek']],
    ['مجاهدین خلق', ['مجاهدین', 'خلق']],
    ['x', []],
  ])('should read %j as %j', (query, terms) => {
    expect(searchTerms(query)).toEqual(terms)
  })
})

describe('scoreText', () => {
  const text = {
    title: 'Giuliani and the MEK',
    excerpt: 'Lobbying by Giuliani',
    body: 'More about the MEK',
  }
  it('should weigh the title above the excerpt and the body', () => {
    expect(scoreText({ text, terms: ['giuliani'] })).toBeGreaterThan(
      scoreText({ text, terms: ['lobbying'] }),
    )
  })
  it('should be zero when a term is missing', () => {
    expect(scoreText({ text, terms: ['giuliani', 'bolton'] })).toBe(0)
  })
})

describe('snippetOf', () => {
  it('should mark every term and escape HTML', () => {
    expect(snippetOf({ text: 'The <b>MEK</b> and Giuliani', terms: ['mek', 'giuliani'] })).toBe(
      'The &#60;b&#62;<mark>MEK</mark>&#60;/b&#62; and <mark>Giuliani</mark>',
    )
  })
  it('should cut around the first match', () => {
    const text = `${'x '.repeat(300)}needle ${'y '.repeat(300)}`
    const snippet = snippetOf({ text, terms: ['needle'], length: 60 })
    expect(snippet.startsWith('…')).toBe(true)
    expect(snippet.endsWith('…')).toBe(true)
    expect(snippet).toContain('<mark>needle</mark>')
  })
})

describe('plainText', () => {
  it('should collect the text of a Lexical document', () => {
    const state = {
      root: {
        children: [
          { children: [{ text: 'One' }, { text: 'two' }] },
          { children: [{ text: 'three' }] },
        ],
      },
    }
    expect(plainText(state)).toBe('One two three')
  })
})
