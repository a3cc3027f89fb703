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
})
