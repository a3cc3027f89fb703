import { createHeadlessEditor } from '@lexical/headless'
import { ListItemNode, ListNode } from '@lexical/list'
import { HeadingNode } from '@lexical/rich-text'
import { describe, expect, it } from 'vitest'

import { type LexicalEditorState, blocksToLexical, toLexical } from '../../../seed/parse/lexical.ts'

const element = { format: '', indent: 0, version: 1, direction: 'ltr' }
const text = (value: string) => ({
  type: 'text',
  text: value,
  format: 0,
  style: '',
  mode: 'normal',
  detail: 0,
  version: 1,
})

/** Loads a state into a real Lexical editor (which throws on an invalid one) and exports it. */
const roundTrip = ({ state }: { state: LexicalEditorState }): unknown => {
  const editor = createHeadlessEditor({
    nodes: [HeadingNode, ListNode, ListItemNode],
    onError: (error) => {
      throw error
    },
  })
  return editor.parseEditorState(JSON.stringify(state)).toJSON()
}

describe('toLexical', () => {
  it('should build one paragraph node with one text node per paragraph', () => {
    expect(toLexical({ paragraphs: ['First.', 'Second.'] })).toEqual({
      root: {
        type: 'root',
        ...element,
        children: [
          {
            type: 'paragraph',
            ...element,
            textFormat: 0,
            textStyle: '',
            children: [text('First.')],
          },
          {
            type: 'paragraph',
            ...element,
            textFormat: 0,
            textStyle: '',
            children: [text('Second.')],
          },
        ],
      },
    })
  })

  it.each([[''], ['   '], ['\u00a0']])(
    'should give the blank paragraph %j no children',
    (blank) => {
      expect(toLexical({ paragraphs: [blank] }).root.children[0]).toMatchObject({
        type: 'paragraph',
        children: [],
      })
    },
  )

  it('should render references as a numbered list with 1-based values', () => {
    const list = toLexical({ paragraphs: [], numberedList: ['One', 'Two'] }).root.children[0]
    expect(list).toEqual({
      type: 'list',
      listType: 'number',
      tag: 'ol',
      start: 1,
      ...element,
      children: [
        { type: 'listitem', value: 1, ...element, children: [text('One')] },
        { type: 'listitem', value: 2, ...element, children: [text('Two')] },
      ],
    })
  })

  it.each([
    [{ text: 'References' }, 'h2'],
    [{ text: 'References', tag: 'h3' as const }, 'h3'],
  ])('should put the heading %j first as %s', (heading, tag) => {
    expect(toLexical({ paragraphs: ['Body.'], heading }).root.children[0]).toEqual({
      type: 'heading',
      tag,
      ...element,
      children: [text('References')],
    })
  })

  it('should produce a state that a real Lexical editor loads and exports unchanged', () => {
    const state = toLexical({
      heading: { text: 'Title' },
      paragraphs: ['Body one.', '', 'Body two.'],
      numberedList: ['Ref one', 'Ref two'],
    })
    expect(roundTrip({ state })).toEqual(state)
  })
})

describe('blocksToLexical', () => {
  it('should keep blocks in the given order', () => {
    const state = blocksToLexical({
      blocks: [
        { type: 'paragraph', text: 'Before.' },
        { type: 'heading', text: 'In English' },
        { type: 'paragraph', text: 'After.' },
      ],
    })
    expect(state.root.children.map((node) => node.type)).toEqual([
      'paragraph',
      'heading',
      'paragraph',
    ])
  })
})
