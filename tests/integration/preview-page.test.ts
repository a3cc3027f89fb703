import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { formatDateTime, timeZoneName } from '../../lib/dates.ts'
import { createContentFixtures, SECRET, type ContentFixtures } from '../helpers/fixtures.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'

/** What Chromium sends when someone opens a link. */
const BROWSER_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8'

const HOSTILE_TITLE = `<script>alert("title")</script> & "friends"`

const text = (value: string, format = 0) => ({
  type: 'text',
  text: value,
  format,
  style: '',
  mode: 'normal',
  detail: 0,
  version: 1,
})
const element = { format: '' as const, indent: 0, version: 1, direction: 'ltr' as const }
const paragraph = (...children: object[]) => ({
  ...element,
  type: 'paragraph',
  textFormat: 0,
  textStyle: '',
  children,
})
const link = (url: string, label: string) => ({
  ...element,
  type: 'link',
  version: 3,
  fields: { linkType: 'custom', url, newTab: false },
  children: [text(label)],
})

/** A body with a link, a hostile link, and references whose address is plain text. */
const body = {
  root: {
    ...element,
    type: 'root',
    children: [
      paragraph(
        text('The report '),
        link('https://example.org/report?a=1&b=2', 'says so'),
        text(' and '),
        link('javascript:alert(document.cookie)', 'click me'),
        text('.'),
      ),
      { ...element, type: 'heading', tag: 'h2', children: [text('References')] },
      {
        ...element,
        type: 'list',
        listType: 'number',
        tag: 'ol',
        start: 1,
        children: [
          {
            ...element,
            type: 'listitem',
            value: 1,
            children: [text('Hussain, Murtaza, The Intercept, June 9th, 2019.')],
          },
          {
            ...element,
            type: 'listitem',
            value: 2,
            children: [text('https://www.nejatngo.org/en/posts/11158')],
          },
        ],
      },
    ],
  },
}

let cms: TestCms
let f: ContentFixtures
let editorToken: string
let article: { id: number | string }
let hostile: { id: number | string }

const createLink = async (id: number | string, collection = 'posts') => {
  const { status, body: created } = await cms.rest({
    method: 'POST',
    path: `/api/${collection}/${id}/preview-link`,
    token: editorToken,
    body: {},
  })
  expect(status).toBe(201)
  return created as { id: number | string; url: string; expiresAt: string }
}
const pathOf = (url: string) => new URL(url).pathname
const openPage = (url: string, accept = BROWSER_ACCEPT) =>
  cms.rest({ path: pathOf(url), headers: { accept } })

beforeAll(async () => {
  cms = await startTestCms()
  f = await createContentFixtures(cms.payload)
  editorToken = (await cms.userWithRole('editor')).token
  const author = await cms.payload.create({
    collection: 'authors',
    data: { name: 'Mazda Parsi' },
    overrideAccess: true,
  })
  const source = await cms.payload.create({
    collection: 'sources',
    data: { name: 'Nejat Society', website: 'https://www.nejatngo.org' },
    overrideAccess: true,
  })
  article = await cms.payload.create({
    collection: 'posts',
    data: {
      title: 'Why the MEK endeavour Trump re-election',
      author: author.id,
      sources: [source.id],
      credit: 'Nejat Society, October 31 2020',
      creditedWriter: 'Mazda Parsi',
      postedAt: '2020-10-31T12:00:00.000Z',
      excerpt: 'Once advocating the anti-American stance of their early leaders…',
      content: body,
      _status: 'draft',
    },
    draft: true,
    overrideAccess: true,
  })
  hostile = await cms.payload.create({
    collection: 'posts',
    data: { title: HOSTILE_TITLE, _status: 'draft' },
    draft: true,
    overrideAccess: true,
  })
})
afterAll(async () => {
  await cms?.close()
})

