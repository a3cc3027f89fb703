import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { collectInputs } from '../../seed/files.ts'
import { hasFailures, importFiles, type ImportReport, type SeedInput } from '../../seed/import.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'
import { projectRoot } from '../helpers/server.ts'

const SEED_DIR = path.join(projectRoot, 'seed', 'data')

let cms: TestCms
let first: ImportReport

const seedInputs = () => collectInputs([SEED_DIR])
const find = async (
  collection: 'posts' | 'digests' | 'authors' | 'sources' | 'topics',
  where: object = {},
) =>
  (
    await cms.payload.find({
      collection,
      where: where as never,
      limit: 0,
      pagination: false,
      depth: 1,
      draft: true,
      overrideAccess: true,
    })
  ).docs as any[]
const postTitled = async (title: string) => (await find('posts', { title: { equals: title } }))[0]
const totals = (
  report: ImportReport,
  outcome: 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed',
) => Object.values(report.counts).reduce((sum, counts) => sum + counts[outcome], 0)

beforeAll(async () => {
  cms = await startTestCms()
  first = await importFiles({ payload: cms.payload, files: seedInputs() })
})
afterAll(async () => {
  await cms?.close()
})

describe('importing the five seed files', () => {
  it('should read all five files without a failure', () => {
    expect(first.files.map((f) => [path.basename(f.file).slice(0, 3), f.kind])).toEqual([
      ['000', 'author-page'],
      ['001', 'author-page'],
      ['002', 'author-page'],
      ['003', 'article-page'],
      ['004', 'digest-page'],
    ])
    expect(hasFailures(first)).toBe(false)
  })

  it('should create the three authors once each', async () => {
    const names = (await find('authors')).map((a) => a.name).sort()
    expect(names).toEqual(['Ali Alavi', 'Iran Interlink', 'Mazda Parsi'])
  })

  it('should not store the Cloudflare-obfuscated email', async () => {
    const [author] = await find('authors', { name: { equals: 'Iran Interlink' } })
    expect(author.email ?? null).toBeNull()
    expect(author.twitter).toBe('IranInterlink')
  })

  it('should report the chat-paste artefact in the bio it kept, with its file and line', async () => {
    const [author] = await find('authors', { name: { equals: 'Ali Alavi' } })
    expect([
      author.bio.startsWith('Anne Anne, [13.03.19 11:20]'),
      first.warnings.filter((w) => /chat-paste/.test(w.message)),
    ]).toEqual([
      true,
      [
        {
          file: expect.stringMatching(/002_fd58d360e7ce22ec\.txt$/),
          line: 5,
          message: expect.stringContaining('"Anne Anne, [13.03.19 11:20]"'),
        },
      ],
    ])
  })

  it('should import each of the 26 "Posted on" entries exactly once', async () => {
    const fromAuthorPages = [...(await find('posts')), ...(await find('digests'))].filter((doc) =>
      /\/00[012]_/.test(doc.provenance.file),
    )
    expect(fromAuthorPages).toHaveLength(26)
  })

  it('should turn the weekly digest entries into digests', async () => {
    const titles = (await find('digests')).map((d) => d.title).sort()
    expect(titles).toEqual([
      'Iran Interlink Weekly Digest – 260',
      'Iran Interlink Weekly Digest – August 02, 2019',
      'Iran Interlink Weekly Digest – August 09, 2019',
      'Iran Interlink Weekly Digest – July 26, 2019',
      'Iran Interlink Weekly Digest – October 18, 2019',
    ])
  })

  it('should link a digest entry to its author and source', async () => {
    const [digest] = await find('digests', {
      title: { equals: 'Iran Interlink Weekly Digest – October 18, 2019' },
    })
    expect(digest.author.name).toBe('Iran Interlink')
    expect(digest.sources.map((s: any) => s.name)).toEqual(['Iran Interlink'])
    expect(digest.issueDate).toBe('2019-10-18T00:00:00.000Z')
    expect(digest.postedAt).toBe('2019-10-19T00:00:00.000Z')
  })

  it('should keep one "NBC News" source used by two posts', async () => {
    const sources = await find('sources', { name: { equals: 'NBC News' } })
    expect(sources).toHaveLength(1)
    const posts = await find('posts', { sources: { contains: sources[0].id } })
    expect(posts).toHaveLength(2)
  })

  it('should let "Iran Interlink" be both an author and a source', async () => {
    expect(await find('authors', { name: { equals: 'Iran Interlink' } })).toHaveLength(1)
    expect(await find('sources', { name: { equals: 'Iran Interlink' } })).toHaveLength(1)
  })

  it('should link both outlets of "FaxWeb and Albanian Gazette"', async () => {
    const post = await postTitled('Albanians React to MEK Fake News – State Police Fallen Prey')
    expect(post.sources.map((s: any) => s.name)).toEqual(['FaxWeb', 'Albanian Gazette'])
  })

  it.each([
    [
      'MEK Lobbyist Rudy Giuliani Facing the Law',
      'Casey Michel',
      'Casey Michel, The New Republic, October 16 2019',
      '2019-10-16',
      '2019-10-16',
    ],
    [
      'Former MEK in Albania Expose MEK Stupid Lies',
      null,
      'ABC News and Ora News, Tirana, Albania, October 26 2019',
      '2019-10-26',
      '2019-10-26',
    ],
    [
      'MEK Terrorists In Albania Now Targeting Canadian Politicians',
      null,
      'Iranian Canadian Congress (ICC), Octomber 22 2019',
      '2019-10-22',
      '2019-10-22',
    ],
    [
      'Human Rights Watch Report (2005) – MEK Survivor: I was Imprisoned For 45 days',
      null,
      'Human Rights Watch, September 06 2021: (Fist Published 2005)',
      '2021-09-06',
      '2021-09-06',
    ],
  ])(
    'should import "%s" with its writer, credit and dates',
    async (title, writer, credit, published, posted) => {
      const post = await postTitled(title)
      expect(post.creditedWriter ?? null).toBe(writer)
      expect(post.credit).toContain(credit.slice(0, 20))
      expect(post.sourcePublishedAt).toBe(`${published}T00:00:00.000Z`)
      expect(post.postedAt).toBe(`${posted}T00:00:00.000Z`)
      expect(post.author.name).toBeTruthy()
    },
  )

  it('should strip the repeated title from the excerpt', async () => {
    const post = await postTitled('Giuliani MEK Lobbyist exposed')
    expect(post.excerpt.startsWith('One of Giuliani’s longest running paid relationships')).toBe(
      true,
    )
    expect(post.excerpt).not.toContain('Giuliani MEK Lobbyist exposed')
  })

  it('should make digest 260 with its 8 items, headings and date, without boilerplate', async () => {
    const [digest] = await find('digests', { issueNumber: { equals: 260 } })
    expect(digest.issueDate).toBe('2019-08-30T00:00:00.000Z')
    expect(digest.items).toHaveLength(8)
    expect(digest.items.map((item: any) => item.heading ?? null)).toEqual([
      null,
      null,
      ...Array(6).fill('In English'),
    ])
    expect(JSON.stringify(digest.items)).not.toMatch(/You may also like|Leave a Comment/)
    expect(digest.items[0].body.root.children[0].children[0].text).toMatch(
      /^In Albania, a source inside MEK/,
    )
  })

  it('should import the article with its author, source, date, body and references', async () => {
    const post = await postTitled('Why the MEK endeavour Trump re-election')
    expect(post.author.name).toBe('Mazda Parsi')
    expect(post.sources.map((s: any) => s.name)).toEqual([
      'Nejat Society',
      'The Intercept',
      'Al Monitor',
      'Politico',
      'Informed Comment',
    ])
    expect(post.sourcePublishedAt).toBe('2020-10-31T00:00:00.000Z')
    const types = post.content.root.children.map((node: any) => node.type)
    expect(types.filter((t: string) => t === 'paragraph').length).toBeGreaterThan(5)
    const list = post.content.root.children.find((node: any) => node.type === 'list')
    expect(list.children).toHaveLength(5)
  })

  it('should import the quoted "Also read" articles as their own drafts', async () => {
    const post = await postTitled('Donald Trump MEK Terrorists And The Troll Factory In Albania')
    expect(post.creditedWriter).toBe('Murtaza Hussain')
    expect(post.sources.map((s: any) => s.name)).toEqual(['The Intercept'])
  })

  it('should redirect the old-site addresses of the quoted articles to their posts', async () => {
    const albania = await postTitled('Donald Trump MEK Terrorists And The Troll Factory In Albania')
    const heshmat = await postTitled('” Heshmat Alavi Gate ” , Trump and MEK')
    const { docs } = await cms.payload.find({
      collection: 'redirects',
      sort: 'from',
      depth: 0,
      overrideAccess: true,
    })
    expect(docs.map(({ from, to, kind, statusCode }) => ({ from, to, kind, statusCode }))).toEqual([
      {
        from: '/wordpress/donald-trump-mek-terrorists-and-the-troll-factory-in-albania/',
        to: `/posts/${albania.slug}`,
        kind: 'imported',
        statusCode: 301,
      },
      {
        from: '/wordpress/heshmat-alavi-gate-trump-and-mek/',
        to: `/posts/${heshmat.slug}`,
        kind: 'imported',
        statusCode: 301,
      },
    ])
    expect(first.counts.redirects).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      failed: 0,
    })
  })

  it('should answer an old-site address over the lookup', async () => {
    const albania = await postTitled('Donald Trump MEK Terrorists And The Troll Factory In Albania')
    const { status, headers } = await cms.rest({
      path: '/api/redirects?path=/wordpress/donald-trump-mek-terrorists-and-the-troll-factory-in-albania/',
    })
    expect([status, headers.get('location')]).toEqual([301, `/posts/${albania.slug}`])
  })

  it('should list every block of the article it did not import, with the reason', () => {
    const article = first.skipped.filter((line) => line.file.includes('003_'))
    expect(article.length).toBeGreaterThan(10)
    expect(article.every((line) => line.line !== undefined && line.message.length > 0)).toBe(true)
  })

  it('should write only drafts', async () => {
    const statuses = [...(await find('posts')), ...(await find('digests'))].map((d) => d._status)
    expect(new Set(statuses)).toEqual(new Set(['draft']))
  })

  it('should show anonymous readers none of it', async () => {
    const posts = await cms.rest({ path: '/api/posts' })
    const digests = await cms.rest({ path: '/api/digests?draft=true' })
    expect(posts.body.totalDocs).toBe(0)
    expect(digests.body.totalDocs).toBe(0)
  })

  it('should open in the admin as valid rich text', async () => {
    const post = await postTitled('Why the MEK endeavour Trump re-election')
    // Saving through Payload runs the Lexical field's own validation.
    await expect(
      cms.payload.update({
        collection: 'posts',
        id: post.id,
        data: { content: post.content },
        draft: true,
        overrideAccess: true,
      }),
    ).resolves.toBeTruthy()
  })
})

