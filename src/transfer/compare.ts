import type { Payload } from 'payload'

import {
  documentHash,
  mapDocument,
  setHash,
  type IdMapper,
  type SiteSummary,
} from '../../lib/siteTransfer.ts'
import { storedDocuments, storedVersions, type CollectionPlan } from './site.ts'

/**
 * Counts and a content hash of each collection of one side. The source is read with its ids
 * (and its references) turned into the target's by `mapId`, so both sides hash the same
 * content the same way; version ids are not compared (each database numbers its own).
 */
export const summarizeSite = async ({
  payload,
  plans,
  mapId,
}: {
  payload: Payload
  plans: CollectionPlan[]
  mapId: IdMapper
}): Promise<SiteSummary> => {
  const summary: SiteSummary = {}
  for (const plan of plans) {
    const hashes: string[] = []
    let docs = 0
    for await (const page of storedDocuments(payload, plan.slug)) {
      for (const doc of page) {
        docs += 1
        const mapped = mapDocument({ doc, fields: plan.fields, mapId })
        hashes.push(documentHash({ ...mapped, id: mapId(plan.slug, doc.id) ?? doc.id }))
      }
    }
    let versions = 0
    if (plan.versionFields) {
      for await (const page of storedVersions(payload, plan.slug)) {
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
