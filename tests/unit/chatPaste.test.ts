import { describe, expect, it } from 'vitest'

import { findChatPasteArtefacts } from '../../lib/chatPaste.ts'

describe('findChatPasteArtefacts', () => {
  it.each([
    ['Anne Anne, [13.03.19 11:20] I am Ali Alavi', 'Anne Anne, [13.03.19 11:20]'],
    ['Anne, [13/03/2019, 11:20] I follow news', 'Anne, [13/03/2019, 11:20]'],
    ['[13/03/2019, 11:20] Anne: I follow news', '[13/03/2019, 11:20] Anne:'],
    ['[3/13/19, 11:20 PM] Mary-Jo O’Neil: hello', '[3/13/19, 11:20 PM] Mary-Jo O’Neil:'],
    ['I follow news [11:20 AM] about the MEK', '[11:20 AM]'],
    ['I follow news [11:20\u202fp.m.] about the MEK', '[11:20\u202fp.m.]'],
    ['Ali, [11:20] I follow news', 'Ali, [11:20]'],
    ['written [2019-03-13 09:05:59] here', '[2019-03-13 09:05:59]'],
    ['Bio text.\nAnne Anne, [13.03.19 11:20]', 'Anne Anne, [13.03.19 11:20]'],
  ])('should find the artefact in %j', (text, artefact) => {
    expect(findChatPasteArtefacts(text).map((found) => found.text)).toEqual([artefact])
  })

  it('should say where the artefact starts', () => {
    expect(findChatPasteArtefacts('I am Ali. Anne, [13.03.19 11:20] hello')).toEqual([
      { text: 'Anne, [13.03.19 11:20]', index: 10 },
    ])
  })

  it('should find every artefact of a text', () => {
    const text = 'Anne, [13.03.19 11:20] one. Ali, [13.03.19 11:21] two.'
    expect(findChatPasteArtefacts(text).map((found) => found.text)).toEqual([
      'Anne, [13.03.19 11:20]',
      'Ali, [13.03.19 11:21]',
    ])
  })

  it.each([
    ['He wrote "their" [sic] twice.'],
    ['As reported before [1], the group [2] denied it.'],
    ['Founded in Paris [2019], it moved.'],
    ['Quoted in John [3:16] and elsewhere.'],
    ['The meeting [at 11:20] was short.'],
    ['Times such as 11:20 or 13.03.19 outside brackets.'],
    ['An impossible stamp, [25:10], [11:75 AM] or [13:20 PM].'],
    ['Not a date: Anne, [13.13.19 11:20].'],
    ['Lower-case words are no sender: said, [11:20] then.'],
    [''],
  ])('should find nothing in %j', (text) => {
    expect(findChatPasteArtefacts(text)).toEqual([])
  })
})
