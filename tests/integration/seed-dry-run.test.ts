import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { collectInputs } from '../../seed/files.ts'
import { importFiles } from '../../seed/import.ts'
import { startTestCms, type TestCms } from '../helpers/payload.ts'
import { projectRoot } from '../helpers/server.ts'

let cms: TestCms
const inputs = () => collectInputs([path.join(projectRoot, 'seed', 'data')])

const countAll = async () => {
  const counts: Record<string, number> = {}
  for (const collection of ['authors', 'sources', 'topics', 'posts', 'digests'] as const) {
    counts[collection] = (
      await cms.payload.count({ collection, overrideAccess: true, trash: true })
    ).totalDocs
  }
  return counts
}

beforeAll(async () => {
  cms = await startTestCms()
})
afterAll(async () => {
  await cms?.close()
})

describe('dry run', () => {
  it('should report what it would create and write nothing', async () => {
    const report = await importFiles({ payload: cms.payload, files: inputs(), isDryRun: true })
    expect(report.isDryRun).toBe(true)
    expect(report.counts.posts.created).toBe(37)
    expect(report.counts.digests.created).toBe(5)
    expect(report.counts.topics.created).toBe(8)
    expect(await countAll()).toEqual({ authors: 0, sources: 0, topics: 0, posts: 0, digests: 0 })
  })

  it('should report an editor-changed draft as skipped without touching anything', async () => {
    await importFiles({ payload: cms.payload, files: inputs() })
    const before = await countAll()
    const { docs } = await cms.payload.find({ collection: 'posts', limit: 1, overrideAccess: true })
    await cms.payload.update({
      collection: 'posts',
      id: docs[0].id,
      data: { excerpt: 'Hand edit', _status: 'draft' },
      overrideAccess: true,
    })
    const report = await importFiles({
      payload: cms.payload,
      files: inputs(),
      isDryRun: true,
      isForced: true,
    })
    expect(report.counts.posts.updated).toBe(1)
    expect(await countAll()).toEqual(before)
    const after = await cms.payload.findByID({
      collection: 'posts',
      id: docs[0].id,
      overrideAccess: true,
    })
    expect(after.excerpt).toBe('Hand edit')
  })
})
