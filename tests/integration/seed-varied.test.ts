import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { collectInputs } from '../../seed/files.ts'
import { hasFailures, importFiles, type ImportReport } from '../../seed/import.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'
import { projectRoot } from '../helpers/server.ts'

/** Files of the three kinds with other outlets, Persian text, several writers, URLs. */
const VARIED_DIR = path.join(projectRoot, 'tests', 'fixtures', 'seed', 'varied')

let cms: TestCms
let first: ImportReport

const inputs = () => collectInputs([VARIED_DIR])
const find = async (collection: 'posts' | 'digests' | 'topics', where: object = {}) =>
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
const linksIn = (node: any): any[] =>
  node.type === 'link' ? [node] : (node.children ?? []).flatMap(linksIn)

beforeAll(async () => {
  cms = await startTestCms()
  first = await importFiles({ payload: cms.payload, files: inputs() })
})
afterAll(async () => {
  await cms?.close()
})

describe('importing varied files of the same kinds', () => {
  it('should read the three files without a failure', () => {
    expect([first.files.map((f) => f.kind).sort(), hasFailures(first)]).toEqual([
      ['article-page', 'author-page', 'digest-page'],
      false,
    ])
  })

  it('should link each digest item to the outlet it names, its post and its language', async () => {
    const [digest] = await find('digests', { issueNumber: { equals: 300 } })
    expect(
      digest.items.map((item: any) => [
        item.source?.name ?? null,
        item.post?.title ?? null,
        item.language,
      ]),
    ).toEqual([
      ['Balkans Post', 'Families Of MEK Members Wait In Tirana', 'en'],
      ['The Guardian', null, 'en'],
      [null, null, 'fa'],
      ['Middle East Eye', null, 'en'],
      ['Al Monitor', null, 'en'],
    ])
  })

  it('should make the weekly digest entry of the same date part of issue 300, not a digest of its own', async () => {
    const digests = await find('digests')
    expect([
      digests.map((d) => d.title),
      digests[0].author.name,
      first.linked.digestEntriesLinked,
    ]).toEqual([['Iran Interlink Weekly Digest – 300'], 'Sara Tehrani', 1])
  })

  it('should detect Persian and assign topics from Persian spellings', async () => {
    const post = await postTitled('خانواده‌های اعضای مجاهدین خلق در تیرانا')
    expect([post.language, post.topics.map((t: any) => t.name)]).toEqual([
      'fa',
      ['Mojahedin-e Khalq (MEK)', 'MEK in Albania'],
    ])
  })

  it('should split the writers, link the one who is an author, and keep the dateline', async () => {
    const post = await postTitled('Families Of MEK Members Wait In Tirana')
    expect([post.writers.map((w: any) => [w.name, w.author?.name ?? null]), post.dateline]).toEqual(
      [
        [
          ['Sara Tehrani', 'Sara Tehrani'],
          ['Omid Karimi', null],
        ],
        'Tirana, Albania',
      ],
    )
  })

  it("should keep the article's references and URLs as links and its cited outlets as sources", async () => {
    const post = await postTitled('Paid Speakers At The MEK Rally In Paris')
    const nodes = post.content.root.children
    const list = nodes.find((node: any) => node.type === 'list')
    expect([
      nodes
        .filter((node: any) => node.type === 'paragraph')
        .flatMap(linksIn)
        .map((link: any) => link.fields.url),
      list.children.flatMap(linksIn).map((link: any) => link.fields.url),
      post.sources.map((s: any) => s.name),
      post.writers.map((w: any) => [w.name, w.author?.name ?? null]),
    ]).toEqual([
      ['#ref-1', '#ref-2', 'https://www.example.org/rally-video', '#ref-3'],
      [
        'https://www.middleeasteye.net/news/mek-rally-speakers',
        'https://responsiblestatecraft.org/2021/03/02/empty-seats/',
      ],
      ['Middle East Eye', 'The Guardian', 'Responsible Statecraft'],
      [
        ['Jane Roe', 'Jane Roe'],
        ['Sam Poe', null],
      ],
    ])
  })

  it('should relate the article and its "Also read" post both ways and keep its old address', async () => {
    const article = await postTitled('Paid Speakers At The MEK Rally In Paris')
    const also = await postTitled('The MEK Rally of 2020 Was Online')
    expect([
      article.relatedPosts.map((p: any) => p.id),
      also.relatedPosts.map((p: any) => p.id),
      also.legacyUrls,
    ]).toEqual([[also.id], [article.id], ['https://iran-interlink.org/wordpress/mek-rally-2020/']])
  })

  it('should change nothing when run again', async () => {
    const again = await importFiles({ payload: cms.payload, files: inputs() })
    const changed = Object.values(again.counts).reduce(
      (sum, counts) => sum + counts.created + counts.updated + counts.failed,
      0,
    )
    expect(changed).toBe(0)
  })

  it('should assign an alias an editor adds on the next import of a changed draft', async () => {
    const [topic] = await find('topics', { name: { equals: 'Troll farms and disinformation' } })
    await cms.payload.update({
      collection: 'topics',
      id: topic.id,
      data: { aliases: [...topic.aliases, 'paid speakers'] },
      overrideAccess: true,
    })
    const again = await importFiles({ payload: cms.payload, files: inputs() })
    const post = await postTitled('Paid Speakers At The MEK Rally In Paris')
    expect([again.counts.topics.created, post.topics.map((t: any) => t.name)]).toEqual([
      0,
      expect.arrayContaining(['Troll farms and disinformation']),
    ])
  })
})
