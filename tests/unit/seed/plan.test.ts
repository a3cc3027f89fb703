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

  it('should plan 25 posts and 5 digests', () => {
    expect(plan.posts).toHaveLength(25)
    expect(plan.digests).toHaveLength(5)
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
