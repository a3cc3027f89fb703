import type { Payload } from 'payload'

import {
  documentHash,
  mapDocument,
  setHash,
  type IdMapper,
  type SiteSummary,
} from '../../lib/siteTransfer.ts'
import type { TransferProgress } from './copy.ts'
import {
  countStored,
  storedDocuments,
  storedVersions,
  type CollectionPlan,
  type Side,
} from './site.ts'

/**
 * Counts and a content hash of each collection of one side. The source is read with its ids
 * (and its references) turned into the target's by `mapId`, so both sides hash the same
 * content the same way; version ids are not compared (each database numbers its own).
 */
export const summarizeSite = async ({
  payload,
  side,
  plans,
  mapId,
  onProgress = () => undefined,
}: {
  payload: Payload
  side: Side
  plans: CollectionPlan[]
  mapId: IdMapper
  onProgress?: (progress: TransferProgress) => void
}): Promise<SiteSummary> => {
  const summary: SiteSummary = {}
  for (const plan of plans) {
    const hashes: string[] = []
    const stored = await countStored(payload, plan)
    const total = stored.docs + stored.versions
    const label = `comparing ${side} ${plan.slug}`
    let read = 0
    onProgress({ label, done: read, total })
    let docs = 0
    for await (const page of storedDocuments(payload, plan.slug)) {
      read += page.length
      onProgress({ label, done: Math.min(read, total), total })
      for (const doc of page) {
        docs += 1
        const mapped = mapDocument({ doc, fields: plan.fields, mapId })
        hashes.push(documentHash({ ...mapped, id: mapId(plan.slug, doc.id) ?? doc.id }))
      }
    }
    let versions = 0
    if (plan.versionFields) {
      for await (const page of storedVersions(payload, plan.slug)) {
        read += page.length
        onProgress({ label, done: Math.min(read, total), total })
        for (const version of page) {
          const { id: _id, ...mapped } = mapDocument({
            doc: version,
            fields: plan.versionFields,
            mapId,
          })
          if (mapped.parent === null || mapped.parent === undefined) continue
          versions += 1
          const { id: _versionDocId, ...content } = (mapped.version ?? {}) as Record<
            string,
            unknown
          >
          hashes.push(`version ${documentHash({ ...mapped, version: content })}`)
        }
      }
    }
    summary[plan.slug] = { docs, versions, hash: setHash(hashes) }
  }
  return summary
}
