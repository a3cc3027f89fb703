import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestCms, type TestCms } from '../helpers/payload.ts'
import { solidPng } from '../helpers/images.ts'

let cms: TestCms
let png: Buffer

const upload = (
  data: Buffer,
  name: string,
  mimetype: string,
  alt: string | undefined = 'Alt text',
) =>
  cms.payload.create({
    collection: 'media',
    data: { alt },
    file: { data, name, mimetype, size: data.length },
    overrideAccess: true,
  })

beforeAll(async () => {
  cms = await startTestCms()
  png = await solidPng(1200, 800, '#336699')
})
afterAll(async () => {
  await cms?.close()
})

describe('media uploads', () => {
  it('should store the image and generate its sizes with sharp', async () => {
    const doc = await upload(png, 'photo.png', 'image/png')
    expect(doc).toMatchObject({ mimeType: 'image/png', width: 1200, height: 800 })
    expect(doc.sizes?.thumbnail).toMatchObject({ width: 400, height: 300 })
    expect(doc.sizes?.card).toMatchObject({ width: 768 })
    const dir = process.env.MEDIA_DIR as string
    for (const file of [doc.filename, doc.sizes?.thumbnail?.filename, doc.sizes?.card?.filename]) {
      expect(fs.existsSync(path.join(dir, String(file)))).toBe(true)
    }
  })

  it('should accept a PDF', async () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer<</Size 2/Root 1 0 R>>\nstartxref\n40\n%%EOF\n',
    )
    await expect(upload(pdf, 'report.pdf', 'application/pdf')).resolves.toMatchObject({
      mimeType: 'application/pdf',
    })
  })

  it('should require alt text', async () => {
    await expect(upload(png, 'no-alt.png', 'image/png', '')).rejects.toMatchObject({
      data: { errors: [expect.objectContaining({ path: 'alt' })] },
    })
  })

  it.each([
    [
      'an SVG',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'x.svg',
      'image/svg+xml',
    ],
    [
      'HTML named .png',
      Buffer.from('<html><script>alert(1)</script></html>'),
      'fake.png',
      'image/png',
    ],
    ['XML', Buffer.from('<?xml version="1.0"?><a/>'), 'data.xml', 'application/xml'],
  ])('should refuse %s', async (_name, data, name, mimetype) => {
    await expect(upload(data, name, mimetype)).rejects.toThrow()
    const { totalDocs } = await cms.payload.count({
      collection: 'media',
      where: { filename: { equals: name } },
      overrideAccess: true,
    })
    expect(totalDocs).toBe(0)
  })
})
