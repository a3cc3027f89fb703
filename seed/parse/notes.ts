import type { SeedWarning, SkippedItem } from './types.ts'

/** Collects warnings and skipped items for one file, stamping the file name on each. */
export type Notes = {
  warnings: SeedWarning[]
  skipped: SkippedItem[]
  warn: (args: { line: number; message: string }) => void
  skip: (args: Omit<SkippedItem, 'file'> & { isWarned?: boolean }) => void
}

/** Creates the warning/skip collector; a skipped item is also a warning only when asked. */
export const createNotes = ({ file }: { file: string }): Notes => {
  const warnings: SeedWarning[] = []
  const skipped: SkippedItem[] = []
  return {
    warnings,
    skipped,
    warn: ({ line, message }) => {
      warnings.push({ file, line, message })
    },
    skip: ({ isWarned = false, ...item }) => {
      skipped.push({ file, ...item })
      if (isWarned) warnings.push({ file, line: item.line, message: `skipped: ${item.reason}` })
    },
  }
}
