import fs from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { parseSeedFile, type ArticlePage, type AuthorPage } from '../../../seed/parse/index.ts'
import { hashImportData, importKey, planImport } from '../../../seed/plan.ts'

const dataDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../seed/data')
const seedFiles = fs
  .readdirSync(dataDir)
  .sort()
  .map((name) =>
    parseSeedFile({ fileName: name, text: fs.readFileSync(path.join(dataDir, name), 'utf8') }),
  )
const plan = planImport({ files: seedFiles })

describe('planImport on the five seed files', () => {
  it('should plan each author once', () => {
    expect(plan.authors.map((a) => a.data.name).sort()).toEqual([
      'Ali Alavi',
      'Iran Interlink',
      'Mazda Parsi',
    ])
  })

  it('should plan 37 posts (12 of them related excerpt cards) and 5 digests', () => {
    expect([plan.posts.length, plan.linked.relatedExcerptPosts, plan.digests.length]).toEqual([
      37, 12, 5,
    ])
  })

  it('should plan the eight seed topics', () => {
    expect(plan.topics.map((topic) => topic.data.name)).toHaveLength(8)
  })

  it('should plan one source per normalised outlet name', () => {
    const keys = plan.sources.map((s) => s.key)
    expect(new Set(keys).size).toBe(keys.length)
    expect(plan.sources.filter((s) => s.data.name === 'NBC News')).toHaveLength(1)
  })

  it('should link both outlets of a two-outlet credit', () => {
    const post = plan.posts.find((p) => p.data.title.startsWith('Albanians React'))
    expect(post?.data.sources.map((ref) => ref.key)).toEqual([
      importKey.source('FaxWeb'),
      importKey.source('Albanian Gazette'),
    ])
  })

  it('should plan a redirect from the old-site address of each quoted article to its post', () => {
    expect(
      plan.redirects.map(({ key, line, data }) => [key, line, data.post.key, data.url]),
    ).toEqual([
      [
        '/wordpress/donald-trump-mek-terrorists-and-the-troll-factory-in-albania/',
        26,
        importKey.post('Donald Trump MEK Terrorists And The Troll Factory In Albania'),
        'https://iran-interlink.org/wordpress/donald-trump-mek-terrorists-and-the-troll-factory-in-albania/',
      ],
      [
        '/wordpress/heshmat-alavi-gate-trump-and-mek/',
        54,
        importKey.post('” Heshmat Alavi Gate ” , Trump and MEK'),
        'https://iran-interlink.org/wordpress/heshmat-alavi-gate-trump-and-mek/',
      ],
    ])
    expect(plan.redirects.every((redirect) => redirect.file === seedFiles[3].file)).toBe(true)
  })

  it('should key digest 260 by its issue number', () => {
    expect(plan.digests.map((d) => d.key)).toContain('digest:issue:260')
  })
})

describe('planImport deduplication', () => {
  const page = seedFiles[0] as AuthorPage

  it('should make one post of an entry listed on two author pages', () => {
    const twice = planImport({ files: [page, { ...page, file: 'copy.txt' }] })
    expect(twice.posts).toHaveLength(planImport({ files: [page] }).posts.length)
  })

  it('should warn when the same title comes with different text', () => {
    const changed = {
      ...page,
      file: 'changed.txt',
      entries: page.entries.map((e) => ({ ...e, excerpt: `${e.excerpt} (changed)` })),
    }
    const result = planImport({ files: [page, changed] })
    expect(result.warnings.filter((w) => /also appears at/.test(w.message))).toHaveLength(
      page.entries.length,
    )
  })
})