describe('what the import keeps and links', () => {
  const article = () => postTitled('Why the MEK endeavour Trump re-election')
  const linksIn = (node: any): any[] =>
    node.type === 'link' ? [node] : (node.children ?? []).flatMap(linksIn)

  it("should link digest 260's items to the sources they name, with their language", async () => {
    const [digest] = await find('digests', { issueNumber: { equals: 260 } })
    expect(
      digest.items.map((item: any) => [item.source?.name ?? null, item.language ?? null]),
    ).toEqual([
      ['Lobelog', 'en'],
      [null, 'en'],
      ['Pravda', 'en'],
      [null, 'en'],
      ['Newsweek', 'en'],
      ['Washington Post', 'en'],
      [null, 'en'],
      ['Liberation News', 'en'],
    ])
    expect([digest.series, digest.tags, digest.language]).toEqual([
      'Iran Interlink Weekly Digest',
      ['weekly digest'],
      'en',
    ])
    expect(digest.sources.map((s: any) => s.name)).toEqual([
      'Lobelog',
      'Pravda',
      'Newsweek',
      'Washington Post',
      'Liberation News',
    ])
  })

  it("should keep the article's five references, the one with a URL as a link", async () => {
    const list = (await article()).content.root.children.find((node: any) => node.type === 'list')
    expect([
      list.children.length,
      list.children.flatMap(linksIn).map((link: any) => link.fields.url),
    ]).toEqual([5, ['https://www.nejatngo.org/en/posts/11158']])
  })

  it('should link the [n] markers of the article to its references', async () => {
    const paragraphs = (await article()).content.root.children.filter(
      (node: any) => node.type === 'paragraph',
    )
    expect(
      paragraphs.flatMap(linksIn).map((link: any) => [link.children[0].text, link.fields.url]),
    ).toEqual([1, 2, 3, 4, 5].map((n) => [`[${n}]`, `#ref-${n}`]))
  })

  it('should relate the article and its "Also read" posts both ways', async () => {
    const post = await article()
    const albania = await postTitled('Donald Trump MEK Terrorists And The Troll Factory In Albania')
    const heshmat = await postTitled('” Heshmat Alavi Gate ” , Trump and MEK')
    expect([
      post.relatedPosts.slice(0, 2).map((p: any) => p.id),
      albania.relatedPosts.map((p: any) => p.id),
      heshmat.relatedPosts.map((p: any) => p.id),
      albania.legacyUrls,
    ]).toEqual([
      [albania.id, heshmat.id],
      [post.id],
      [post.id],
      [
        'https://iran-interlink.org/wordpress/donald-trump-mek-terrorists-and-the-troll-factory-in-albania/',
      ],
    ])
  })

  it('should import the 12 related excerpt cards as drafts related to the article', async () => {
    const post = await article()
    const cards = (await find('posts')).filter(
      (p) => p.provenance.line >= 99 && /003_/.test(p.provenance.file),
    )
    expect([cards.length, post.relatedPosts.length, new Set(cards.map((c) => c._status))]).toEqual([
      12,
      14,
      new Set(['draft']),
    ])
  })

  it('should create the seed topics once and assign them by any spelling', async () => {
    const topics = await find('topics')
    const [mek] = topics.filter((t: any) => t.name === 'Mojahedin-e Khalq (MEK)')
    const mko = await postTitled(
      'Iran Blasts US , EU support for MKO Terrorists – Mersad Anniversary',
    )
    const mojahedin = await postTitled(
      'Afghan Refugees in Albania – Recruitment Fodder for the MEK',
    )
    expect([
      topics.length,
      mko.topics.map((t: any) => t.id),
      mojahedin.topics.map((t: any) => t.name),
    ]).toEqual([
      8,
      expect.arrayContaining([mek.id]),
      expect.arrayContaining([mek.name, 'MEK in Albania']),
    ])
  })

  it.each([
    [
      '” Heshmat Alavi Gate ” , Trump and MEK',
      [{ name: 'Negar Mortazavi' }, { name: 'Borzou Daragahi' }],
      null,
      null,
    ],
    [
      'Mike Pence From Anti Saddam To lobbying for Saddam Private Army',
      [{ name: 'Ali Alavi', author: 'Ali Alavi' }],
      null,
      null,
    ],
    ['Former MEK in Albania Expose MEK Stupid Lies', [], 'Tirana, Albania', null],
    [
      'Human Rights Watch Report (2005) – MEK Survivor: I was Imprisoned For 45 days',
      [],
      null,
      'First Published 2005',
    ],
  ])(
    'should store the writers, dateline and original publication of "%s"',
    async (title, writers, dateline, original) => {
      const post = await postTitled(title)
      expect([
        post.writers.map((w: any) =>
          w.author ? { name: w.name, author: w.author.name } : { name: w.name },
        ),
        post.dateline ?? null,
        post.originalPublication ?? null,
        post.language,
      ]).toEqual([writers, dateline, original, 'en'])
    },
  )

  it('should report what it linked', () => {
    expect(first.linked).toMatchObject({
      itemSources: 6,
      references: 5,
      referenceLinks: 1,
      citationLinks: 5,
      referenceSources: 4,
      relatedPosts: 28,
      relatedExcerptPosts: 12,
      writersLinkedToAuthors: 3,
      legacyUrls: 2,
    })
    expect(first.counts.topics.created).toBe(8)
  })
})

