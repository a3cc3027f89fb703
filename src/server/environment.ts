import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import nextEnv from '@next/env'

import { ConfigError } from '../../lib/errors.ts'
import { loadEnv, type AppEnv } from '../env.ts'
import { log } from './log.ts'

/** The folder holding package.json, found from this file (src/ in dev, dist/src/ when built). */
const findProjectRoot = (): string => {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error('cannot find the project folder (no package.json)')
    dir = parent
  }
  return dir
}

/**
 * Moves to the project folder, loads `.env` files the way Next does and validates the settings.
 * A configuration error is logged with the setting it names, and the process exits (1).
 */
export const readServerEnv = (): { projectRoot: string; dev: boolean; env: AppEnv } => {
  const projectRoot = findProjectRoot()
  process.chdir(projectRoot)
  const processEnv = process.env as Record<string, string | undefined>
  processEnv.NODE_ENV ??= 'production'
  processEnv.NEXT_TELEMETRY_DISABLED ??= '1'
  const dev = processEnv.NODE_ENV !== 'production'
  nextEnv.loadEnvConfig(projectRoot, dev)
  try {
    return { projectRoot, dev, env: loadEnv({ env: processEnv, projectRoot }) }
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    log.error(`Configuration error: ${err.message}`)
    process.exit(1)
  }
}
