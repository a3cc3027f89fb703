import { describe, expect, it } from 'vitest'

import { createTopicMatcher, foldForMatching, matchTopics } from '../../lib/topicMatcher.ts'
import { SEED_TOPICS } from '../../seed/topics.ts'

const MEK = 'Mojahedin-e Khalq (MEK)'

describe('matchTopics with the seed topics', () => {
  it.each([
    ['MEK trolls', [MEK, 'Troll farms and disinformation']],
    ['the Mojahedin in Albania', [MEK, 'MEK in Albania']],
    ['the Mujahedin-e-Khalq organisation', [MEK]],
    ['Mujahideen-e-Khalq (MEK)', [MEK]],
    ['the Mujahedeen e-Khalq', [MEK]],
    ['Mujahidin Khalq Organisation MKO', [MEK]],
    ['the MKO/ MEK/ PMOI/ Cult of Rajavi', [MEK, 'Maryam and Massoud Rajavi']],
    ['People’s Mujahedin of Iran', [MEK]],
    ["People's Mojahedin", [MEK]],
    ['mek in lower case', [MEK]],
    ['the Mekong delta and a mekanism', []],
    ['Ali Alavi wrote this', []],
    ['the Heshmet Alavi persona', ['Heshmat Alavi']],
    ['camp in Manëz, Durres', ['MEK in Albania']],
    ['Saddam Hussain’s army', ['Saddam Hussein']],
    [
      'the NCRI and the National Council of Resistance',
      ['National Council of Resistance of Iran (NCRI)'],
    ],
    ['سازمان مجاهدين خلق در آلبانی', [MEK, 'MEK in Albania']],
    ['منافقین', [MEK]],
    ['', []],
  ])('should find in %j the topics %j', (text, topics) => {
    expect(matchTopics({ text, topics: SEED_TOPICS })).toEqual(topics)
  })
})

describe('createTopicMatcher', () => {
  it('should match a topic by its name as well as its aliases', () => {
    expect(createTopicMatcher([{ name: 'Camp Liberty', aliases: [] }])('at camp liberty')).toEqual([
      'Camp Liberty',
    ])
  })

  it('should use aliases an editor added', () => {
    const match = createTopicMatcher([
      { name: 'Sanctions', aliases: ['embargo', 'maximum pressure'] },
    ])
    expect([match('an embargo'), match('Maximum-Pressure campaign'), match('embargoes')]).toEqual([
      ['Sanctions'],
      ['Sanctions'],
      [],
    ])
  })

  it('should ignore empty and punctuation-only aliases', () => {
    expect(
      createTopicMatcher([{ name: 'X', aliases: ['', '…', null as never].filter(Boolean) }])('a b'),
    ).toEqual([])
  })
})

describe('foldForMatching', () => {
  it.each([
    ['Manëz', 'manez'],
    ['People’s', "people's"],
    ['مجاهدين', 'مجاهدین'],
    ['كتاب', 'کتاب'],
  ])('should fold %j to %j', (text, folded) => {
    expect(foldForMatching(text)).toBe(folded)
  })
})
