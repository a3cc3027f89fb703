import { SeedParseError } from './errors.ts'

const lineAt = ({ text, index }: { text: string; index: number }): number => {
  let line = 1
  for (let i = 0; i < index; i += 1) if (text.charCodeAt(i) === 10) line += 1
  return line
}

// Control characters other than tab, LF, vertical tab, form feed and CR.
const isControl = (code: number): boolean =>
  (code < 32 && code !== 9 && code !== 10 && code !== 11 && code !== 12 && code !== 13) ||
  code === 127

/**
 * Decodes a seed file's bytes as strict UTF-8 (a BOM is dropped).
 *
 * @throws SeedParseError `binary` when the bytes contain NUL, `invalid-utf8` when they are not
 *   valid UTF-8; both name the line where the problem starts.
 */
export const decodeSeedBytes = ({
  fileName,
  bytes,
}: {
  fileName: string
  bytes: Uint8Array
}): string => {
  const nul = bytes.indexOf(0)
  if (nul >= 0) {
    let line = 1
    for (let i = 0; i < nul; i += 1) if (bytes[i] === 10) line += 1
    throw new SeedParseError({
      file: fileName,
      line,
      code: 'binary',
      reason: 'contains NUL bytes; not a text file',
    })
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    // The strict decoder does not say where it failed; the lenient one marks the spot.
    const lossy = new TextDecoder('utf-8').decode(bytes)
    const line = lineAt({ text: lossy, index: Math.max(0, lossy.indexOf('\uFFFD')) })
    throw new SeedParseError({
      file: fileName,
      line,
      code: 'invalid-utf8',
      reason: 'invalid UTF-8',
    })
  }
}

/**
 * Rejects text that cannot be a seed page: empty or whitespace-only, containing NUL, containing
 * U+FFFD (what a lenient decoder leaves for invalid UTF-8), or made of more than 1% control
 * characters. Expects text already passed through `normalizeInput`.
 *
 * @throws SeedParseError naming the file and, where it applies, the first offending line.
 */
export const assertReadableText = ({
  fileName,
  text,
}: {
  fileName: string
  text: string
}): void => {
  if (text.trim() === '') {
    throw new SeedParseError({
      file: fileName,
      code: 'empty',
      reason: 'file is empty or only whitespace',
    })
  }
  const nul = text.indexOf('\u0000')
  if (nul >= 0) {
    throw new SeedParseError({
      file: fileName,
      line: lineAt({ text, index: nul }),
      code: 'binary',
      reason: 'contains NUL characters; not a text file',
    })
  }
  const replacement = text.indexOf('\uFFFD')
  if (replacement >= 0) {
    throw new SeedParseError({
      file: fileName,
      line: lineAt({ text, index: replacement }),
      code: 'invalid-utf8',
      reason: 'contains U+FFFD replacement characters; the file was not valid UTF-8',
    })
  }
  let controls = 0
  let firstControl = -1
  for (let i = 0; i < text.length; i += 1) {
    if (!isControl(text.charCodeAt(i))) continue
    controls += 1
    if (firstControl < 0) firstControl = i
  }
  if (controls > text.length / 100) {
    throw new SeedParseError({
      file: fileName,
      line: lineAt({ text, index: firstControl }),
      code: 'binary',
      reason: 'mostly control characters; looks binary',
    })
  }
}