describe('planImport of old-site addresses', () => {
  const article = seedFiles[3] as ArticlePage
  const withUrls = (urls: string[]) =>
    planImport({
      files: [
        {
          ...article,
          extraEntries: article.extraEntries.map((entry, index) => ({
            ...entry,
            url: urls[index],
          })),
        },
      ],
    })

  it.each([
    ['https://elsewhere.example/wordpress/x/', /not an address of the old site/],
    ['not a url', /not an address of the old site/],
    ['https://www.iran-interlink.org/wordpress/100%zz/', /"%" that is not followed by two hex/],
  ])('should make no redirect of %s, and warn with its line', (url, message) => {
    const result = withUrls([url, 'https://iran-interlink.org/wordpress/kept/'])
    expect(result.redirects.map((redirect) => redirect.key)).toEqual(['/wordpress/kept/'])
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ line: 26, message: expect.stringMatching(message) }),
    )
  })

  it('should keep the first of two articles at one address, and warn', () => {
    const result = withUrls([
      'https://iran-interlink.org/wordpress/same/',
      'https://iran-interlink.org/wordpress/same/',
    ])
    expect(result.redirects.map((redirect) => redirect.data.post.title)).toEqual([
      'Donald Trump MEK Terrorists And The Troll Factory In Albania',
    ])
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ line: 54, message: expect.stringMatching(/also leads to/) }),
    )
  })
})

describe('importKey', () => {
  it.each([
    [importKey.source('NBC News'), importKey.source('  nbc  NEWS. ')],
    [importKey.author('Iran Interlink'), importKey.author('Iran-Interlink')],
    [
      importKey.post('MEK : Totalitarian Cult , or Iran’s Brightest Hope ?'),
      importKey.post("MEK: Totalitarian Cult, or Iran's Brightest Hope?"),
    ],
  ])('should treat %s and %s as the same record', (a, b) => {
    expect(a).toBe(b)
  })

  it('should tell apart a numbered digest from a dated one', () => {
    expect(importKey.digest({ issue: 260, title: 'x' })).not.toBe(importKey.digest({ title: 'x' }))
  })
})

describe('hashImportData', () => {
  it.each([
    [
      { a: 1, b: 'x' },
      { b: 'x', a: 1 },
    ],
    [{ a: 1, b: undefined }, { a: 1 }],
    [
      { a: 1, b: null },
      { a: 1, b: '' },
    ],
    [{ list: [{ x: 1, y: 2 }] }, { list: [{ y: 2, x: 1 }] }],
  ])('should hash %j like %j', (a, b) => {
    expect(hashImportData(a)).toBe(hashImportData(b))
  })

  it.each([
    [{ a: 1 }, { a: 2 }],
    [{ list: [1, 2] }, { list: [2, 1] }],
  ])('should hash %j unlike %j', (a, b) => {
    expect(hashImportData(a)).not.toBe(hashImportData(b))
  })
})

