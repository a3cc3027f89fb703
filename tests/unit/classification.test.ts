import { describe, expect, it } from 'vitest'

import { eventsForWrite, EVENT_TYPES } from '../../lib/contentEvents.ts'
import { parseFeedPath } from '../../lib/feeds.ts'
import {
  detectLanguage,
  isLanguageCode,
  languageHeading,
  languageName,
} from '../../lib/languages.ts'
import { affectedPaths } from '../../lib/publicPaths.ts'
import { aliasProblem, spellingKey, spellingsOf } from '../../lib/topics.ts'

describe('detectLanguage', () => {
  it.each([
    ['Rudy Giuliani’s ties to the MEK', 'en'],
    ['مجاهدین خلق در آلبانی', 'fa'],
    ['گزارش تازه از تیرانا', 'fa'],
    ['منظمة مجاهدي خلق في ألبانيا', 'ar'],
    ['Новости из Тираны', 'ru'],
    ['گزارش درباره MEK و MKO در تیرانا امروز', 'fa'],
    ['A Persian word: گزارش, in an English sentence about the group', 'en'],
    ['12 345 — !?', undefined],
    ['', undefined],
  ])('%j is %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language)
  })
})

describe('language names and headings', () => {
  it('should name codes and refuse unknown ones', () => {
    expect(languageName('fa')).toBe('Persian')
    expect(languageName('zz')).toBe('zz')
    expect(languageHeading('en')).toBe('In English')
    expect(isLanguageCode('en')).toBe(true)
    expect(isLanguageCode('EN')).toBe(false)
    expect(isLanguageCode(1)).toBe(false)
  })
})

describe('topic spellings', () => {
  const mek = { id: 1, name: 'MEK', aliases: ['MKO', 'P.M.O.I.', 'mek', 'Mojahedin'] }

  it('should list each spelling once, name first', () => {
    expect(spellingsOf(mek)).toEqual(['MEK', 'MKO', 'P.M.O.I.', 'Mojahedin'])
    expect(spellingKey('P.M.O.I.')).toBe(spellingKey('pmoi'))
    expect(spellingKey('Mojāhedin')).toBe('mojahedin')
  })

  it.each([
    [{ name: 'Iran talks', aliases: ['mko'] }, '"mko" already names the topic "MEK"'],
    [{ name: 'PMOI' }, '"PMOI" already names the topic "MEK"'],
    [{ name: 'Camp Ashraf', aliases: ['!!'] }, '"!!" is not a spelling'],
    [{ name: 'Camp Ashraf', aliases: ['Ashraf', 'Camp Ashraf'] }, undefined],
    [{ id: 1, name: 'MEK', aliases: ['MKO', 'PMOI'] }, undefined],
  ])('%j: %s', (topic, problem) => {
    const found = aliasProblem({ topic, others: [mek] })
    if (problem === undefined) expect(found).toBeUndefined()
    else expect(found).toContain(problem)
  })
})

describe('feeds of topics and languages', () => {
  it.each([
    [['topics', 'mek.xml'], { kind: 'topic', slug: 'mek', format: 'xml' }],
    [['languages', 'fa.atom'], { kind: 'language', language: 'fa', format: 'atom' }],
    [['sources', 'pravda.json'], { kind: 'source', slug: 'pravda', format: 'json' }],
    [['languages', 'xx.xml'], null],
    [['languages', 'EN.xml'], null],
    [['topics', '%E0%A4%A.xml'], null],
    [['tags', 'mek.xml'], null],
    [['topics', 'mek', 'x.xml'], null],
  ])('%j is %j', (segments, wanted) => {
    expect(parseFeedPath(segments)).toEqual(wanted)
  })
})

describe('what a change to a topic or a post touches', () => {
  it('should name a post topic pages and feeds, and its language feed', () => {
    const { site, feeds } = affectedPaths({
      collection: 'posts',
      slug: 'p',
      topics: [{ slug: 'mek' }],
      language: 'fa',
    })
    expect(site).toEqual(['/', '/posts', '/posts/p', '/topics/mek'])
    expect(feeds).toContain('/feeds/topics/mek.xml')
    expect(feeds).toContain('/feeds/languages/fa.json')
  })

  it('should name a renamed topic old and new pages and its feeds', () => {
    const { site, feeds } = affectedPaths({
      collection: 'topics',
      slug: 'camp-liberty-baghdad',
      previousSlug: 'camp-liberty',
    })
    expect(site).toEqual(['/posts', '/topics/camp-liberty', '/topics/camp-liberty-baghdad'])
    expect(feeds).toContain('/feeds/topics/camp-liberty-baghdad.atom')
  })

  it('should announce topics as authors and sources are announced', () => {
    expect(EVENT_TYPES).toEqual(
      expect.arrayContaining(['topic.created', 'topic.updated', 'topic.deleted']),
    )
    expect(
      eventsForWrite({
        collection: 'topics',
        operation: 'create',
        wasPublic: false,
        isPublic: true,
      }),
    ).toEqual(['topic.created'])
    expect(
      eventsForWrite({
        collection: 'topics',
        operation: 'update',
        wasPublic: true,
        isPublic: true,
        previousSlug: 'a',
        slug: 'b',
      }),
    ).toEqual(['topic.updated', 'slug.changed'])
  })
})
