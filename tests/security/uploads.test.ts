/**
 * Uploads, attacked over HTTP: files are judged by their content, not their name; names
 * cannot climb out of the media folder or carry control characters; sizes are capped; and
 * served files can never run as a page (nosniff, a strict CSP, a safe Content-Disposition).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startNewsroom, type HttpAnswer, type Newsroom } from '../helpers/newsroom.ts'
import { solidPng } from '../helpers/images.ts'

let room: Newsroom
let mediaDir: string
let png: Buffer

beforeAll(async () => {
  mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-media-'))
  fs.mkdirSync(path.join(mediaDir, 'media'))
  room = await startNewsroom({ env: { MEDIA_DIR: path.join(mediaDir, 'media') } })
  png = await solidPng(8, 8, { r: 200, g: 0, b: 0 })
})

afterAll(async () => {
  await room?.stop()
  fs.rmSync(mediaDir, { recursive: true, force: true })
})

const upload = (content: Buffer | string, filename: string, type: string): Promise<HttpAnswer> => {
  const form = new FormData()
  form.append(
    'file',
    new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type }),
    filename,
  )
  form.append('_payload', JSON.stringify({ alt: 'An upload' }))
  return room.http('/api/media', { method: 'POST', body: form, token: room.tokens.editor })
}

/** Every file under the temp folder that is not inside media/ (there must be none). */
const strayFiles = () =>
  fs
    .readdirSync(mediaDir, { recursive: true, encoding: 'utf8' })
    .filter((entry) => !entry.startsWith('media'))

