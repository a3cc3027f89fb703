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

describe('article page 003: references kept as links', () => {
  it.each([
    [1, 'The Intercept', '2019-06-09', undefined],
    [2, 'Al Monitor', '2020-09-30', undefined],
    [3, undefined, undefined, 'https://www.nejatngo.org/en/posts/11158'],
    [4, 'Politico', '2020-10-21', undefined],
    [5, 'Informed Comment', '2020-10-22', undefined],
  ])('should read reference %i as outlet %s, date %s, URL %s', (n, outlet, date, url) => {
    const reference = article().references[n - 1]
    expect([
      reference.number,
      reference.outlet,
      reference.date,
      reference.url,
      reference.anchor,
    ]).toEqual([n, outlet, date, url, `ref-${n}`])
  })

  it('should link each [n] marker of the body to #ref-n', () => {
    const links = article()
      .richText.root.children.slice(0, 10)
      .flatMap((node) => (node.type === 'paragraph' ? node.children : []))
      .flatMap((child) =>
        child.type === 'link' ? [[child.children[0].text, child.fields.url]] : [],
      )
    expect(links).toEqual([
      ['[1]', '#ref-1'],
      ['[2]', '#ref-2'],
      ['[3]', '#ref-3'],
      ['[4]', '#ref-4'],
      ['[5]', '#ref-5'],
    ])
  })

  it('should keep the text around a marker whole', () => {
    const paragraph = article().richText.root.children[3]
    const text =
      paragraph.type === 'paragraph'
        ? paragraph.children.map((c) => (c.type === 'link' ? c.children[0].text : c.text)).join('')
        : ''
    expect(text).toBe(article().body[3].text)
  })

  it('should make the reference that gives a URL a link node, and the others text', () => {
    const list = article().richText.root.children[11]
    const kinds =
      list.type === 'list' ? list.children.map((item) => item.children.map((c) => c.type)) : []
    expect([kinds, list.type === 'list' ? list.children[2].children[0] : null]).toEqual([
      [['text'], ['text'], ['link'], ['text'], ['text']],
      expect.objectContaining({
        type: 'link',
        fields: {
          linkType: 'custom',
          url: 'https://www.nejatngo.org/en/posts/11158',
          newTab: false,
        },
      }),
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

  it('should keep the 12 related excerpts with their credits instead of skipping them', () => {
    const parsed = article()
    expect([
      parsed.relatedExcerpts.map((r) => r.provenance.line),
      parsed.skipped.filter((s) => s.credit !== undefined),
    ]).toEqual([[99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110], []])
  })

  it.each([
    [99, { writer: 'Wayne Madsen', outlets: ['Strategic Culture Foundation'], date: '2020-04-15' }],
    [100, { outlets: ['Nejat Society'], place: 'Tehran', date: '2020-04-06' }],
    [
      102,
      {
        writer: 'Anne and Massoud Khodabandeh',
        writers: ['Anne Khodabandeh', 'Massoud Khodabandeh'],
        outlets: ['Balkans Post'],
      },
    ],
    [
      103,
      {
        writers: ['Murteza Hussain', 'Matthew Cole'],
        outlets: ['The Intercept'],
        date: '2020-03-22',
      },
    ],
    [109, { writer: 'Dr. Olsi Jazexhi', outlets: [], place: 'Tirana, Albania' }],
  ])('should keep the credit of the related excerpt on line %i', (line, credit) => {
    expect(article().relatedExcerpts.find((r) => r.provenance.line === line)?.credit).toMatchObject(
      credit,
    )
  })

  it.each([
    [
      99,
      'The influence of the cultish terrorist organization, Mojahedin-e-Khalq (MEK), which used…',
    ],
    [100, 'Inside This Issue: – POMPEO AND MEK ISOLATED BY RESPONSE TO PANDEMIC'],
    [
      106,
      'With the elections in Iran, the MEK sided with Brian Hook, demanding that people don’t…',
    ],
    [
      109,
      'In the following video Dr. Olsi Jazexhi discusses with Scott Bennett a former U.S. army…',
    ],
    [110, 'Brian Hook, a senior adviser to Secretary of State Mike Pompeo and the U.S. Special…'],
  ])('should title the related excerpt on line %i from its first sentence', (line, title) => {
    expect(article().relatedExcerpts.find((r) => r.provenance.line === line)?.title).toBe(title)
  })

  it('should warn that each related excerpt got a made-up title, with its line', () => {
    const lines = article()
      .warnings.filter((w) => /titled from its first words/.test(w.message))
      .map((w) => w.line)
    expect(lines).toEqual([99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110])
  })

  it('should strip the host title from related excerpts', () => {
    expect(
      article()
        .relatedExcerpts.find((r) => r.provenance.line === 105)
        ?.excerpt.endsWith('Mousavi was referring to…'),
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
      ...parsed.relatedExcerpts.map((r) => r.provenance.line),
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
