import { describe, expect, it } from 'vitest'

import { SeedParseError, decodeSeedBytes, parseSeedFile } from '../../../seed/parse/index.ts'
import { readFixture, readFixtureBytes, thrownBy } from './helpers.ts'

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

describe('SeedParseError', () => {
  it.each([
    [
      { file: 'seed/data/004.txt', line: 12, code: 'unrecognised' as const, reason: 'no title' },
      'seed/data/004.txt:12: no title',
    ],
    [
      { file: 'seed/data/x.txt', code: 'empty' as const, reason: 'file is empty' },
      'seed/data/x.txt: file is empty',
    ],
  ])('should name the file and line in the message for %j', (args, message) => {
    const error = new SeedParseError(args)
    expect([error.message, error.name, error instanceof Error]).toEqual([
      message,
      'SeedParseError',
      true,
    ])
  })
})

describe('decodeSeedBytes', () => {
  it('should decode UTF-8 and drop a byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Author: Ünal – ok')])
    expect(decodeSeedBytes({ fileName: 'a.txt', bytes })).toBe('Author: Ünal – ok')
  })

  it.each([
    ['binary-nul.bin', { code: 'binary', line: 3, file: 'tests/fixtures/seed/binary-nul.bin' }],
    [
      'invalid-utf8.bin',
      { code: 'invalid-utf8', line: 6, file: 'tests/fixtures/seed/invalid-utf8.bin' },
    ],
  ])('should reject %s with a SeedParseError naming the line', (name, expected) => {
    const error = thrownBy({
      run: () =>
        decodeSeedBytes({
          fileName: `tests/fixtures/seed/${name}`,
          bytes: readFixtureBytes({ name }),
        }),
    })
    expect(error).toBeInstanceOf(SeedParseError)
    expect(error).toMatchObject(expected)
  })

  it('should put file and line at the start of the message', () => {
    const error = thrownBy({
      run: () =>
        decodeSeedBytes({ fileName: 'seed/data/bad.txt', bytes: new Uint8Array([65, 10, 0xff]) }),
    })
    expect(error).toMatchObject({ message: 'seed/data/bad.txt:2: invalid UTF-8' })
  })
})

describe('parseSeedFile rejections', () => {
  it.each([
    ['empty text', '', { code: 'empty', line: undefined }],
    [
      'only whitespace and non-breaking spaces',
      ' \n\t\u00a0\r\n ',
      { code: 'empty', line: undefined },
    ],
    ['a NUL character', 'Author: X\n\nabc\u0000def', { code: 'binary', line: 3 }],
    [
      'U+FFFD from a lenient decoder',
      'Author: X\nBio \uFFFD here',
      { code: 'invalid-utf8', line: 2 },
    ],
    [
      'mostly control characters',
      `Author: X\n${'\u0001\u0002\u0003 '.repeat(50)}`,
      { code: 'binary', line: 2 },
    ],
    ['plain prose', 'Dear diary,\nnothing to see.', { code: 'unrecognised', line: 1 }],
    ['an Author line with no name', '\n\nAuthor:   \n\nBio', { code: 'missing-field', line: 3 }],
    [
      'a digest item with no title above it',
      '++ item one\n++ item two',
      { code: 'missing-field', line: 1 },
    ],
  ])('should throw a SeedParseError for %s', (_case, text, expected) => {
    const error = thrownBy({ run: () => parseSeedFile({ fileName: 'seed/data/x.txt', text }) })
    expect(error).toBeInstanceOf(SeedParseError)
    expect(error).toMatchObject({ file: 'seed/data/x.txt', ...expected })
  })

  it.each([
    [
      'whitespace-only.txt',
      'empty',
      'tests/fixtures/seed/whitespace-only.txt: file is empty or only whitespace',
    ],
    [
      'no-structure.txt',
      'unrecognised',
      'tests/fixtures/seed/no-structure.txt:1: no recognisable structure',
    ],
  ])('should reject the fixture %s as %s', (name, code, messageStart) => {
    const error = thrownBy({ run: () => parseSeedFile(readFixture({ name })) })
    expect(error).toMatchObject({
      code,
      message: expect.stringMatching(new RegExp(`^${messageStart}`)),
    })
  })

  it('should reject a 2 MB single line with no structure without hanging', () => {
    const text = 'lorem ipsum, dolor: sit amet '.repeat(75_000)
    const error = thrownBy({ run: () => parseSeedFile({ fileName: 'huge.txt', text }) })
    expect(error).toMatchObject({ code: 'unrecognised', line: 1 })
  })

  it.each([
    ['letters', 'a'.repeat(2_000_000)],
    ['colons', ':'.repeat(2_000_000)],
    ['digits and spaces', '12 '.repeat(700_000)],
    ['brackets and spaces', '[ '.repeat(1_000_000)],
  ])('should reject a 2 MB line of %s without hanging', (_case, text) => {
    expect(thrownBy({ run: () => parseSeedFile({ fileName: 'huge.txt', text }) })).toBeInstanceOf(
      SeedParseError,
    )
  })
})
