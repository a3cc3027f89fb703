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
    expect(() => chooseDatabase({ uri: 'postgres://x/y', projectRoot })).toThrow(
      /file:PATH.*mongodb:\/\/.*mongodb\+srv:\/\//,
    )
  })

  it('should not print the password of a refused URI', () => {
    expect(() => chooseDatabase({ uri: 'postgres://admin:hunter2@db/cms', projectRoot })).toThrow(
      /postgres:\/\/admin:\*\*\*@db\/cms/,
    )
  })
})

describe('redactUri', () => {
  it.each([
    ['mongodb://user:pw@host/db', 'mongodb://user:***@host/db'],
    ['mongodb://host/db', 'mongodb://host/db'],
  ])('should redact %s', (uri, expected) => {
    expect(redactUri(uri)).toBe(expected)
  })
})
