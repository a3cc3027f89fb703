import { describe, expect, it } from 'vitest'

import { findRichTextProblem } from '../../lib/richTextShape.ts'

const doc = (...children: unknown[]) => ({ root: { type: 'root', children, version: 1 } })
const text = (value: string) => ({ type: 'text', text: value, version: 1 })
const paragraph = (...children: unknown[]) => ({ type: 'paragraph', children, version: 1 })

describe('findRichTextProblem', () => {
  it.each([
    [null],
    [undefined],
    [doc()],
    [doc(paragraph(text('Hello')))],
    [doc({ type: 'list', children: [{ type: 'listitem', children: [text('one')] }] })],
    [doc({ type: 'horizontalrule', version: 1 })],
  ])('should accept %j', (value) => {
    expect(findRichTextProblem(value)).toBeNull()
  })

  it.each([
    ['text', /not "text"/],
    [5, /not 5/],
    [[1, 2], /not a list/],
    [{ root: 5 }, /"root" node of type "root"/],
    [{ root: { type: 'paragraph', children: [] } }, /"root" node of type "root"/],
    [{ root: { type: 'root', children: 'x' } }, /root.children must be a list/],
    [doc('word'), /root.children\[0\] must be a node/],
    [doc(paragraph({ text: 'no type' })), /root.children\[0\].children\[0\] has no "type"/],
    [doc(paragraph(text('a'), null)), /root.children\[0\].children\[1\] must be a node/],
  ])('should refuse %j', (value, message) => {
    expect(findRichTextProblem(value)).toMatch(message)
  })

  it('should walk documents nested far deeper than the call stack', () => {
    let node: object = text('deep')
    for (let level = 0; level < 50_000; level += 1) node = paragraph(node)
    expect(findRichTextProblem(doc(node))).toBeNull()
  })

  it('should refuse node types the editor does not have, when told which it has', () => {
    const types = new Set(['root', 'paragraph', 'text'])
    expect(findRichTextProblem(doc(paragraph(text('ok'))), types)).toBeNull()
    expect(findRichTextProblem(doc(paragraph({ type: 'video', version: 1 })), types)).toMatch(
      /root.children\[0\].children\[0\] is a "video" node, which this editor does not have/,
    )
  })
})
