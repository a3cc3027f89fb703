import { describe, expect, it } from 'vitest'

import { stripTitleRepeat } from '../../../seed/parse/title-repeat.ts'

describe('stripTitleRepeat', () => {
  it.each([
    [
      'the exact title',
      'No evidence was produced. Former MEK in Albania Expose MEK Stupid Lies\u00a0',
      'Former MEK in Albania Expose MEK Stupid Lies',
      { excerpt: 'No evidence was produced.', match: 'exact' },
    ],
    [
      'the title followed by " ."',
      'for waging war. John Bolton MEK Desperate Attempt to Awaken the U.S. War Machine .',
      'John Bolton MEK Desperate Attempt to Awaken the U.S. War Machine',
      { excerpt: 'for waging war.', match: 'exact' },
    ],
    [
      'the title followed by "."',
      'is based there. Afghan Refugees in Albania – Recruitment Fodder for the MEK.',
      'Afghan Refugees in Albania – Recruitment Fodder for the MEK',
      { excerpt: 'is based there.', match: 'exact' },
    ],
    [
      'a title with spaced punctuation',
      'every Muslim.”. MEK : Totalitarian Cult , or Iran’s Brightest Hope for Democracy ?\u00a0',
      'MEK : Totalitarian Cult , or Iran’s Brightest Hope for Democracy ?',
      { excerpt: 'every Muslim.”.', match: 'exact' },
    ],
    [
      'a prefix of the title',
      'attend the funeral. Iran Interlink Weekly Digest\u00a0',
      'Iran Interlink Weekly Digest – July 26, 2019',
      { excerpt: 'attend the funeral.', match: 'prefix' },
    ],
    [
      'a prefix that drops a parenthesis',
      'Not very democratic then. Democracy MEK Style: Hypocrisy',
      'Democracy MEK Style: Hypocrisy ( September 15, International Day of Democracy )',
      { excerpt: 'Not very democratic then.', match: 'prefix' },
    ],
    [
      'a title with a word dropped from the middle',
      'during this period.. Human Rights Watch Report – MEK Survivor: I was Imprisoned For 45 days\u00a0',
      'Human Rights Watch Report (2005) – MEK Survivor: I was Imprisoned For 45 days',
      { excerpt: 'during this period..', match: 'shortened' },
    ],
  ])('should strip %s', (_case, excerpt, title, expected) => {
    expect(stripTitleRepeat({ excerpt, title })).toMatchObject(expected)
  })

  it.each([
    [
      'different link text',
      'on behalf of foreign powers .Lobbyist Mike Pence Mujahedin Saddam Hussein.',
      'Mike Pence From Anti Saddam To lobbying for Saddam Private Army',
    ],
    [
      'no repeat at all',
      'to start a revolution. Not this time dear!',
      'Maryam Rajavi’s lies flood the internet while Iranians struggle with reality',
    ],
    [
      'only two words of a long title',
      'as reported by Human Rights',
      'Human Rights Watch Report (2005) – MEK Survivor',
    ],
    ['an empty title', 'some excerpt', '  '],
  ])('should keep the excerpt whole when it ends with %s', (_case, excerpt, title) => {
    expect(stripTitleRepeat({ excerpt, title })).toEqual({ excerpt, match: 'none' })
  })

  it('should report the removed link text', () => {
    expect(
      stripTitleRepeat({ excerpt: 'Text. MEK and Fake News\u00a0', title: 'MEK and Fake News' })
        .repeat,
    ).toBe('MEK and Fake News\u00a0'.trim())
  })

  it('should strip the repeat from a 2 MB excerpt', () => {
    const excerpt = `${'lorem ipsum '.repeat(180_000)}MEK and Fake News`
    expect(stripTitleRepeat({ excerpt, title: 'MEK and Fake News' }).match).toBe('exact')
  })
})
