/**
 * The Payload packages as installed: one version everywhere, one copy of `@payloadcms/ui`. This
 * replaces Payload's own start-up check, which src/workarounds/dependencyCheck.ts turns off
 * because the storage packages exist only at 3.90.1 (defect register, "storage-s3-version-pin").
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

const root = process.cwd()
const PAYLOAD_VERSION = '3.90.2'
/** Published at 3.90.1 only; package.json "overrides" give them our payload and ui. */
const PINNED_STORAGE = ['@payloadcms/plugin-cloud-storage', '@payloadcms/storage-s3']
const PINNED_VERSION = '3.90.1'

type LockEntry = {
  version: string
  dependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>
}
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  overrides: Record<string, Record<string, string>>
}

/** Lock entries of a package, wherever npm put it. */
const lockEntriesOf = (name: string) =>
  Object.keys(lock.packages).filter((key) => key.endsWith(`node_modules/${name}`))

/** The folder of a package as Node looks it up from `fromDir` (node_modules, upwards). */
const packageDirOf = (name: string, fromDir = root): string => {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name)
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate)
    if (dir === path.dirname(dir)) throw new Error(`${name} is not installed for ${fromDir}`)
  }
}

/** The folder of the `@payloadcms/ui` that `import '@payloadcms/ui'` loads from `fromDir`. */
const uiLoadedFrom = (fromDir: string): string => {
  const require = createRequire(path.join(fromDir, 'package.json'))
  let dir = path.dirname(require.resolve('@payloadcms/ui'))
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir)
  return fs.realpathSync(dir)
}
const versionAt = (dir: string) =>
  (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string })
    .version

/** Every Payload package in the lock (`payload`, `@payloadcms/*`), with its version. */
const payloadPackages = Object.entries(lock.packages)
  .filter(([key]) => /(^|\/)node_modules\/(payload|@payloadcms\/[^/]+)$/.test(key))
  .map(([key, entry]) => [key.replace(/^node_modules\//, ''), entry.version] as const)

describe('one @payloadcms/ui for the admin', () => {
  it.each([
    ['the project', root],
    ['@payloadcms/next', packageDirOf('@payloadcms/next')],
    ['@payloadcms/richtext-lexical', packageDirOf('@payloadcms/richtext-lexical')],
    ['@payloadcms/plugin-cloud-storage', packageDirOf('@payloadcms/plugin-cloud-storage')],
    [
      '@payloadcms/plugin-cloud-storage as storage-s3 loads it',
      packageDirOf('@payloadcms/plugin-cloud-storage', packageDirOf('@payloadcms/storage-s3')),
    ],
  ])('should resolve @payloadcms/ui from %s to the one copy, at 3.90.2', (_from, fromDir) => {
    const ui = uiLoadedFrom(fromDir)
    expect(ui).toBe(fs.realpathSync(path.join(root, 'node_modules', '@payloadcms', 'ui')))
    expect(versionAt(ui)).toBe(PAYLOAD_VERSION)
  })

  it.each([['@payloadcms/ui'], ['payload']])('should lock %s once', (name) => {
    expect(lockEntriesOf(name)).toEqual([`node_modules/${name}`])
  })
})

describe('Payload package versions', () => {
  it.each(payloadPackages)(
    'should install %s at the version of payload (the storage packages at theirs)',
    (name, version) => {
      expect(version).toBe(PINNED_STORAGE.includes(name) ? PINNED_VERSION : PAYLOAD_VERSION)
    },
  )

  it('should give the storage packages our payload and ui through overrides', () => {
    expect(manifest.overrides).toEqual({
      '@payloadcms/storage-s3': { payload: '$payload' },
      '@payloadcms/plugin-cloud-storage': {
        payload: '$payload',
        '@payloadcms/ui': '$@payloadcms/ui',
      },
    })
  })

  it('should install react and react-dom at one version', () => {
    expect(versionAt(packageDirOf('react-dom'))).toBe(versionAt(packageDirOf('react')))
  })

  it('canary: storage-s3 still pins a payload other than ours', () => {
    // Once a storage-s3 for our payload is installed, drop the overrides and
    // src/workarounds/dependencyCheck.ts (defect register, "storage-s3-version-pin").
    const storage = lock.packages['node_modules/@payloadcms/storage-s3']
    expect(storage.peerDependencies?.payload).not.toBe(PAYLOAD_VERSION)
  })
})
