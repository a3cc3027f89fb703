import { describe, expect, it } from 'vitest'

import { digestItemLabel, ITEM_LABEL_LENGTH, truncateWords } from '../../lib/digestItems.ts'

const richText = (...paragraphs: string[][]) => ({
  root: {
    type: 'root',
    children: paragraphs.map((texts) => ({
      type: 'paragraph',
      children: texts.map((text) => ({ type: 'text', text })),
    })),
  },
})

describe('truncateWords', () => {
  it.each([
    ['short text', 10, 'short text'],
    ['  spaced \n out\ttext ', 20, 'spaced out text'],
    ['one two three four', 12, 'one two…'],
    ['one two, three', 10, 'one two…'],
    ['Supercalifragilistic', 8, 'Superca…'],
  ])('should make %j at most %i characters: %j', (text, maxLength, expected) => {
    const result = truncateWords({ text, maxLength })
    expect([result, result.length <= maxLength]).toEqual([expected, true])
  })
})

describe('digestItemLabel', () => {
  it('should show the heading and the first words of the text', () => {
    expect(
      digestItemLabel({
        heading: 'In English',
        body: richText(['Giuliani’s work for the MEK']),
        rowIndex: 0,
      }),
    ).toBe('In English — Giuliani’s work for the MEK')
  })

  it('should cut a long label at a word with an ellipsis', () => {
    const label = digestItemLabel({
      heading: 'In English',
      body: richText(['Rudy Giuliani’s work for the MEK, a group with a bloody past, could lead']),
      rowIndex: 0,
    })
    expect([label, label.length <= ITEM_LABEL_LENGTH]).toEqual([
      'In English — Rudy Giuliani’s work for the MEK, a group with…',
      true,
    ])
  })

  it('should join the words of several paragraphs and text nodes', () => {
    expect(
      digestItemLabel({ body: richText(['Bold ', 'and plain.'], ['Second.']), rowIndex: 0 }),
    ).toBe('Bold and plain. Second.')
  })

  it('should show the heading alone when the text is empty', () => {
    expect(digestItemLabel({ heading: ' In English ', body: richText(), rowIndex: 0 })).toBe(
      'In English',
    )
  })

  it.each([
    [{ heading: '', body: richText(), rowIndex: 0 }, 'Item 01'],
    [{ heading: null, body: null, rowIndex: 7 }, 'Item 08'],
    [{ body: richText(['  ']), rowIndex: 11 }, 'Item 12'],
  ])('should fall back to the row number when empty: %j', (args, expected) => {
    expect(digestItemLabel(args)).toBe(expected)
  })
})
