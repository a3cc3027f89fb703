import { describe, expect, it } from 'vitest'

import { parseAs, readSeed } from './helpers.ts'

const source = readSeed({ prefix: '003' })
const article = () => parseAs({ source, kind: 'article-page' })
const TITLE = 'Why the MEK endeavour Trump re-election'

describe('article page 003: the article', () => {
  it('should take the line repeating the excerpt link text as the title', () => {
    expect([article().title, article().provenance]).toEqual([
      TITLE,
      { file: source.fileName, line: 3 },
    ])
  })

  it('should skip the related-post link above the title with a reason', () => {
    expect(article().skipped.filter((s) => s.line === 2)).toEqual([
      expect.objectContaining({
        text: 'Former Terrorists Praised By Former US Officials',
        reason: expect.stringContaining('related-post link'),
      }),
    ])
  })

  it('should read source, date and author', () => {
    expect(article()).toMatchObject({
      source: 'Nejat Society',
      credit: { outlets: ['Nejat Society'], date: '2020-10-31' },
      date: '2020-10-31',
      author: 'Mazda Parsi',
    })
  })

  it('should strip the title repeat from the excerpt card', () => {
    expect([article().titleRepeat, article().excerpt.endsWith('Saddam Hussein in 2003.')]).toEqual([
      'exact',
      true,
    ])
  })

  it('should take the 10 paragraphs between the title and the byline as the body', () => {
    const body = article().body
    expect([body.length, body[0].line, body[9].line, body[0].text]).toEqual([
      10,
      4,
      13,
      article().excerpt,
    ])
  })

  it('should keep the inline link line in the body but warn about it', () => {
    expect([
      article().body.some(
        (p) => p.text === 'An Unholy Alliance: The Use of Terrorism According to John Bolton',
      ),
      article()
        .warnings.filter((w) => w.line === 10)
        .map((w) => w.message),
    ]).toEqual([true, [expect.stringContaining('inline related-post link')]])
  })

  it('should read the 5 numbered references', () => {
    expect(article().references.map((r) => [r.number, r.line, r.url])).toEqual([
      [1, 16, undefined],
      [2, 17, undefined],
      [3, 18, 'https://www.nejatngo.org/en/posts/11158'],
      [4, 19, undefined],
      [5, 20, undefined],
    ])
  })

  it('should render the body and a numbered reference list as rich text', () => {
    const nodes = article().richText.root.children
    expect([nodes.length, nodes[10], nodes[11].type]).toEqual([
      12,
      expect.objectContaining({ type: 'heading', tag: 'h2' }),
      'list',
    ])
  })
})

describe('article page 003: quoted articles and related excerpts', () => {
  it('should recover the two "Also read" articles as extra entries', () => {
    expect(article().extraEntries).toEqual([
      expect.objectContaining({
        kind: 'post',
        title: 'Donald Trump MEK Terrorists And The Troll Factory In Albania',
        url: 'https://iran-interlink.org/wordpress/donald-trump-mek-terrorists-and-the-troll-factory-in-albania/',
        urlLine: 26,
        credit: expect.objectContaining({ writer: 'Murtaza Hussain', outlets: ['The Intercept'] }),
        date: '2020-04-23',
        titleRepeat: 'exact',
        provenance: { file: source.fileName, line: 27 },
      }),
      expect.objectContaining({
        kind: 'post',
        title: '” Heshmat Alavi Gate ” , Trump and MEK',
        url: 'https://iran-interlink.org/wordpress/heshmat-alavi-gate-trump-and-mek/',
        urlLine: 54,
        credit: expect.objectContaining({
          writers: ['Negar Mortazavi', 'Borzou Daragahi'],
          outlets: ['Independent'],
        }),
        date: '2019-06-11',
        titleRepeat: 'prefix',
        provenance: { file: source.fileName, line: 55 },
      }),
    ])
  })

  it.each([
    [0, 29, 50],
    [1, 57, 92],
  ])('should keep the quoted text of extra entry %i (lines %i-%i)', (index, first, last) => {
    const quoted = article().extraEntries[index].quotedBody
    expect([quoted[0].line, quoted[quoted.length - 1].line]).toEqual([first, last])
  })

  it('should skip the 12 related excerpts with their credits, because their titles are unknown', () => {
    const related = article().skipped.filter((s) => s.credit !== undefined)
    expect([
      related.map((s) => s.line),
      related.every((s) => /title cannot be recovered/.test(s.reason)),
    ]).toEqual([[99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110], true])
  })

  it.each([
    [99, { writer: 'Wayne Madsen', outlets: ['Strategic Culture Foundation'], date: '2020-04-15' }],
    [100, { outlets: ['Nejat Society'], place: 'Tehran', date: '2020-04-06' }],
    [102, { writer: 'Anne and Massoud Khodabandeh', outlets: ['Balkans Post'] }],
    [109, { writer: 'Dr. Olsi Jazexhi', outlets: [], place: 'Tirana, Albania' }],
  ])('should keep the credit of the related excerpt on line %i', (line, credit) => {
    expect(article().skipped.find((s) => s.line === line)?.credit).toMatchObject(credit)
  })

  it('should strip the host title from related excerpts', () => {
    expect(
      article()
        .skipped.find((s) => s.line === 105)
        ?.excerpt?.endsWith('Mousavi was referring to…'),
    ).toBe(true)
  })

  it('should warn that the credit on line 109 names no outlet', () => {
    expect(article().warnings).toContainEqual({
      file: source.fileName,
      line: 109,
      message: expect.stringContaining('names a writer but no outlet'),
    })
  })

  it('should account for every non-blank line', () => {
    const parsed = article()
    const covered = new Set([
      parsed.provenance.line,
      ...parsed.body.map((p) => p.line),
      ...parsed.references.map((r) => r.line),
      ...parsed.extraEntries.flatMap((e) => [
        e.provenance.line,
        ...e.quotedBody.map((p) => p.line),
      ]),
      ...parsed.skipped.map((s) => s.line),
    ])
    const uncovered = source.text
      .split('\n')
      .flatMap((text, i) => (text.trim() !== '' && !covered.has(i + 1) ? [i + 1] : []))
    // What remains is structure whose content lives in fields: the excerpt card (credit,
    // excerpt), the byline (author), "References:", "***", "Also read:", URLs and credit lines
    // of the extra entries.
    expect(uncovered).toEqual([1, 14, 15, 23, 25, 26, 28, 52, 53, 54, 56, 94, 98])
  })
})
