import crypto from 'node:crypto'

import { startProductionServer, type RunningServer } from './server.ts'

/**
 * Several production instances of the CMS on one database, as behind a load balancer: the
 * first makes a throwaway database (a SQLite file, or a database on the project's PostgreSQL),
 * the others join it. They share the secret (a login on one works on the others) and trust
 * one proxy hop, so a test can say which client address a request comes from.
 */
export type Instances = {
  servers: RunningServer[]
  databaseUri: string
  /** Stops every instance, the first (which owns the database) last. */
  stop: () => Promise<void>
}

export const startInstances = async ({
  count,
  env = {},
}: {
  count: number
  env?: Record<string, string>
}): Promise<Instances> => {
  const shared = {
    PAYLOAD_SECRET: crypto.randomBytes(24).toString('hex'),
    TRUST_PROXY: '1',
    ...env,
  }
  const first = await startProductionServer({ env: shared })
  const servers = [first]
  try {
    for (let n = 1; n < count; n += 1) {
      servers.push(
        await startProductionServer({ env: { ...shared, DATABASE_URI: first.databaseUri } }),
      )
    }
  } catch (err) {
    for (const server of servers.reverse()) await server.stop()
    throw err
  }
  return {
    servers,
    databaseUri: first.databaseUri,
    stop: async () => {
      for (const server of [...servers].reverse()) await server.stop()
    },
  }
}