describe('the preview page a browser gets', () => {
  it('should answer a browser with an HTML page of the post', async () => {
    const page = await openPage((await createLink(article.id)).url)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.body).toMatch(/^<!doctype html>/)
    expect(page.body).toContain('<h1>Why the MEK endeavour Trump re-election</h1>')
  })

  it('should answer HTML when the request sends no Accept header', async () => {
    const { url } = await createLink(article.id)
    const page = await cms.rest({ path: pathOf(url) })
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
  })

  it('should show the byline, credit, dates and cited sources', async () => {
    const page = await openPage((await createLink(article.id)).url)
    expect(page.body).toContain('<p class="byline">By Mazda Parsi</p>')
    expect(page.body).toContain('<dd>Nejat Society, October 31 2020</dd>')
    expect(page.body).toContain('<time datetime="2020-10-31T12:00:00.000Z">31 Oct 2020</time>')
    expect(page.body).toContain('<li><a href="https://www.nejatngo.org">Nejat Society</a></li>')
  })

  it('should show the excerpt above the body', async () => {
    const page = await openPage((await createLink(article.id)).url)
    expect(page.body).toContain(
      '<p class="lede">Once advocating the anti-American stance of their early leaders…</p>',
    )
  })

  it('should not repeat an excerpt the body opens with', async () => {
    const post = await cms.payload.create({
      collection: 'posts',
      data: {
        title: 'Imported excerpt',
        excerpt: 'The report   says so and click me.…',
        content: body,
        _status: 'draft',
      },
      draft: true,
      overrideAccess: true,
    })
    const page = await openPage((await createLink(post.id)).url)
    expect(page.body).not.toContain('class="lede"')
  })

  it('should render the body and references with working links', async () => {
    const page = await openPage((await createLink(article.id)).url)
    expect(page.body).toContain('<a href="https://example.org/report?a=1&#38;b=2">says so</a>')
    expect(page.body).toContain('<h2>References</h2>')
    expect(page.body).toContain(
      '<a href="https://www.nejatngo.org/en/posts/11158">https://www.nejatngo.org/en/posts/11158</a>',
    )
  })

  it('should say at the top that it is a draft preview and when the link expires', async () => {
    const { url, expiresAt } = await createLink(article.id)
    const page = await openPage(url)
    const banner = /<p class="banner" role="note">(.*?)<\/p>/.exec(page.body)?.[1] ?? ''
    expect(banner.replace(/<[^>]+>/g, '')).toBe(
      `Draft preview — expires ${formatDateTime(expiresAt)} ${timeZoneName(new Date(expiresAt))}`,
    )
    expect(page.body.indexOf('class="banner"')).toBeLessThan(page.body.indexOf('<h1>'))
  })

  it('should keep the page out of search engines, caches and referrers', async () => {
    const page = await openPage((await createLink(article.id)).url)
    expect({
      robots: page.headers.get('x-robots-tag'),
      cache: page.headers.get('cache-control'),
      referrer: page.headers.get('referrer-policy'),
    }).toEqual({ robots: 'noindex', cache: 'private, no-store', referrer: 'no-referrer' })
    expect(page.body).toContain('<meta name="robots" content="noindex">')
  })

  it('should allow no scripts and nothing from elsewhere', async () => {
    const page = await openPage((await createLink(article.id)).url)
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none';/)
    expect(page.body).not.toMatch(/<script|<link|src="http/i)
  })

  it('should show a hostile title as text', async () => {
    const page = await openPage((await createLink(hostile.id)).url)
    expect(page.body).toContain(
      '<h1>&#60;script&#62;alert(&#34;title&#34;)&#60;/script&#62; &#38; &#34;friends&#34;</h1>',
    )
    expect(page.body).not.toContain('<script')
  })

  it('should not link a javascript: address, keeping its text', async () => {
    const page = await openPage((await createLink(article.id)).url)
    expect(page.body).toContain(' and click me.')
    expect(page.body).not.toMatch(/javascript:/i)
  })

  it("should show a digest's items under their section headings", async () => {
    const page = await openPage((await createLink(f.digest.id, 'digests')).url)
    const items = page.body.slice(page.body.indexOf('<div class="items">'))
    expect(items.indexOf('Item linking a draft')).toBeGreaterThan(-1)
    expect(items.indexOf('<h2 class="section">In English</h2>')).toBeGreaterThan(
      items.indexOf('Item linking a draft'),
    )
    expect(items.indexOf('Item linking a live post')).toBeGreaterThan(
      items.indexOf('<h2 class="section">In English</h2>'),
    )
  })

  it('should show a page saying the link is not valid once it expired', async () => {
    const link = await createLink(f.draft.id)
    await cms.payload.update({
      collection: 'preview-links',
      id: link.id,
      data: { expiresAt: new Date(Date.now() - 1000).toISOString() },
      overrideAccess: true,
    })
    const page = await openPage(link.url)
    expect(page.status).toBe(404)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.body).toContain('<h1>This preview link is not valid</h1>')
    expect(page.body).not.toContain(SECRET)
  })

  it('should show a page saying the link is not valid for a made-up token', async () => {
    const page = await cms.rest({
      path: `/api/preview/${'x'.repeat(43)}`,
      headers: { accept: BROWSER_ACCEPT },
    })
    expect(page.status).toBe(404)
    expect(page.body).toContain('<h1>This preview link is not valid</h1>')
  })
})