describe('planImport links on the five seed files', () => {
  const article = () =>
    plan.posts.find((post) => post.data.title === 'Why the MEK endeavour Trump re-election')!
  const digest260 = () => plan.digests.find((digest) => digest.data.issueNumber === 260)!

  it.each([
    [1, 'source:lobelog', 'en'],
    [2, undefined, 'en'],
    [3, 'source:pravda', 'en'],
    [4, undefined, 'en'],
    [5, 'source:newsweek', 'en'],
    [6, 'source:washington post', 'en'],
    [7, undefined, 'en'],
    [8, 'source:liberation news', 'en'],
  ])('should link item %i of digest 260 to %s, language %s', (index, source, language) => {
    const item = digest260().data.items[index - 1]
    expect([item.source?.key, item.language]).toEqual([source, language])
  })

  it('should keep the series and tag of digest 260', () => {
    expect([digest260().data.series, digest260().data.tags]).toEqual([
      'Iran Interlink Weekly Digest',
      ['weekly digest'],
    ])
  })

  it('should link the article to its source and the four outlets its references cite', () => {
    expect(article().data.sources.map((ref) => ref.key)).toEqual([
      importKey.source('Nejat Society'),
      importKey.source('The Intercept'),
      importKey.source('Al Monitor'),
      importKey.source('Politico'),
      importKey.source('Informed Comment'),
    ])
  })

  it('should relate the article to the two "Also read" posts and the 12 cards, and them back', () => {
    const related = article().data.relatedPosts.map((ref) => ref.key)
    const back = plan.posts.filter((post) =>
      post.data.relatedPosts.some((ref) => ref.key === article().key),
    )
    expect([related.length, related.slice(0, 2), back.length]).toEqual([
      14,
      [
        importKey.post('Donald Trump MEK Terrorists And The Troll Factory In Albania'),
        importKey.post('” Heshmat Alavi Gate ” , Trump and MEK'),
      ],
      14,
    ])
  })

  it('should keep the old-site addresses of the "Also read" posts', () => {
    expect(plan.posts.flatMap((post) => post.data.legacyUrls)).toEqual([
      'https://iran-interlink.org/wordpress/donald-trump-mek-terrorists-and-the-troll-factory-in-albania/',
      'https://iran-interlink.org/wordpress/heshmat-alavi-gate-trump-and-mek/',
    ])
  })

  it('should link a writer to the author of the same name', () => {
    const post = plan.posts.find((p) => p.data.title.startsWith('Mike Pence From Anti Saddam'))!
    expect(post.data.writers).toEqual([
      { name: 'Ali Alavi', author: { collection: 'authors', key: importKey.author('Ali Alavi') } },
    ])
  })

  it('should assign the MEK topic to every post and digest that names it under any spelling', () => {
    const mek = importKey.topic('Mojahedin-e Khalq (MEK)')
    const without = [...plan.posts, ...plan.digests].filter(
      (doc) => !doc.data.topics.some((ref) => ref.key === mek),
    )
    // The three without it name the group in no spelling (their excerpts are about other things).
    expect([
      without.length,
      without.filter((doc) =>
        /MEK|MKO|PMOI|Moj|Muj/i.test(`${doc.data.title} ${doc.data.excerpt}`),
      ),
    ]).toEqual([3, []])
  })

  it('should count what it links', () => {
    expect(plan.linked).toMatchObject({
      itemSources: 6,
      references: 5,
      referenceLinks: 1,
      citationLinks: 5,
      referenceSources: 4,
      relatedPosts: 28,
      relatedExcerptPosts: 12,
      writers: 22,
      writersLinkedToAuthors: 3,
      datelines: 4,
      originalPublications: 1,
      legacyUrls: 2,
      series: 5,
      tags: 1,
    })
  })
})

describe('planImport with what the CMS holds', () => {
  it('should match with a topic an editor renamed and extended instead of the seed one', () => {
    const renamed = planImport({
      files: seedFiles,
      known: { topics: [{ name: 'MEK', aliases: ['MKO', 'the organisation'] }] },
    })
    const article = renamed.posts.find((p) => p.data.title.startsWith('Why the MEK'))!
    expect(article.data.topics.map((ref) => ref.key)).toContain(importKey.topic('MEK'))
    expect(article.data.topics.map((ref) => ref.key)).not.toContain(
      importKey.topic('Mojahedin-e Khalq (MEK)'),
    )
  })

  it('should link a digest item quoting the title of a post an earlier import wrote', () => {
    const digestPage = seedFiles[4]
    const result = planImport({
      files: [digestPage],
      known: { postTitles: ['How has the MEK resisted disintegration'] },
    })
    expect(result.digests[0].data.items[3].post?.key).toBe(
      importKey.post('How has the MEK resisted disintegration'),
    )
  })

  it('should merge a weekly digest entry into the issue of the same date', () => {
    const [page] = seedFiles
    const digestPage = { ...seedFiles[4], date: '2019-10-18' } as (typeof seedFiles)[number]
    const result = planImport({ files: [page, digestPage] })
    expect([
      result.digests.map((d) => d.data.title),
      result.linked.digestEntriesLinked,
      result.digests[0].data.author?.key,
    ]).toEqual([['Iran Interlink Weekly Digest – 260'], 1, importKey.author('Iran Interlink')])
  })
})
