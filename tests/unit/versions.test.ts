import { describe, expect, it } from 'vitest'

import { personLabel, versionStatus, type VersionRow } from '../../lib/versions.ts'

const row = (id: number, status: 'draft' | 'published', updatedAt: string): VersionRow => ({
  id,
  updatedAt,
  version: { _status: status },
})

const published1 = row(1, 'published', '2026-12-01T10:00:00.000Z')
const draft2 = row(2, 'draft', '2026-12-02T10:00:00.000Z')
const published3 = row(3, 'published', '2026-12-03T10:00:00.000Z')
const draft4 = row(4, 'draft', '2026-12-04T10:00:00.000Z')

describe('versionStatus', () => {
  it.each([
    ['the live published version', published3, published3, draft4, 'currentlyPublished'],
    ['an older published version', published1, published3, draft4, 'previouslyPublished'],
    ['the newest draft after the last publish', draft4, published3, draft4, 'currentDraft'],
    ['an older draft', draft2, published3, draft4, 'draft'],
    ['the newest draft when a publish came after it', draft2, published3, draft2, 'draft'],
    ['the newest draft of a never-published document', draft2, null, draft2, 'currentDraft'],
  ] as const)('should call %s %s', (_what, version, currentlyPublished, latestDraft, status) => {
    expect(versionStatus({ version, currentlyPublished, latestDraft })).toBe(status)
  })
})

describe('personLabel', () => {
  it.each([
    [{ name: 'Eddie Editor', email: 'editor@example.test' }, 'Eddie Editor'],
    [{ name: '  ', email: 'editor@example.test' }, 'editor@example.test'],
    [{ name: null, email: 'editor@example.test' }, 'editor@example.test'],
    [{}, null],
    [null, null],
  ])('should show %j as %j', (person, label) => {
    expect(personLabel(person)).toBe(label)
  })
})
