import crypto from 'node:crypto'

import type { Payload } from 'payload'

const nameOf = (value: unknown): string => {
  if (value && typeof value === 'object' && 'name' in value) return String(value.name)
  if (value && typeof value === 'object' && 'title' in value) return String(value.title)
  return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
}

const namesOf = (value: unknown): string[] => (Array.isArray(value) ? value.map(nameOf) : [])

/** Array rows without their ids, with related records by name. */
const rowsOf = (value: unknown): Record<string, unknown>[] =>
  (Array.isArray(value) ? (value as Record<string, unknown>[]) : []).map(
    ({ id: _rowId, author, post, source, ...row }) => ({
      ...row,
      ...(author === undefined ? {} : { author: nameOf(author) }),
      ...(post === undefined ? {} : { post: nameOf(post) }),
      ...(source === undefined ? {} : { source: nameOf(source) }),
    }),
  )

/**
 * What the importer wrote, one sorted line per document, with related records by name so two
 * databases compare equal whatever ids they gave out.
 */
export const importSnapshot = async (payload: Payload): Promise<string[]> => {
  const lines: string[] = []
  for (const collection of ['authors', 'sources', 'topics', 'posts', 'digests'] as const) {
    const { docs } = await payload.find({
      collection,
      limit: 0,
      pagination: false,
      depth: 1,
      draft: true,
      trash: true,
      overrideAccess: true,
    })
    for (const doc of docs as unknown as Record<string, unknown>[]) {
      const {
        id: _id,
        createdAt: _c,
        updatedAt: _u,
        provenance,
        author,
        sources,
        items,
        topics,
        relatedPosts,
        writers,
        ...rest
      } = doc
      const fields = {
        ...rest,
        author: nameOf(author),
        sources: namesOf(sources),
        topics: namesOf(topics),
        relatedPosts: namesOf(relatedPosts),
        writers: rowsOf(writers),
        items: rowsOf(items),
        importKey: (provenance as { importKey?: string } | undefined)?.importKey,
      }
      const digest = crypto
        .createHash('sha256')
        .update(JSON.stringify(fields))
        .digest('hex')
        .slice(0, 16)
      lines.push(`${collection} ${fields.importKey} ${digest}`)
    }
  }
  return lines.sort()
}

// Run directly (`tsx tests/helpers/importSnapshot.ts`): print the snapshot of DATABASE_URI.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { getPayload } = await import('payload')
  const { default: config } = await import('../../src/payload.config.ts')
  const payload = await getPayload({ config })
  const text = `${JSON.stringify(await importSnapshot(payload))}\n`
  // Wait until the pipe has taken it all: exiting first can cut the output short.
  await new Promise((resolve) => process.stdout.write(text, resolve))
  // Nothing was written: exit without waiting on Payload's shutdown.
  process.exit(0)
}
