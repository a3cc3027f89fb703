/**
 * Media in object storage through the whole production server: a CMS on a bucket answers every
 * request for a file exactly as a CMS on the local disk does (the server's headers included),
 * its admin panel uploads to the bucket, and the built admin holds one copy of @payloadcms/ui.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { openBrowser, type BrowserSession } from '../helpers/browser.ts'
import { EMAILS, PASSWORD, startNewsroom, type Newsroom } from '../helpers/newsroom.ts'
import { startTestBucket, type TestBucket } from '../helpers/s3.ts'
import { projectRoot } from '../helpers/server.ts'
import { solidPng } from '../helpers/images.ts'

let bucket: TestBucket
let onDisk: Newsroom
let inBucket: Newsroom
let mediaDirs: string[] = []
let png: Buffer
const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer<</Size 2/Root 1 0 R>>\nstartxref\n40\n%%EOF\n',
)

beforeAll(async () => {
  bucket = await startTestBucket()
  mediaDirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-media-')))
  ;[onDisk, inBucket] = await Promise.all([
    startNewsroom({ env: { MEDIA_DIR: mediaDirs[0] } }),
    startNewsroom({ env: { MEDIA_DIR: mediaDirs[1], ...bucket.env } }),
  ])
  png = await solidPng(900, 600, '#336699')
  for (const room of [onDisk, inBucket]) {
    for (const [data, name, type] of [
      [png, 'photo one.png', 'image/png'],
      [pdf, 'report.pdf', 'application/pdf'],
    ] as const) {
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(data)], { type }), name)
      form.append('_payload', JSON.stringify({ alt: 'An upload' }))
      const created = await room.http('/api/media', {
        method: 'POST',
        body: form,
        token: room.tokens.editor,
      })
      expect(created.status, created.text).toBe(201)
      expect(created.body.doc.filename).toBe(name)
    }
  }
})
afterAll(async () => {
  await Promise.all([onDisk?.stop(), inBucket?.stop()])
  await bucket?.stop()
  for (const dir of mediaDirs) fs.rmSync(dir, { recursive: true, force: true })
})

/** A file's answer over HTTP: status, every header but the date, and the bytes. */
const served = async (room: Newsroom, name: string, headers: Record<string, string> = {}) => {
  const url = `${room.server.baseUrl}/api/media/file/${encodeURIComponent(name)}`
  const response = await fetch(url, { headers })
  const kept = [...response.headers.entries()].filter(([header]) => header !== 'date')
  return {
    status: response.status,
    headers: Object.fromEntries(kept),
    body: Buffer.from(await response.arrayBuffer()),
  }
}