describe('running the import again', () => {
  it('should write nothing, make no version and report everything unchanged', async () => {
    const versions = async () =>
      (await cms.payload.findVersions({ collection: 'posts', limit: 1, overrideAccess: true }))
        .totalDocs +
      (await cms.payload.findVersions({ collection: 'digests', limit: 1, overrideAccess: true }))
        .totalDocs
    const before = await versions()
    const again = await importFiles({ payload: cms.payload, files: seedInputs() })
    expect(totals(again, 'created') + totals(again, 'updated') + totals(again, 'failed')).toBe(0)
    expect(totals(again, 'unchanged')).toBe(totals(first, 'created') + totals(first, 'unchanged'))
    expect([await versions(), again.linked]).toEqual([before, first.linked])
  })

  it('should point an imported redirect at the post again after its slug changed', async () => {
    const post = await postTitled('” Heshmat Alavi Gate ” , Trump and MEK')
    await cms.payload.update({
      collection: 'posts',
      id: post.id,
      data: { slug: 'heshmat-alavi-gate', _status: 'draft' },
      draft: true,
      overrideAccess: true,
    })
    const again = await importFiles({ payload: cms.payload, files: seedInputs() })
    const { docs } = await cms.payload.find({
      collection: 'redirects',
      where: { from: { equals: '/wordpress/heshmat-alavi-gate-trump-and-mek/' } },
      overrideAccess: true,
    })
    expect([again.counts.redirects.updated, docs[0].to]).toEqual([1, '/posts/heshmat-alavi-gate'])
  })

  it("should leave alone an editor's redirect from an old-site address, and say so", async () => {
    const from = '/wordpress/donald-trump-mek-terrorists-and-the-troll-factory-in-albania/'
    await cms.payload.delete({
      collection: 'redirects',
      where: { from: { equals: from } },
      overrideAccess: true,
    })
    const editor = await cms.userWithRole('editor')
    const made = await cms.rest({
      method: 'POST',
      path: '/api/redirects',
      token: editor.token,
      body: { from, to: '/posts/chosen-by-an-editor' },
    })
    expect(made.status).toBe(201)
    const again = await importFiles({ payload: cms.payload, files: seedInputs() })
    const { docs } = await cms.payload.find({
      collection: 'redirects',
      where: { from: { equals: from } },
      overrideAccess: true,
    })
    expect([docs[0].to, docs[0].kind]).toEqual(['/posts/chosen-by-an-editor', 'manual'])
    expect(again.skipped).toContainEqual(
      expect.objectContaining({
        collection: 'redirects',
        title: from,
        message: expect.stringMatching(/already exists \(manual/),
      }),
    )
  })

  it("should keep an editor's change and say so", async () => {
    const post = await postTitled('Giuliani MEK Lobbyist exposed')
    await cms.payload.update({
      collection: 'posts',
      id: post.id,
      data: { excerpt: 'Edited by an editor', _status: 'draft' },
      overrideAccess: true,
    })
    const again = await importFiles({ payload: cms.payload, files: seedInputs() })
    expect((await postTitled('Giuliani MEK Lobbyist exposed')).excerpt).toBe('Edited by an editor')
    expect(again.skipped).toContainEqual(
      expect.objectContaining({
        title: 'Giuliani MEK Lobbyist exposed',
        message: expect.stringMatching(/changed by an editor/),
      }),
    )
  })

  it('should overwrite the edited draft with --force, and say so', async () => {
    const forced = await importFiles({ payload: cms.payload, files: seedInputs(), isForced: true })
    expect((await postTitled('Giuliani MEK Lobbyist exposed')).excerpt).not.toBe(
      'Edited by an editor',
    )
    expect(forced.counts.posts.updated).toBe(1)
    expect(forced.warnings).toContainEqual(
      expect.objectContaining({
        title: 'Giuliani MEK Lobbyist exposed',
        message: expect.stringMatching(/--force/),
      }),
    )
  })

  it('should never alter or unpublish a published post, even with --force', async () => {
    const post = await postTitled(
      'Giuliani work for MEK with bloody past could lead to more legal woes',
    )
    await cms.payload.update({
      collection: 'posts',
      id: post.id,
      data: {
        title: 'Giuliani work for MEK with bloody past could lead to more legal woes',
        excerpt: 'Published text',
        _status: 'published',
      },
      overrideAccess: true,
    })
    const forced = await importFiles({ payload: cms.payload, files: seedInputs(), isForced: true })
    const after = await postTitled(
      'Giuliani work for MEK with bloody past could lead to more legal woes',
    )
    expect(after).toMatchObject({ _status: 'published', excerpt: 'Published text' })
    expect(forced.skipped).toContainEqual(
      expect.objectContaining({ message: expect.stringMatching(/published/) }),
    )
  })

  it('should make one post of the same entry listed on two author pages', async () => {
    const page = fs.readFileSync(path.join(SEED_DIR, '000_d505f3670ba1411c.txt'))
    const report = await importFiles({
      payload: cms.payload,
      files: [
        { name: 'copy-a.txt', bytes: page },
        { name: 'copy-b.txt', bytes: page },
      ],
    })
    expect(report.counts.posts.created).toBe(0)
    expect(
      await find('posts', { title: { equals: 'Giuliani MEK Lobbyist exposed' } }),
    ).toHaveLength(1)
  })
})

describe('bad input', () => {
  const bad: [string, SeedInput, RegExp][] = [
    ['an empty file', { name: 'empty.txt', bytes: new Uint8Array() }, /empty/i],
    [
      'a whitespace-only file',
      { name: 'blank.txt', bytes: Buffer.from('  \n\t\n  ') },
      /empty|whitespace/i,
    ],
    [
      'a binary file',
      { name: 'image.bin', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]) },
      /NUL|binary/i,
    ],
    [
      'invalid UTF-8',
      {
        name: 'latin1.txt',
        bytes: Buffer.from([0x41, 0x75, 0x74, 0x68, 0x6f, 0x72, 0x3a, 0x20, 0xe9, 0x0a]),
      },
      /UTF-8/,
    ],
    [
      'a file with no structure',
      { name: 'prose.txt', bytes: Buffer.from('Just some words.\nAnd more words.\n') },
      /no recognisable structure/,
    ],
    [
      'a 2 MB single line',
      { name: 'long.txt', bytes: Buffer.from('x'.repeat(2 * 1024 * 1024)) },
      /./,
    ],
    ['a missing path', { name: 'missing.txt', error: 'no such file or folder' }, /no such file/],
  ]

  it.each(bad)(
    'should report %s in one line naming the file and still import the others',
    async (_name, input, message) => {
      const report = await importFiles({
        payload: cms.payload,
        files: [
          input,
          {
            name: '004.txt',
            bytes: fs.readFileSync(path.join(SEED_DIR, '004_332ad5efebb445e5.txt')),
          },
        ],
      })
      expect(report.failures).toHaveLength(1)
      expect(report.failures[0].file).toBe(input.name)
      expect(report.failures[0].message).toMatch(message)
      expect(report.files.find((f) => f.file === '004.txt')?.isFailed).toBe(false)
      expect(hasFailures(report)).toBe(true)
    },
  )

  it('should leave an unreadable date empty and report where', async () => {
    const text = [
      'Author: Date Tester',
      '',
      'Date Tester',
      '',
      'Bio.',
      '',
      'A post with a bad date',
      '',
      'Posted on:',
      '',
      'NBC News, Smarch 45 2019:… Text of the post. A post with a bad date',
    ].join('\n')
    const report = await importFiles({
      payload: cms.payload,
      files: [{ name: 'dates.txt', bytes: Buffer.from(text) }],
    })
    expect(hasFailures(report)).toBe(false)
    const post = await postTitled('A post with a bad date')
    expect(post.postedAt ?? null).toBeNull()
    expect(report.warnings.some((w) => w.file === 'dates.txt' && w.line !== undefined)).toBe(true)
  })
})
