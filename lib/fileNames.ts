/** Longest stored file name, extension included (file systems allow 255 bytes). */
const MAX_NAME_LENGTH = 150

/**
 * Cleans an uploaded file's name before Payload stores it: no folders, no control or
 * direction-changing characters (U+202E makes "gnp.exe.png" read as "png.exe"), no quotes,
 * no leading dots, and a bounded length. Payload then makes the name unique in the folder.
 */
export const cleanFileName = (name: string): string => {
  const base = name.split(/[/\\]/).pop() ?? ''
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029"'<>:|?*;]/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .trim()
  const dot = cleaned.lastIndexOf('.')
  const extension = dot > 0 ? cleaned.slice(dot).slice(0, 10) : ''
  const stem = (dot > 0 ? cleaned.slice(0, dot) : cleaned).slice(
    0,
    MAX_NAME_LENGTH - extension.length,
  )
  return `${stem.trim() || 'upload'}${extension}`
}
