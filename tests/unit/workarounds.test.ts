import crypto from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { WORKAROUNDS } from '../../src/workarounds/index.ts'

/**
 * Canaries for the defect register (src/workarounds/index.ts): each reads the installed code a
 * workaround is for and fails once that code no longer has the defect, so the workaround can be
 * re-checked and deleted. Entries whose canary is elsewhere name it in the register.
 */

const require = createRequire(import.meta.url)
const packageDir = (name: string) => {
  let dir = path.dirname(require.resolve(name))
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir)
  return dir
}
const source = (name: string, file: string) =>
  fs.readFileSync(path.join(packageDir(name), 'dist', file), 'utf8')
const versionOf = (name: string) =>
  (
    JSON.parse(fs.readFileSync(path.join(packageDir(name), 'package.json'), 'utf8')) as {
      version: string
    }
  ).version

describe('the defect register', () => {
  it.each(WORKAROUNDS.map((entry) => [entry.id, entry] as const))(
    'should say what %s is for, what breaks without it and where its canary is',
    (_id, entry) => {
      expect(entry.package).toMatch(/\d+\.\d+/)
      expect(entry.breaks.length).toBeGreaterThan(20)
      expect(entry.upstream).not.toBe('')
      expect(entry.canary).toMatch(/^tests\//)
    },
  )

  it('should be for the Payload version installed (3.90.2)', () => {
    expect(versionOf('payload')).toBe('3.90.2')
    expect(versionOf('@payloadcms/db-sqlite')).toBe('3.90.2')
    expect(versionOf('@payloadcms/db-postgres')).toBe('3.90.2')
  })

  it('should run the SQLite-only workarounds on SQLite alone', () => {
    const sqliteOnly = WORKAROUNDS.filter((entry) => entry.adapters?.join() === 'sqlite')
    expect(sqliteOnly.map((entry) => entry.id)).toEqual([
      'libsql-spent-connections',
      'libsql-transaction-connections',
      'libsql-finalizers-starved',
      'libsql-prepares-every-statement',
      'sqlite-write-queue',
      'sqlite-lone-writes',
    ])
  })
})

describe('guards', () => {
  it('should load the database adapters before anything else in the config', () => {
    const config = fs.readFileSync(path.join(process.cwd(), 'src', 'payload.config.ts'), 'utf8')
    const imports = [...config.matchAll(/^import .* from '([^']+)'/gm)].map((match) => match[1])
    const first = imports.findIndex((name) => !name.startsWith('node:'))
    expect(imports[first]).toBe('./database.ts')
  })
})

describe('canaries: the upstream code each workaround is for still behaves so', () => {
  it('db-postgres still adds no error listener to its pool', () => {
    const code = source('@payloadcms/db-postgres', 'connect.js')
    expect(code).toMatch(/this\.pool = new this\.pg\.Pool\(this\.poolOptions\)/)
    expect(code).not.toMatch(/pool\.on\(['"]error/)
  })

  it('connectWithReconnect still keeps the client it checks the server with', () => {
    const code = source('@payloadcms/db-postgres', 'connect.js')
    expect(code).toMatch(/const connectWithReconnect = async function/)
    expect(code).toMatch(/result = await pool\.connect\(\)/)
    expect(code).not.toMatch(/\.release\(/)
  })

  it('drizzle still applies like to the bare column, whatever its type', () => {
    const code = source('@payloadcms/drizzle', 'queries/parseParams.js')
    expect(code).toMatch(/adapter\.operators\.like\(table\[columnName\], `%\$\{word\}%`\)/)
    expect(code).not.toMatch(/::text/)
  })

  it('drizzle destroy still leaves the pool open', () => {
    const code = source('@payloadcms/drizzle', 'destroy.js')
    expect(code).not.toMatch(/pool|\.end\(/)
  })

  it('drizzle commitTransaction still catches a failed commit and rolls back silently', () => {
    const code = source('@payloadcms/drizzle', 'transactions/commitTransaction.js')
    expect(code).toMatch(
      /try \{\s*await session\.resolve\(\);\s*\} catch \(_\) \{\s*await session\.reject\(\);/,
    )
  })

  it('updateJobs still commits its own transaction only when the update succeeds', () => {
    const code = source('payload', 'queues/utilities/updateJob.js')
    expect(code).toMatch(
      /transactionID: req\.payload\.db\.name !== 'mongoose' \? await req\.payload\.db\.beginTransaction\(\)/,
    )
    expect(code).not.toMatch(/rollbackTransaction/)
  })

  it('runJobs still claims with updateJobs({ data: { processing: true } }), and drizzle still reads then updates by id', () => {
    const runJobs = source('payload', 'queues/operations/runJobs/index.js')
    expect(runJobs).toMatch(/updateJobs\(\{\s*data: \{\s*processing: true\s*\}/)
    expect(runJobs).not.toMatch(/processingToken/)
    const drizzle = source('@payloadcms/drizzle', 'updateJobs.js')
    expect(drizzle).toMatch(/const jobs = await findMany\(/)
    expect(drizzle).toMatch(/for \(const job of jobs\.docs\)/)
    expect(drizzle).not.toMatch(/processing: false|FOR UPDATE|skipLocked/i)
  })

  it('Payload still has no after-commit hook', () => {
    const types = source('payload', 'config/types.d.ts')
    expect(types).not.toMatch(/afterCommit/)
  })

  it('the database adapter type still has no hook on reads', () => {
    const types = source('payload', 'database/types.d.ts')
    expect(types).not.toMatch(/afterRead|onRead|readListener/i)
  })

  it('Payload’s GraphQL handler is still the one src/plugins/expressApi/graphql.ts copies', () => {
    const code = source('@payloadcms/next/routes', 'routes/graphql/handler.js')
    const digest = crypto.createHash('sha256').update(code).digest('hex').slice(0, 16)
    expect(digest).toBe('2f98002bd81bd98a')
  })

  it('enforceMaxVersions still reads the version past the limit whole to use its updatedAt', () => {
    const code = source('payload', 'versions/enforceMaxVersions.js')
    expect(code).toMatch(
      /payload\.db\.findVersions\(\{\s*collection: collection\.slug,\s*limit: 1,\s*page: max \+ 1,\s*pagination: false,\s*req,\s*sort: '-updatedAt',\s*where\s*\}\)/,
    )
    expect(code.match(/oldestAllowedDoc\??\.(\w+)/g)).toEqual([
      'oldestAllowedDoc?.updatedAt',
      'oldestAllowedDoc.updatedAt',
    ])
  })

  it('@libsql/client still compiles every statement it runs anew', () => {
    // Its lib-cjs folder has a package.json of its own: the package root is the one named so.
    let dir = packageDir('@libsql/client')
    while (!fs.readFileSync(path.join(dir, 'package.json'), 'utf8').includes('"@libsql/client"'))
      dir = path.dirname(dir)
    const code = fs.readFileSync(path.join(dir, 'lib-esm', 'sqlite3.js'), 'utf8')
    const executeStmt = code.slice(code.indexOf('function executeStmt('))
    expect(executeStmt).toMatch(
      /^function executeStmt\(db, stmt, intMode\) \{[^]*?const sqlStmt = db\.prepare\(sql\);/,
    )
    expect(code).not.toMatch(/statementCache|stmtCache|cache/i)
  })

  it('drizzle relational queries still build their text on every run', () => {
    for (const dialect of ['sqlite-core', 'pg-core']) {
      const code = fs.readFileSync(
        path.join(packageDir('drizzle-orm'), dialect, 'query-builders', 'query.js'),
        'utf8',
      )
      const toSql = code.slice(code.indexOf('  _toSQL() {'))
      expect(toSql).toMatch(
        /^ {2}_toSQL\(\) \{\s*const query = this\.(dialect\.buildRelationalQuery|_getQuery)\(/,
      )
      expect(toSql).toMatch(/const builtQuery = this\.dialect\.sqlToQuery\(query\.sql\);/)
      expect(code).not.toMatch(/cache/i)
    }
  })

  it('drizzle inserts still build their text in _prepare on every run', () => {
    for (const dialect of ['sqlite-core', 'pg-core']) {
      const code = fs.readFileSync(
        path.join(packageDir('drizzle-orm'), dialect, 'query-builders', 'insert.js'),
        'utf8',
      )
      const prepare = code.slice(code.indexOf('  _prepare('))
      expect(prepare).toMatch(/this\.dialect\.sqlToQuery\(this\.getSQL\(\)\)/)
      expect(code).toMatch(
        /getSQL\(\) \{\s*return this\.dialect\.buildInsertQuery\(this\.config\);/,
      )
      // No text kept between runs of an insert built anew.
      expect(code).not.toMatch(/queryCache|sqlCache|builtQuery/i)
    }
  })

  it('drizzle findMany still counts every paginated find', () => {
    const code = source('@payloadcms/drizzle', 'find/findMany.js')
    expect(code).toMatch(
      /if \(pagination !== false && \(orderedIDs \? orderedIDs\?\.length <= limit : true\)\) \{\s*totalDocs = await adapter\.countDistinct\(/,
    )
  })

  it('schedulePublishHandler still queues a publish without checking the user may publish', () => {
    const code = source('@payloadcms/ui', 'utilities/schedulePublishHandler.js')
    const handler = code.slice(code.indexOf('export const schedulePublishHandler'))
    expect(handler).toMatch(/payload\.jobs\.queue\(/)
    expect(handler).not.toMatch(/docAccessOperation|hasPublishPermission/)
  })

  it('useIntersect still keeps the first entry of an IntersectionObserver batch', () => {
    // The hook's own module and the admin's bundle of it (what the browser runs).
    expect(source('@payloadcms/ui', 'hooks/useIntersect.js')).toMatch(
      /new window\.IntersectionObserver\(t4 => \{\s*const \[ent\] = t4;\s*return updateEntry\(ent\);/,
    )
    expect(source('@payloadcms/ui', 'exports/client/index.js')).toMatch(
      /new window\.IntersectionObserver\((\w+)=>\{let\[(\w+)\]=\1;return \w+\(\2\)\}/,
    )
  })

  it('sanitizeConfig still adds Payload’s own collections after plugins have run', () => {
    const build = source('payload', 'config/build.js')
    expect(build).toMatch(
      /config = await plugin\(config\);[\s\S]*return await sanitizeConfig\(config\)/,
    )
    const sanitize = source('payload', 'config/sanitize.js')
    expect(sanitize).toMatch(
      /collections\.push\(await sanitizeCollection\(config, getPreferencesCollection/,
    )
  })

  it('runJobs still deletes completed jobs with db.deleteMany outside any transaction', () => {
    const code = source('payload', 'queues/operations/runJobs/index.js')
    expect(code).toMatch(
      /await payload\.db\.deleteMany\(\{\s*collection: jobsCollectionSlug,\s*where: \{/,
    )
  })

  it("the JWT strategy still takes any error, the database's included, as no sign-in", () => {
    const jwt = source('payload', 'auth/strategies/jwt.js')
    expect(jwt).toMatch(/const user = await payload\.findByID\(/)
    expect(jwt).toMatch(/\} catch \(ignore\) \{[\s\S]{0,400}user: null/)
    const execute = source('payload', 'auth/executeAuthStrategies.js')
    expect(execute).toMatch(/catch \(err\) \{\s*logError\(/)
  })

  it('storage-s3 getFile still answers an empty 404 and passes the bucket’s ETag on', () => {
    const code = source('@payloadcms/storage-s3', 'getFile.js')
    expect(code).toMatch(/return new Response\(null, \{\s*status: 404,\s*statusText: 'Not Found'/)
    expect(code).toMatch(/headers\.append\('ETag', headObject\.ETag\)/)
  })

  it('plugin-cloud-storage still skips the private-address guard for localhost', () => {
    const code = source('@payloadcms/plugin-cloud-storage', 'plugin.js')
    expect(code).toMatch(
      /process\.env\.NODE_ENV !== 'production'[\s\S]{0,120}hostname: 'localhost'/,
    )
  })

  it('handleEndpoints still answers 501 for a collection whose routes are off', () => {
    const code = source('payload', 'utilities/handleEndpoints.js')
    expect(code).toMatch(/if \(endpoints === false\) \{[\s\S]{0,300}NOT_IMPLEMENTED/)
  })
})