describe('the preview as JSON for front ends', () => {
  /** Today's answer: the latest draft at depth 1, without provenance, owner and note. */
  const expectedJson = async (id: number | string, expiresAt: string) => {
    const doc = await cms.payload.findByID({
      collection: 'posts',
      id,
      draft: true,
      depth: 1,
      overrideAccess: true,
    })
    const { provenance: _p, owner: _o, workflowNote: _n, ...visible } = doc
    return JSON.parse(JSON.stringify({ preview: true, expiresAt, doc: visible }))
  }

  it('should answer Accept: application/json with the JSON it always gave', async () => {
    const { url, expiresAt } = await createLink(article.id)
    const answer = await openPage(url, 'application/json')
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
    expect(answer.body).toEqual(await expectedJson(article.id, expiresAt))
  })

  it('should answer ?format=json with the same JSON, whatever the Accept header', async () => {
    const { url, expiresAt } = await createLink(article.id)
    const answer = await cms.rest({
      path: `${pathOf(url)}?format=json`,
      headers: { accept: BROWSER_ACCEPT },
    })
    expect(answer.body).toEqual(await expectedJson(article.id, expiresAt))
  })

  it('should keep the JSON out of search engines and caches', async () => {
    const answer = await openPage((await createLink(article.id)).url, 'application/json')
    expect([answer.headers.get('x-robots-tag'), answer.headers.get('cache-control')]).toEqual([
      'noindex',
      'private, no-store',
    ])
  })

  it('should answer ?format=html with the page even when Accept asks for JSON', async () => {
    const { url } = await createLink(article.id)
    const answer = await cms.rest({
      path: `${pathOf(url)}?format=html`,
      headers: { accept: 'application/json' },
    })
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8')
  })

  it('should refuse an unknown format with a 400 naming the parameter', async () => {
    const { url } = await createLink(article.id)
    const answer = await cms.rest({
      path: `${pathOf(url)}?format=xml`,
      headers: { accept: 'application/json' },
    })
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({
      errors: [{ message: 'query parameter "format" must be html or json, not "xml"' }],
    })
  })

  it('should tell a browser about an unknown format on a page', async () => {
    const { url } = await createLink(article.id)
    const answer = await cms.rest({ path: `${pathOf(url)}?format=pdf` })
    expect(answer.status).toBe(400)
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(answer.body).toContain('query parameter &#34;format&#34; must be html or json')
  })
})
