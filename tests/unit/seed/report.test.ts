import { describe, expect, it } from 'vitest'

import type { ImportReport } from '../../../seed/import.ts'
import { formatReport } from '../../../seed/report.ts'

const counts = (created = 0) => ({ created, updated: 0, unchanged: 0, skipped: 0, failed: 0 })

const report: ImportReport = {
  isDryRun: true,
  isForced: false,
  files: [
    { file: 'a.txt', kind: 'author-page', isFailed: false },
    { file: 'b.bin', isFailed: true, error: 'b.bin:1: contains NUL bytes' },
  ],
  counts: {
    authors: counts(1),
    sources: counts(2),
    topics: counts(8),
    posts: counts(10),
    digests: counts(),
    redirects: counts(2),
  },
  skipped: [
    {
      file: 'a.txt',
      line: 9,
      collection: 'posts',
      title: 'T',
      message: 'published: imports never change published documents',
    },
    {
      file: 'c.txt',
      line: 26,
      collection: 'redirects',
      title: '/wordpress/old-page/',
      message: 'a redirect from this path already exists (manual, to /posts/x): left alone',
    },
  ],
  failures: [{ file: 'b.bin', line: 1, message: 'contains NUL bytes' }],
  warnings: [{ file: 'a.txt', line: 4, message: 'empty "Posted on"' }],
  linked: {
    itemSources: 6,
    itemPosts: 1,
    itemLanguages: 12,
    references: 5,
    referenceLinks: 1,
    citationLinks: 5,
    referenceSources: 4,
    textLinks: 4,
    relatedPosts: 28,
    relatedExcerptPosts: 12,
    topicsAssigned: 94,
    writers: 22,
    writersLinkedToAuthors: 3,
    datelines: 4,
    originalPublications: 1,
    legacyUrls: 2,
    languages: { fa: 2, en: 40 },
    series: 5,
    tags: 1,
    digestEntriesLinked: 0,
  },
  durationMs: 1234,
}

describe('formatReport', () => {
  const text = formatReport(report)

  it('should say it was a dry run and how many files failed', () => {
    expect(text.split('\n')[0]).toBe(
      'Dry run (nothing written): 2 file(s) read, 1 failed, in 1.2 s',
    )
  })

  it('should print a row of outcomes per collection', () => {
    expect(text).toMatch(/^posts\s+10\s+0\s+0\s+0\s+0$/m)
    expect(text).toMatch(/^redirects\s+2\s+0\s+0\s+0\s+0$/m)
  })

  it.each([
    ['  b.bin:1: contains NUL bytes'],
    ['  a.txt:9: post "T": published: imports never change published documents'],
    ['  a.txt:4: empty "Posted on"'],
    [
      '  c.txt:26: redirect "/wordpress/old-page/": a redirect from this path already exists (manual, to /posts/x): left alone',
    ],
  ])('should list %s with its file and line', (line) => {
    expect(text.split('\n')).toContain(line)
  })

  it.each([
    ['   6  digest items linked to their source'],
    ['   5  [n] markers linked to their reference'],
    ['   4  cited outlets linked as sources of their post'],
    ['  28  related-post links (both ways)'],
    ['  94  topics assigned'],
    ['   3  writers linked to an author'],
    ['  languages of posts and digests: en 40, fa 2'],
  ])('should list what was linked: %s', (line) => {
    expect(text.split('\n')).toContain(line)
  })

  it('should print the topics row', () => {
    expect(text).toMatch(/^topics\s+8\s+0\s+0\s+0\s+0$/m)
  })
})
