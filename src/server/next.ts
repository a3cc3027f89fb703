import fs from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'

import nextModule from 'next'

import { log } from './log.ts'

type NextServer = {
  prepare: () => Promise<void>
  getRequestHandler: () => NextHandler
}

/** Next's handler for every request the server does not answer itself (Payload lives inside). */
export type NextHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>

// `next` is CommonJS: its default export types differently under the two tsconfigs
// (bundler for Next, NodeNext for the server), so state the little we use.
const createNextServer = nextModule as unknown as (options: {
  dev: boolean
  dir: string
  port: number
}) => NextServer

/**
 * Prepares Next and returns its request handler. In production a missing build is logged with
 * the command that makes one, and the process exits (1).
 */
export const startNext = async ({
  dev,
  projectRoot,
  port,
}: {
  dev: boolean
  projectRoot: string
  port: number
}): Promise<NextHandler> => {
  if (!dev && !fs.existsSync(path.join(projectRoot, '.next', 'BUILD_ID'))) {
    log.error('No production build found: run `npm run build` before `npm start`.')
    process.exit(1)
  }
  const nextApp = createNextServer({ dev, dir: projectRoot, port })
  const handle = nextApp.getRequestHandler()
  await nextApp.prepare()
  return handle
}
