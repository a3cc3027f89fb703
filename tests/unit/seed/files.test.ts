import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { collectInputs } from '../../../seed/files.ts'

const dirs: string[] = []
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-files-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

describe('collectInputs', () => {
  it('should read folders recursively, in name order, skipping hidden files', () => {
    const dir = tempDir()
    fs.mkdirSync(path.join(dir, 'sub'))
    fs.writeFileSync(path.join(dir, 'b.txt'), 'b')
    fs.writeFileSync(path.join(dir, 'a.txt'), 'a')
    fs.writeFileSync(path.join(dir, '.hidden'), 'x')
    fs.writeFileSync(path.join(dir, 'sub', 'c.txt'), 'c')
    expect(collectInputs([dir]).map((input) => path.basename(input.name))).toEqual([
      'a.txt',
      'b.txt',
      'c.txt',
    ])
  })

  it.each([
    ['a missing path', (dir: string) => path.join(dir, 'nope.txt'), 'no such file or folder'],
    ['an empty folder', (dir: string) => dir, 'folder has no files to import'],
  ])('should report %s by name', (_name, target, error) => {
    const inputs = collectInputs([target(tempDir())])
    expect(inputs).toEqual([expect.objectContaining({ error })])
  })
})
