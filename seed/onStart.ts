import path from 'node:path'

import type { Payload } from 'payload'

import { collectInputs } from './files.ts'
import { importFiles } from './import.ts'

const CONTENT = ['authors', 'sources', 'posts', 'digests'] as const

/** True when no author, source, post or digest exists, trashed ones included. */
const isContentEmpty = async (payload: Payload): Promise<boolean> => {
  for (const collection of CONTENT) {
    const { totalDocs } = await payload.count({ collection, overrideAccess: true, trash: true })
    if (totalDocs > 0) return false
  }
  return true
}

/**
 * On the first start with an empty database, imports `seed/data` as drafts, as
 * `npm run seed` would, and logs what it did. Does nothing once any content exists.
 */
export const seedEmptyDatabase = async ({
  payload,
  dir = path.join(process.cwd(), 'seed', 'data'),
}: {
  payload: Payload
  dir?: string
}): Promise<void> => {
  if (!(await isContentEmpty(payload))) return
  const inputs = collectInputs([dir])
  if (inputs.length === 0 || inputs.every((input) => 'error' in input)) {
    payload.logger.warn({ msg: `seed on start: nothing to import in ${dir}` })
    return
  }
  payload.logger.info({
    msg: `seed on start: empty database, importing ${inputs.length} file(s) from ${dir}`,
  })
  const report = await importFiles({ payload, files: inputs })
  const created = Object.entries(report.counts)
    .map(([collection, counts]) => `${counts.created} ${collection}`)
    .join(', ')
  payload.logger.info({
    msg: `seed on start: created ${created} as drafts in ${report.durationMs} ms; ${report.warnings.length} warning(s), ${report.skipped.length} skipped, ${report.failures.length} failed (details: npm run seed -- --dry-run)`,
  })
}
