import fs from 'node:fs'
import path from 'node:path'

import type { SeedInput } from './import.ts'

/** Files to import from the given paths: folders are read recursively, in name order. */
export const collectInputs = (paths: string[]): SeedInput[] => {
  const inputs: SeedInput[] = []
  const visit = (target: string) => {
    const relative = path.relative(process.cwd(), path.resolve(target))
    const name = relative === '' || relative.startsWith('..') ? path.resolve(target) : relative
    let stat: fs.Stats
    try {
      stat = fs.statSync(target)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      inputs.push({ name, error: code === 'ENOENT' ? 'no such file or folder' : String(err) })
      return
    }
    if (stat.isDirectory()) {
      const before = inputs.length
      for (const entry of fs.readdirSync(target).sort()) {
        if (!entry.startsWith('.')) visit(path.join(target, entry))
      }
      // Naming a folder with nothing in it is almost certainly a mistake: say so.
      if (inputs.length === before) inputs.push({ name, error: 'folder has no files to import' })
      return
    }
    if (!stat.isFile()) {
      inputs.push({ name, error: 'not a regular file' })
      return
    }
    try {
      inputs.push({ name, bytes: fs.readFileSync(target) })
    } catch (err) {
      inputs.push({ name, error: `cannot read: ${(err as Error).message}` })
    }
  }
  for (const target of paths) visit(target)
  return inputs
}
