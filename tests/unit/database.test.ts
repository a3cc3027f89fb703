import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { chooseDatabase, redactUri } from '../../lib/database.ts'
import { ConfigError } from '../../lib/errors.ts'

const projectRoot = '/srv/cms'

describe('chooseDatabase', () => {
  it.each([
    [undefined, 'sqlite', path.join(projectRoot, 'data', 'cms.db')],
    ['', 'sqlite', path.join(projectRoot, 'data', 'cms.db')],
    ['   ', 'sqlite', path.join(projectRoot, 'data', 'cms.db')],
    ['file:./data/other.db', 'sqlite', path.join(projectRoot, 'data', 'other.db')],
    ['file:/var/lib/cms/cms.db', 'sqlite', '/var/lib/cms/cms.db'],
    ['file:///var/lib/cms/cms.db', 'sqlite', '/var/lib/cms/cms.db'],
    ['FILE:relative.db', 'sqlite', path.join(projectRoot, 'relative.db')],
  ])('should choose SQLite for %j', (uri, kind, filePath) => {
    expect(chooseDatabase({ uri, projectRoot })).toMatchObject({
      kind,
      filePath,
      url: `file:${filePath}`,
    })
  })

  it.each([
    ['mongodb://localhost:27017/cms'],
    ['mongodb://user:secret@db1,db2/cms?replicaSet=rs0'],
    ['mongodb+srv://user:secret@cluster.example.net/cms'],
  ])('should choose MongoDB for %s', (uri) => {
    expect(chooseDatabase({ uri, projectRoot })).toEqual({ kind: 'mongodb', url: uri })
  })

  it.each([
    ['postgres://localhost/cms'],
    ['postgresql://cms:secret@db.example.net:6432/newsroom?sslmode=require'],
    ['postgres:///cms?host=/var/run/postgresql'],
  ])('should choose PostgreSQL for %s, with the default pool settings', (uri) => {
    expect(chooseDatabase({ uri, projectRoot })).toEqual({
      kind: 'postgres',
      url: uri,
      poolMax: 10,
      readReplicas: [],
      statementTimeoutMs: 30_000,
      connectTimeoutMs: 10_000,
    })
  })

  it('should read the pool size, the read replicas and the timeouts', () => {
    expect(
      chooseDatabase({
        uri: 'postgres://db/cms',
        projectRoot,
        env: {
          DATABASE_POOL_MAX: '25',
          DATABASE_READ_REPLICAS: ' postgres://r1/cms , postgresql://u:p@r2:5433/cms ,',
          DATABASE_STATEMENT_TIMEOUT_SECONDS: '5',
          DATABASE_CONNECT_TIMEOUT_SECONDS: '3',
        },
      }),
    ).toMatchObject({
      poolMax: 25,
      readReplicas: ['postgres://r1/cms', 'postgresql://u:p@r2:5433/cms'],
      statementTimeoutMs: 5000,
      connectTimeoutMs: 3000,
    })
  })

  it.each([
    ['DATABASE_POOL_MAX', '0'],
    ['DATABASE_POOL_MAX', 'ten'],
    ['DATABASE_POOL_MAX', '2.5'],
    ['DATABASE_STATEMENT_TIMEOUT_SECONDS', '-1'],
    ['DATABASE_CONNECT_TIMEOUT_SECONDS', '1e9'],
    ['DATABASE_READ_REPLICAS', 'mysql://r1/cms'],
  ])('should refuse %s=%s naming the variable', (name, value) => {
    expect(() =>
      chooseDatabase({ uri: 'postgres://db/cms', projectRoot, env: { [name]: value } }),
    ).toThrow(new RegExp(name))
  })

  it('should not print the password of a refused read replica', () => {
    expect(() =>
      chooseDatabase({
        uri: 'postgres://db/cms',
        projectRoot,
        env: { DATABASE_READ_REPLICAS: 'redis://u:hunter2@r1/cms' },
      }),
    ).toThrow(/u:\*\*\*@r1/)
  })

  it.each([
    ['postgres://'],
    ['postgresql:cms'],
    ['mysql://localhost/cms'],
    ['mongodb://'],
    ['cms.db'],
    ['file:'],
    ['http://localhost:27017'],
  ])('should refuse %s with a message naming DATABASE_URI and the accepted forms', (uri) => {
    expect(() => chooseDatabase({ uri, projectRoot })).toThrow(ConfigError)
    expect(() => chooseDatabase({ uri, projectRoot })).toThrow(/DATABASE_URI/)
  })

  it('should list the accepted forms when refusing a URI', () => {
    expect(() => chooseDatabase({ uri: 'mysql://x/y', projectRoot })).toThrow(
      /file:PATH.*postgres:\/\/.*postgresql:\/\/.*mongodb:\/\/.*mongodb\+srv:\/\//,
    )
  })

  it('should not print the password of a refused URI', () => {
    expect(() => chooseDatabase({ uri: 'mysql://admin:hunter2@db/cms', projectRoot })).toThrow(
      /mysql:\/\/admin:\*\*\*@db\/cms/,
    )
  })
})

describe('redactUri', () => {
  it.each([
    ['mongodb://user:pw@host/db', 'mongodb://user:***@host/db'],
    ['mongodb://host/db', 'mongodb://host/db'],
    ['postgres://cms:s3cr@t@db:5432/cms', 'postgres://cms:***@db:5432/cms'],
    ['postgres://db/cms?user=cms&password=hunter2', 'postgres://db/cms?user=cms&password=***'],
    ['postgres://a:x@r1/c,postgres://b:y@r2/c', 'postgres://a:***@r1/c,postgres://b:***@r2/c'],
  ])('should redact %s', (uri, expected) => {
    expect(redactUri(uri)).toBe(expected)
  })
})
