/** Why a seed file could not be parsed at all. */
export type SeedParseErrorCode =
  'empty' | 'binary' | 'invalid-utf8' | 'unrecognised' | 'missing-field'

/**
 * A seed file that cannot be parsed. The message names the file and, when known, the line,
 * e.g. `seed/data/004.txt:12: no title line`, so it can be printed as is.
 */
export class SeedParseError extends Error {
  readonly file: string
  readonly line: number | undefined
  readonly code: SeedParseErrorCode
  /** The message without the `file:line: ` prefix. */
  readonly reason: string

  constructor({
    file,
    line,
    code,
    reason,
  }: {
    file: string
    line?: number
    code: SeedParseErrorCode
    reason: string
  }) {
    super(line === undefined ? `${file}: ${reason}` : `${file}:${line}: ${reason}`)
    this.name = 'SeedParseError'
    this.file = file
    this.line = line
    this.code = code
    this.reason = reason
  }
}
