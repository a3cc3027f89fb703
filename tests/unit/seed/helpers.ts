import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import {
  type ParsedFile,
  type SeedKind,
  decodeSeedBytes,
  parseSeedFile,
} from '../../../seed/parse/index.ts'

const seedDir = fileURLToPath(new URL('../../../seed/data/', import.meta.url))
const fixtureDir = fileURLToPath(new URL('../../fixtures/seed/', import.meta.url))

/** The real seed file whose name starts with `prefix` (`000` … `004`). */
export const readSeed = ({ prefix }: { prefix: string }): { fileName: string; text: string } => {
  const name = readdirSync(seedDir).find((file) => file.startsWith(`${prefix}_`))
  if (name === undefined) throw new Error(`no seed file starting with ${prefix}_`)
  const fileName = `seed/data/${name}`
  return { fileName, text: decodeSeedBytes({ fileName, bytes: readFileSync(`${seedDir}${name}`) }) }
}

/** The raw bytes of a fixture in tests/fixtures/seed. */
export const readFixtureBytes = ({ name }: { name: string }): Uint8Array =>
  readFileSync(`${fixtureDir}${name}`)

/** A fixture decoded the way the importer does it. */
export const readFixture = ({ name }: { name: string }): { fileName: string; text: string } => {
  const fileName = `tests/fixtures/seed/${name}`
  return { fileName, text: decodeSeedBytes({ fileName, bytes: readFixtureBytes({ name }) }) }
}

/** Parses a seed or fixture and narrows it to the expected kind, failing loudly otherwise. */
export const parseAs = <K extends SeedKind>({
  source,
  kind,
}: {
  source: { fileName: string; text: string }
  kind: K
}): Extract<ParsedFile, { kind: K }> => {
  const parsed = parseSeedFile(source)
  if (parsed.kind !== kind)
    throw new Error(`${source.fileName} parsed as ${parsed.kind}, not ${kind}`)
  return parsed as Extract<ParsedFile, { kind: K }>
}

/** Runs `run` and returns what it threw (undefined when it did not throw). */
export const thrownBy = ({ run }: { run: () => unknown }): unknown => {
  try {
    run()
  } catch (error) {
    return error
  }
  return undefined
}

/** The first item matching `where`; throws (failing the test) when there is none. */
export const findOrThrow = <T>({
  items,
  where,
  label,
}: {
  items: T[]
  where: (item: T) => boolean
  label: string
}): T => {
  const found = items.find(where)
  if (found === undefined) throw new Error(`not found: ${label}`)
  return found
}
