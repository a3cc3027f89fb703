import path from 'node:path'

import type { CollectionConfig } from 'payload'

import { anyone, isEditor, isStaff } from './access/index.ts'
import { missingUploadFile } from './hooks/missingUploadFile.ts'
import { publicReadLimits } from './hooks/publicReadLimits.ts'
import { safeUploadName } from './hooks/safeUploadName.ts'
import { slugs } from './slugs.ts'

/** Upload types the CMS accepts: web images and PDF. */
export const MEDIA_MIME_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/avif',
  'application/pdf',
]

/** Largest accepted upload, in bytes. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024

const staticDir = path.resolve(process.cwd(), process.env.MEDIA_DIR?.trim() || 'media')

/** Images and documents, stored in `media/` with resized copies made by sharp. */
export const Media: CollectionConfig = {
  slug: slugs.media,
  admin: {
    useAsTitle: 'filename',
    defaultColumns: ['filename', 'alt', 'mimeType', 'filesize', 'updatedAt'],
    group: 'Content',
  },
  access: {
    read: anyone,
    create: isStaff,
    update: isStaff,
    delete: isEditor,
  },
  hooks: { beforeOperation: [publicReadLimits, safeUploadName] },
  upload: {
    staticDir,
    handlers: [missingUploadFile({ staticDir })],
    mimeTypes: MEDIA_MIME_TYPES,
    adminThumbnail: 'thumbnail',
    focalPoint: true,
    imageSizes: [
      { name: 'thumbnail', width: 400, height: 300, position: 'centre' },
      { name: 'card', width: 768, height: undefined },
      { name: 'wide', width: 1600, height: undefined, withoutEnlargement: true },
    ],
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      required: true,
      label: 'Alternative text',
      admin: { description: 'Describes the image for readers who cannot see it.' },
    },
    { name: 'caption', type: 'text' },
  ],
}
