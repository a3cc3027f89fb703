import type { CollectionBeforeOperationHook } from 'payload'

import { cleanFileName } from '../../lib/fileNames.ts'

/** Runs `cleanFileName` on the file of a create or update, however it arrives. */
export const safeUploadName: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if ((operation === 'create' || operation === 'update') && req.file?.name) {
    req.file.name = cleanFileName(req.file.name)
  }
  return args
}
