import { describe, expect, it } from 'vitest'

import { findJsonBodyProblem, jsonDepth, MAX_JSON_DEPTH } from '../../lib/jsonBody.ts'

const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels)

describe('jsonDepth', () => {
  it.each([
    [1, 0],
    [null, 0],
    [{}, 1],
    [{ a: 1 }, 1],
    [{ a: [1, { b: [] }] }, 4],
    [[[], [[[]]]], 4],
  ])('should count %j as %i deep', (value, depth) => {
    expect(jsonDepth(value)).toBe(depth)
  })

  it('should measure half a million levels without overflowing the stack', () => {
    expect(jsonDepth(JSON.parse(nested(500_000)))).toBe(500_000)
  })
})

describe('findJsonBodyProblem', () => {
  it.each([
    [''],
    ['{}'],
    ['{"title": "x", "content": {"root": {"children": [{"children": []}]}}}'],
    [`{"deep": ${nested(MAX_JSON_DEPTH - 1)}}`],
  ])('should accept %.60s', (text) => {
    expect(findJsonBodyProblem(text)).toBeNull()
  })

  it.each([
    ['{oops', /not valid JSON/],
    ['[]', /must be a JSON object, not a list/],
    ['12', /must be a JSON object, not 12/],
    ['{"title": "a\\u0000b"}', /NUL character/],
    [`{"deep": ${nested(MAX_JSON_DEPTH)}}`, /more than 100 levels deep/],
    [`{"deep": ${nested(200_000)}}`, /more than 100 levels deep/],
  ])('should refuse %.60s', (text, message) => {
    expect(findJsonBodyProblem(text)).toMatch(message)
  })
})
