import fs from 'node:fs'
import path from 'node:path'

import type { PayloadRequest, UploadConfig } from 'payload'

import { errorBody } from '../../lib/errors.ts'

type UploadHandler = NonNullable<UploadConfig['handlers']>[number]

/**
 * The answer to a request for a file the storage does not hold: 404 naming the file, never
 * cached. Local disk and object storage give the same one.
 */
export const missingFileAnswer = ({
  req,
  collection,
  filename,
  storage,
}: {
  req: PayloadRequest
  collection: string
  filename: string
  /** Where it was looked for, for the log: "on disk", "in the bucket". */
  storage: string
}): Response => {
  req.payload.logger.info({ msg: `${collection}: no file "${filename}" ${storage} (404)` })
  return Response.json(errorBody(`There is no file named "${filename}" in ${collection}.`), {
    status: 404,
    headers: { 'cache-control': 'no-store' },
  })
}

/**
 * Answers a request for a file that is not on disk with 404 naming the file. Payload's own file
 * route answers 500 "Something went wrong." for it, so any guessed name gave a server error.
 * Names that leave the upload folder are left to Payload, which refuses them with 400.
 */
export const missingUploadFile =
  ({ staticDir }: { staticDir: string }): UploadHandler =>
  (req, { params: { collection, filename } }) => {
    const dir = path.resolve(staticDir)
    const file = path.resolve(dir, filename)
    if (!file.startsWith(dir + path.sep) || fs.existsSync(file)) return
    return missingFileAnswer({ req, collection, filename, storage: 'on disk' })
  }
