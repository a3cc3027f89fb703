import fs from 'node:fs'
import path from 'node:path'

import type { TestProject } from 'vitest/node'

import { outputDir } from '../helpers/browser.ts'
import {
  ensureProductionBuild,
  startProductionServer,
  type RunningServer,
} from '../helpers/server.ts'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

let server: RunningServer | undefined

/**
 * Builds once, starts the production server, and hands its URL to the browser tests. Its output
 * is in tests/.output/e2e/server.log; it is printed only if the server does not stop cleanly.
 */
export async function setup(project: TestProject): Promise<void> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium" or set CHROMIUM_PATH`,
    )
  }
  ensureProductionBuild()
  fs.mkdirSync(outputDir, { recursive: true })
  const serverLog = path.join(outputDir, 'server.log')
  server = await startProductionServer({ logFile: serverLog })
  project.provide('baseUrl', server.baseUrl)
  project.provide('serverLog', serverLog)
  project.provide('chromiumPath', CHROMIUM_PATH)
}

export async function teardown(): Promise<void> {
  const code = await server?.stop()
  if (code !== 0) {
    console.error(`[e2e] server exited with code ${code} after SIGTERM:\n${server?.output()}`)
    throw new Error(`graceful shutdown failed: exit code ${code}`)
  }
}

declare module 'vitest' {
  // Declaration merging needs an interface here.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    baseUrl: string
    chromiumPath: string
    /** The shared server's output, written as it comes. */
    serverLog: string
  }
}