const SVG = `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>`
const HTML = `<!doctype html><html><body><script>fetch('/api/users/me')</script></body></html>`
const XML = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>`

describe('file content, not file name', () => {
  it.each([
    ['an SVG with a script', SVG, 'drawing.svg', 'image/svg+xml'],
    ['an SVG renamed .png', SVG, 'drawing.png', 'image/png'],
    ['HTML renamed .png', HTML, 'photo.png', 'image/png'],
    ['XML renamed .png', XML, 'photo.png', 'image/png'],
    ['HTML renamed .pdf', HTML, 'report.pdf', 'application/pdf'],
    ['a script named .jpg', 'alert(1)', 'x.jpg', 'image/jpeg'],
    ['an empty .png', '', 'empty.png', 'image/png'],
  ])('should refuse %s with a 4xx naming the problem', async (_what, content, name, type) => {
    const answer = await upload(content, name, type)
    expect(answer.status, answer.text).toBeGreaterThanOrEqual(400)
    expect(answer.status, answer.text).toBeLessThan(500)
    expect(answer.body.errors[0].message, answer.text).toBeTruthy()
  })

  it('should accept a real PNG', async () => {
    const answer = await upload(png, 'red square.png', 'image/png')
    expect(answer.status, answer.text).toBe(201)
    expect(answer.body.doc.mimeType).toBe('image/png')
  })

  it('should store a real PNG sent with a lying type by what it is', async () => {
    const answer = await upload(png, 'actually-png.png', 'text/html')
    expect(answer.status, answer.text).toBeLessThan(500)
    if (answer.status === 201) expect(answer.body.doc.mimeType).toBe('image/png')
  })
})

describe('file names', () => {
  it.each([
    ['../../escape.png'],
    ['..\\..\\escape.png'],
    ['/etc/cron.d/escape.png'],
    ['media/../../escape.png'],
    ['line\nbreak.png'],
    ['carriage\rreturn.png'],
    ['tab\there.png'],
    ['quote".png'],
    ['semi;colon.png'],
    ['\u202Egnp.exe.png'],
    ['CON.png'],
    ['.hidden.png'],
    ['a'.repeat(300) + '.png'],
  ])('should keep %j inside the media folder with a safe name', async (name) => {
    const answer = await upload(png, name, 'image/png')
    expect(answer.status, answer.text).toBeLessThan(500)
    if (answer.status === 201) {
      const stored = answer.body.doc.filename as string
      expect(stored).not.toMatch(/[/\\"]|\.\.|\p{Cc}|\p{Cf}/u)
      expect(stored.length).toBeLessThanOrEqual(255)
      expect(fs.existsSync(path.join(mediaDir, 'media', stored))).toBe(true)
    } else {
      expect(answer.body.errors[0].message).toBeTruthy()
    }
    expect(strayFiles()).toEqual([])
  })

  it('should not take a file name from the form fields or a later edit', async () => {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'honest.png')
    form.append('_payload', JSON.stringify({ alt: 'x', filename: '../../from-payload.png' }))
    const created = await room.http('/api/media', {
      method: 'POST',
      body: form,
      token: room.tokens.editor,
    })
    expect(created.status, created.text).toBeLessThan(500)
    if (created.status === 201) {
      expect(created.body.doc.filename).not.toMatch(/[/\\]|\.\./)
      const renamed = await room.http(`/api/media/${created.body.doc.id}`, {
        method: 'PATCH',
        token: room.tokens.editor,
        json: { filename: '../../renamed.png', url: 'https://evil.example/x.png' },
      })
      expect(renamed.status, renamed.text).toBeLessThan(500)
      const after = await room.http(`/api/media/${created.body.doc.id}`, {
        token: room.tokens.editor,
      })
      expect(after.body.filename).not.toMatch(/[/\\]|\.\./)
      expect(after.body.url).not.toContain('evil.example')
    }
    expect(strayFiles()).toEqual([])
  })

  it('should not serve files from outside the media folder', async () => {
    fs.writeFileSync(path.join(mediaDir, 'secret.txt'), 'not for you')
    for (const name of ['..%2Fsecret.txt', '%2E%2E%2Fsecret.txt', '..%5Csecret.txt']) {
      const answer = await room.http(`/api/media/file/${name}`)
      expect(answer.status, name).toBeGreaterThanOrEqual(400)
      expect(answer.status, name).toBeLessThan(500)
      expect(answer.text).not.toContain('not for you')
    }
    fs.rmSync(path.join(mediaDir, 'secret.txt'))
  })

  it('should answer a file that is not there with 404 naming it', async () => {
    const answer = await room.http('/api/media/file/never-uploaded.png')
    expect(answer.status, answer.text).toBe(404)
    expect(answer.body.errors[0].message).toMatch(/never-uploaded\.png/)
  })
})

describe('files fetched from an address', () => {
  it.each([
    ['a private address', 'http://127.0.0.1:9/inside.png'],
    ['an address that does not answer', 'http://192.0.2.1.invalid/outside.png'],
  ])('should refuse %s with a 400 saying what to do, and keep nothing', async (_what, url) => {
    const before = fs.readdirSync(path.join(mediaDir, 'media')).length
    const answer = await room.http('/api/media', {
      method: 'POST',
      token: room.tokens.editor,
      json: { alt: 'Fetched', url, filename: 'fetched.png' },
    })
    expect(answer.status, answer.text).toBe(400)
    expect(answer.body.errors[0].message).toMatch(/Attach the file itself/)
    expect(fs.readdirSync(path.join(mediaDir, 'media')).length).toBe(before)
  })
})

describe('size', () => {
  it('should refuse a file over 20 MB with 413, and keep nothing', async () => {
    const before = fs.readdirSync(path.join(mediaDir, 'media')).length
    const big = Buffer.concat([png, Buffer.alloc(21 * 1024 * 1024)])
    const answer = await upload(big, 'huge.png', 'image/png')
    expect(answer.status, answer.text.slice(0, 200)).toBe(413)
    expect(answer.body.errors[0].message).toMatch(/too large/)
    expect(fs.readdirSync(path.join(mediaDir, 'media')).length).toBe(before)
  })

  it('should refuse an upload from anyone not signed in', async () => {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'anon.png')
    form.append('_payload', JSON.stringify({ alt: 'x' }))
    const answer = await room.http('/api/media', { method: 'POST', body: form })
    expect(answer.status).toBe(403)
  })

  it('should refuse a broken _payload with a 400', async () => {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'broken.png')
    form.append('_payload', '{not json')
    const answer = await room.http('/api/media', {
      method: 'POST',
      body: form,
      token: room.tokens.editor,
    })
    expect(answer.status, answer.text).toBeGreaterThanOrEqual(400)
    expect(answer.status, answer.text).toBeLessThan(500)
  })
})

describe('served files', () => {
  it('should be served with nosniff, a sandboxing CSP and a safe Content-Disposition', async () => {
    const created = await upload(png, 'photo "one".png', 'image/png')
    expect(created.status, created.text).toBe(201)
    const url = created.body.doc.url as string
    const served = await room.http(url.replace(/^https?:\/\/[^/]+/, ''))
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(served.headers.get('x-content-type-options')).toBe('nosniff')
    expect(served.headers.get('content-security-policy')).toMatch(/sandbox/)
    const disposition = served.headers.get('content-disposition') ?? ''
    expect(disposition).toMatch(/^inline; filename="[^"\\\r\n]*"/)
  })

  it('should serve documents as attachments', async () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer<</Size 2/Root 1 0 R>>\nstartxref\n40\n%%EOF\n',
    )
    const created = await upload(pdf, 'report.pdf', 'application/pdf')
    expect(created.status, created.text).toBe(201)
    const served = await room.http(
      (created.body.doc.url as string).replace(/^https?:\/\/[^/]+/, ''),
    )
    expect(served.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?report\.pdf"?$/,
    )
  })
})