describe('files served from the bucket', () => {
  it('should keep nothing on the local disk', () => {
    expect(fs.readdirSync(mediaDirs[1])).toEqual([])
    expect(fs.readdirSync(mediaDirs[0]).length).toBeGreaterThan(0)
  })

  it.each([
    ['an image', 'photo one.png', {}, 200],
    ['an image size', 'photo one-400x300.png', {}, 200],
    ['a PDF', 'report.pdf', {}, 200],
    ['a range', 'report.pdf', { range: 'bytes=0-99' }, 206],
    ['a file that is not there', 'never-uploaded.png', {}, 404],
    ['a file to a signed-in reader', 'photo one.png', { authorization: 'JWT token' }, 200],
  ])(
    'should answer %s exactly as from disk',
    async (_what, name, headers: Record<string, string>, status) => {
      const fromBucket = await served(inBucket, name, headers)
      expect(fromBucket.status).toBe(status)
      expect(fromBucket).toEqual(await served(onDisk, name, headers))
    },
  )

  it('should answer 304 to the ETag it gave, as from disk', async () => {
    const first = await served(inBucket, 'photo one.png')
    expect(first.headers).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'content-disposition': 'inline; filename="photo one.png"',
    })
    const etag = first.headers.etag
    expect(etag).toMatch(/^W\//)
    const again = await served(inBucket, 'photo one.png', { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(again).toEqual(await served(onDisk, 'photo one.png', { 'if-none-match': etag }))
  })
})

describe('edits of a stored image', () => {
  it('should make the sizes again for a new focal point, as on disk', async () => {
    // Payload fetches the original from its own file route (src/plugins/objectStorage.ts).
    const sizes = []
    for (const room of [inBucket, onDisk]) {
      const { body } = await room.http('/api/media?where[filename][equals]=photo one.png', {
        token: room.tokens.editor,
      })
      const moved = await room.http(`/api/media/${body.docs[0].id}`, {
        method: 'PATCH',
        token: room.tokens.editor,
        json: { focalX: 10, focalY: 90 },
      })
      expect(moved.status, moved.text).toBe(200)
      expect(moved.body.doc).toMatchObject({ focalX: 10, focalY: 90 })
      sizes.push(await served(room, moved.body.doc.sizes.thumbnail.filename))
    }
    expect(sizes[0].status).toBe(200)
    expect(sizes[0].body).toEqual(sizes[1].body)
    expect(await bucket.read('photo one.png')).toEqual(png)
  })
})

describe('the admin on a bucket', () => {
  let session: BrowserSession

  beforeAll(async () => {
    session = await openBrowser({
      chromiumPath: inject('chromiumPath'),
      suite: 'media-s3',
      serverOutput: () => inBucket.server.output(),
    })
  })
  afterAll(async () => {
    await session?.close()
  })

  it('should upload an image from the media edit view into the bucket', async () => {
    const { page, step } = session
    const file = path.join(mediaDirs[0], 'from-admin.png')
    fs.writeFileSync(file, png)

    await step('sign in', async () => {
      await page.goto(`${inBucket.server.baseUrl}/admin/login`)
      await page.fill('#field-email', EMAILS.admin)
      await page.fill('#field-password', PASSWORD)
      await page.click('button[type="submit"]')
      await page.waitForURL((url) => !url.pathname.endsWith('/login'))
    })
    await step('upload from the create view', async () => {
      await page.goto(`${inBucket.server.baseUrl}/admin/collections/media/create`)
      await page.setInputFiles('input[type="file"]', file)
      await page.fill('#field-alt', 'Uploaded in the admin')
      await page.click('#action-save')
      await page.waitForURL(/\/admin\/collections\/media\/\d+/)
    })
    expect(await bucket.keys()).toContain('from-admin.png')
    expect(await bucket.read('from-admin.png')).toEqual(png)
    expect(inBucket.server.output()).not.toMatch(/importMap|not found in import map/i)
  })
})

describe('the built admin', () => {
  const built = path.join(projectRoot, '.next')
  /** Every JavaScript file under a folder of the build. */
  const javascript = (dir: string): string[] =>
    fs
      .readdirSync(path.join(built, dir), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js'))
      .map((file) => fs.readFileSync(path.join(built, dir, file), 'utf8'))

  it('should take @payloadcms/ui from the one copy, for the storage plugin too', () => {
    const modules = javascript('server').flatMap((code) => [
      ...code.matchAll(/\[project\]\/[^"'\s]*?@payloadcms\/(?:ui|storage-s3)\/dist\/[^"'\s]*/g),
    ])
    const uiFolders = new Set(
      modules
        .map(([path]) => path)
        .filter((module) => module.includes('@payloadcms/ui/dist/'))
        .map((module) => module.slice(0, module.indexOf('@payloadcms/ui/dist/'))),
    )
    expect([...uiFolders]).toEqual(['[project]/node_modules/'])
    expect(modules.map(([path]) => path)).toContain(
      '[project]/node_modules/@payloadcms/storage-s3/dist/client/S3ClientUploadHandler.js',
    )
  })

  it('should send the browser one copy of the ui package', () => {
    // A message of @payloadcms/ui's upload handlers, which the storage plugin's client uses.
    const marker = 'useUploadHandlers must be used within UploadHandlersProvider'
    const copies = javascript('static').reduce(
      (sum, code) => sum + code.split(marker).length - 1,
      0,
    )
    expect(copies).toBe(1)
  })
})
