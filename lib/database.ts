import path from 'node:path'

import { ConfigError } from './errors.ts'

/** Which database the CMS uses, decided from `DATABASE_URI` alone. */
export type DatabaseChoice =
  { kind: 'sqlite'; url: string; filePath: string } | { kind: 'mongodb'; url: string }

export const ACCEPTED_DATABASE_URIS =
  'leave it unset (SQLite in data/cms.db), file:PATH (SQLite), mongodb://… or mongodb+srv://… (MongoDB)'

/** Hides the password in a connection string so it can be printed. */
export const redactUri = (uri: string): string => uri.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@')

/**
 * Decides the database adapter from `DATABASE_URI`.
 * Unset or blank → SQLite at `<projectRoot>/data/cms.db`; `file:` → SQLite at that path
 * (relative paths resolve from the project root); `mongodb://` / `mongodb+srv://` → MongoDB.
 * Anything else throws a `ConfigError` naming the variable and the accepted forms.
 */
export const chooseDatabase = ({
  uri,
  projectRoot,
}: {
  uri: string | undefined
  projectRoot: string
}): DatabaseChoice => {
  const value = uri?.trim() ?? ''
  if (value === '') {
    const filePath = path.join(projectRoot, 'data', 'cms.db')
    return { kind: 'sqlite', url: `file:${filePath}`, filePath }
  }
  if (/^mongodb(\+srv)?:\/\/[^/\s]+/i.test(value)) {
    return { kind: 'mongodb', url: value }
  }
  if (/^file:/i.test(value)) {
    const rawPath = value.slice('file:'.length).replace(/^\/\/(?=\/)/, '')
    if (rawPath === '' || rawPath.includes('\0')) {
      throw new ConfigError(
        `DATABASE_URI "${value}" has no file path: use file:PATH, e.g. file:./data/cms.db`,
      )
    }
    const filePath = path.resolve(projectRoot, rawPath)
    return { kind: 'sqlite', url: `file:${filePath}`, filePath }
  }
  throw new ConfigError(
    `DATABASE_URI "${redactUri(value)}" is not supported: ${ACCEPTED_DATABASE_URIS}.`,
  )
}
