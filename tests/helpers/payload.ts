import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { getPayload, type Payload } from 'payload'

import { graphqlRefusalBody, prepareGraphqlBody } from '../../lib/graphqlDocument.ts'
import type { Role } from '../../lib/roles.ts'
import { selectableQueryFields } from '../../src/plugins/graphqlSelect/index.ts'
import { freshTestDatabase, type TestDatabase } from './testDatabase.ts'

export type TestCms = {
  payload: Payload
  database: TestDatabase
  /** Calls the REST API through Payload's route handling, as the Next route does. */
  rest: (args: RestArgs) => Promise<{ status: number; body: any; headers: Headers }>
  /** Posts a GraphQL query through Payload's GraphQL handler. */
  graphql: (args: {
    query: string
    variables?: Record<string, unknown>
    token?: string
  }) => Promise<{
    status: number
    body: any
  }>
  /** Creates a user of the role and returns it with a login token. */
  userWithRole: (
    role: Role,
  ) => Promise<{ id: number | string; email: string; token: string; password: string }>
  close: () => Promise<void>
}

type RestArgs = {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT'
  path: string
  token?: string
  body?: unknown
  headers?: Record<string, string>
}

const BASE = 'http://localhost:3000'

/**
 * Boots a real Payload on a throwaway database of the project's kind (tests/helpers/testDatabase.ts):
 * a fresh SQLite file, a fresh database on the project's PostgreSQL, or one on MongoDB.
 * `env` adds settings (e.g. PREVIEW_URL); the config reads them once per test file, at its first
 * start, so a file that needs other settings starts its CMS with them.
 */
export const startTestCms = async ({
  env = {},
}: { env?: Record<string, string> } = {}): Promise<TestCms> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-test-'))
  const database = await freshTestDatabase(dir)
  const isMongo = database.kind === 'mongodb'
  process.env.DATABASE_URI = database.uri
  process.env.PAYLOAD_SECRET = crypto.randomBytes(24).toString('hex')
  process.env.SERVER_URL = BASE
  process.env.SEED_ON_START = 'false'
  process.env.MEDIA_DIR = path.join(dir, 'media')
  Object.assign(process.env, env)
  const { default: config } = await import('@payload-config')
  const payload = await getPayload({ config })
  const { handleEndpoints } = await import('payload')
  // The app's own GraphQL route, behind what the server does first (src/server/middleware/graphql.ts).
  const { POST: graphqlRoute } = await import('../../src/app/(payload)/api/graphql/route.ts')
  const selectable = await selectableQueryFields(payload.config)
  const graphqlHandler = async (request: Request): Promise<Response> => {
    const prepared = prepareGraphqlBody({ text: await request.text(), selectable })
    if (prepared.refusal)
      return Response.json(graphqlRefusalBody(prepared.refusal), { status: 400 })
    return graphqlRoute(
      new Request(request.url, { method: 'POST', headers: request.headers, body: prepared.text }),
    )
  }

  const headersFor = (token?: string, extra: Record<string, string> = {}) => ({
    ...(token ? { authorization: `JWT ${token}` } : {}),
    ...extra,
  })

  const rest: TestCms['rest'] = async ({ method = 'GET', path: urlPath, token, body, headers }) => {
    const init: RequestInit = { method, headers: headersFor(token, headers) }
    if (body !== undefined) {
      init.body = JSON.stringify(body)
      ;(init.headers as Record<string, string>)['content-type'] = 'application/json'
    }
    const response = await handleEndpoints({
      config,
      request: new Request(`${BASE}${urlPath}`, init),
    })
    const text = await response.text()
    let parsed: unknown = text
    try {
      parsed = JSON.parse(text)
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed, headers: response.headers }
  }

  const graphql: TestCms['graphql'] = async ({ query, variables, token }) => {
    const response = await graphqlHandler(
      new Request(`${BASE}/api/graphql`, {
        method: 'POST',
        headers: { ...headersFor(token), 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      }),
    )
    return { status: response.status, body: await response.json() }
  }

  // The first account is always made admin: create it now so later users keep their roles.
  await payload.create({
    collection: 'users',
    data: {
      email: 'owner@example.test',
      name: 'Olive Owner',
      password: crypto.randomBytes(12).toString('hex'),
      role: 'admin',
    },
    overrideAccess: true,
  })

  let userCount = 0
  const userWithRole: TestCms['userWithRole'] = async (role) => {
    userCount += 1
    const email = `${role}-${userCount}-${crypto.randomBytes(3).toString('hex')}@example.test`
    const password = `pw-${crypto.randomBytes(8).toString('hex')}`
    const user = await payload.create({
      collection: 'users',
      data: { email, password, role, name: `${role} ${userCount}` },
      overrideAccess: true,
    })
    const { token } = await payload.login({ collection: 'users', data: { email, password } })
    return { id: user.id, email, token: token as string, password }
  }

  const close = async () => {
    if (isMongo) await payload.db.connection?.dropDatabase?.()
    await payload.destroy()
    await database.drop()
    fs.rmSync(dir, { recursive: true, force: true })
  }

  return { payload, database, rest, graphql, userWithRole, close }
}
