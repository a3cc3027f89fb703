import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { loadEnv } from '../../src/env.ts'

const roots: string[] = []
const tempRoot = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-env-'))
  roots.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of roots.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

const SECRET = 'a'.repeat(32)
const S3 = {
  S3_BUCKET: 'newsroom-media',
  S3_REGION: 'eu-west-1',
  S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
  S3_SECRET_ACCESS_KEY: 'example-secret',
}

describe('loadEnv', () => {
  it('should default to port 3000 and a localhost SERVER_URL', () => {
    const env = loadEnv({ env: { PAYLOAD_SECRET: SECRET }, projectRoot: tempRoot() })
    expect(env).toMatchObject({ port: 3000, serverUrl: 'http://localhost:3000', seedOnStart: true })
  })

  it('should run jobs, release stale claims after 300 s and serve from one process by default', () => {
    const env = loadEnv({ env: { PAYLOAD_SECRET: SECRET }, projectRoot: tempRoot() })
    expect(env).toMatchObject({ jobsEnabled: true, jobsStaleSeconds: 300, webConcurrency: 1 })
    const replica = loadEnv({
      env: { PAYLOAD_SECRET: SECRET, JOBS_ENABLED: 'false', WEB_CONCURRENCY: '4' },
      projectRoot: tempRoot(),
    })
    expect(replica).toMatchObject({ jobsEnabled: false, webConcurrency: 4 })
  })

  it.each([
    ['JOBS_ENABLED', 'maybe'],
    ['JOBS_STALE_SECONDS', '1'],
    ['JOBS_STALE_SECONDS', 'ten'],
    ['WEB_CONCURRENCY', '0'],
    ['WEB_CONCURRENCY', '2.5'],
    ['WEB_CONCURRENCY', '1000'],
  ])('should refuse %s=%s, naming the variable', (name, value) => {
    expect(() =>
      loadEnv({ env: { PAYLOAD_SECRET: SECRET, [name]: value }, projectRoot: tempRoot() }),
    ).toThrow(new RegExp(name))
  })

  it('should keep webhooks to public https addresses on the default schedule by default', () => {
    const env = loadEnv({ env: { PAYLOAD_SECRET: SECRET }, projectRoot: tempRoot() })
    expect(env.webhooks).toEqual({
      allowPrivate: false,
      retrySchedule: [5, 30, 120, 600, 1800, 3600, 7200, 14_400, 28_800, 28_800],
    })
  })

  it('should read WEBHOOKS_ALLOW_PRIVATE and WEBHOOK_RETRY_SECONDS', () => {
    const env = loadEnv({
      env: {
        PAYLOAD_SECRET: SECRET,
        WEBHOOKS_ALLOW_PRIVATE: 'true',
        WEBHOOK_RETRY_SECONDS: '1,1,2',
      },
      projectRoot: tempRoot(),
    })
    expect(env.webhooks).toEqual({ allowPrivate: true, retrySchedule: [1, 1, 2] })
  })

  it.each([
    ['WEBHOOKS_ALLOW_PRIVATE', 'sometimes'],
    ['WEBHOOK_RETRY_SECONDS', '1,soon'],
    ['WEBHOOK_RETRY_SECONDS', '-5'],
  ])('should refuse %s=%s, naming the variable', (name, value) => {
    expect(() =>
      loadEnv({ env: { PAYLOAD_SECRET: SECRET, [name]: value }, projectRoot: tempRoot() }),
    ).toThrow(new RegExp(`^${name} "${value}"`))
  })

  it('should derive SERVER_URL from PORT', () => {
    const env = loadEnv({ env: { PAYLOAD_SECRET: SECRET, PORT: '8080' }, projectRoot: tempRoot() })
    expect(env.serverUrl).toBe('http://localhost:8080')
  })

  it('should keep only the origin of SERVER_URL', () => {
    const env = loadEnv({
      env: { PAYLOAD_SECRET: SECRET, SERVER_URL: 'https://cms.example.org/' },
      projectRoot: tempRoot(),
    })
    expect(env.serverUrl).toBe('https://cms.example.org')
  })

  it('should refuse to start production without PAYLOAD_SECRET', () => {
    expect(() => loadEnv({ env: { NODE_ENV: 'production' }, projectRoot: tempRoot() })).toThrow(
      /PAYLOAD_SECRET is not set/,
    )
  })

  it('should generate a dev secret once and reuse it', () => {
    const projectRoot = tempRoot()
    const first = loadEnv({ env: { NODE_ENV: 'development' }, projectRoot })
    const second = loadEnv({ env: { NODE_ENV: 'development' }, projectRoot })
    expect(first.secret).toHaveLength(64)
    expect(second.secret).toBe(first.secret)
    expect(fs.readFileSync(path.join(projectRoot, 'data', '.payload-secret'), 'utf8').trim()).toBe(
      first.secret,
    )
  })

  it.each([
    [{ PORT: 'eighty' }, /PORT "eighty"/],
    [{ PORT: '70000' }, /PORT "70000"/],
    [{ SERVER_URL: 'cms.example.org' }, /SERVER_URL "cms.example.org" is not a URL/],
    [{ SERVER_URL: 'ftp://cms.example.org' }, /SERVER_URL .* must start with http/],
    [{ PAYLOAD_SECRET: 'short' }, /PAYLOAD_SECRET is too short/],
    [{ DATABASE_URI: 'mysql://db/cms' }, /DATABASE_URI/],
    [{ DATABASE_URI: 'postgres://db/cms', DATABASE_POOL_MAX: '0' }, /DATABASE_POOL_MAX "0"/],
    [
      { DATABASE_URI: 'postgres://db/cms', DATABASE_READ_REPLICAS: 'db2/cms' },
      /DATABASE_READ_REPLICAS: "db2\/cms"/,
    ],
    [{ SEED_ON_START: 'maybe' }, /SEED_ON_START "maybe"/],
    [{ TRUST_PROXY: '-1' }, /TRUST_PROXY "-1"/],
    [{ API_CACHE_SECONDS: 'ten' }, /API_CACHE_SECONDS "ten"/],
    [{ API_CACHE_SECONDS: '-5' }, /API_CACHE_SECONDS "-5"/],
    [{ PASSWORD_RESET_SECONDS: '2' }, /PASSWORD_RESET_SECONDS "2"/],
    [{ CORS_ORIGINS: 'https://ok.example, not a url' }, /CORS_ORIGINS "not a url"/],
    [{ SMTP_URL: 'mail.example.org' }, /SMTP_URL must look like smtp:/],
    [{ EMAIL_FROM: 'Newsroom' }, /EMAIL_FROM "Newsroom"/],
    [{ S3_BUCKET: 'media' }, /S3_REGION is not set/],
    [{ S3_BUCKET: 'media', S3_REGION: 'eu-west-1' }, /S3_ACCESS_KEY_ID is not set/],
    [{ ...S3, S3_SECRET_ACCESS_KEY: '' }, /S3_SECRET_ACCESS_KEY is not set/],
    [{ ...S3, S3_BUCKET: 'My_Media' }, /S3_BUCKET "My_Media" is not a bucket name/],
    [{ ...S3, S3_REGION: 'EU West' }, /S3_REGION "EU West"/],
    [{ ...S3, S3_ENDPOINT: 'minio:9000' }, /S3_ENDPOINT "minio:9000" must start with http/],
    [{ ...S3, S3_ENDPOINT: 'not a url' }, /S3_ENDPOINT "not a url" is not a URL/],
    [{ ...S3, S3_ENDPOINT: 'ftp://minio' }, /S3_ENDPOINT .* must start with http/],
    [{ ...S3, S3_ENDPOINT: 'http://key:secret@minio' }, /S3_ENDPOINT must not hold credentials/],
    [{ ...S3, S3_FORCE_PATH_STYLE: 'sometimes' }, /S3_FORCE_PATH_STYLE "sometimes"/],
    [{ S3_ENDPOINT: 'http://localhost:9000' }, /S3_ENDPOINT is set but S3_BUCKET is not/],
    [{ S3_ACCESS_KEY_ID: 'key' }, /S3_ACCESS_KEY_ID is set but S3_BUCKET is not/],
  ])('should name the variable in the error for %j', (vars, message) => {
    expect(() =>
      loadEnv({ env: { PAYLOAD_SECRET: SECRET, ...vars }, projectRoot: tempRoot() }),
    ).toThrow(message)
  })

  it.each([
    ['cms@example.org', { fromAddress: 'cms@example.org', fromName: 'Newsroom CMS' }],
    ['The Desk <desk@example.org>', { fromAddress: 'desk@example.org', fromName: 'The Desk' }],
    ['"The Desk" <desk@example.org>', { fromAddress: 'desk@example.org', fromName: 'The Desk' }],
  ])('should read EMAIL_FROM=%s', (value, expected) => {
    const env = loadEnv({
      env: { PAYLOAD_SECRET: SECRET, EMAIL_FROM: value },
      projectRoot: tempRoot(),
    })
    expect(env.email).toMatchObject(expected)
  })

  it.each([
    ['false', false],
    ['0', false],
    ['true', true],
    ['1', true],
  ])('should read SEED_ON_START=%s as %s', (value, expected) => {
    const env = loadEnv({
      env: { PAYLOAD_SECRET: SECRET, SEED_ON_START: value },
      projectRoot: tempRoot(),
    })
    expect(env.seedOnStart).toBe(expected)
  })

  it('should keep media on disk when S3_BUCKET is unset', () => {
    const env = loadEnv({ env: { PAYLOAD_SECRET: SECRET }, projectRoot: tempRoot() })
    expect(env.objectStorage).toBeUndefined()
  })

  it.each([
    [
      'AWS',
      S3,
      { bucket: 'newsroom-media', region: 'eu-west-1', endpoint: undefined, forcePathStyle: false },
    ],
    [
      'an S3-compatible server',
      { ...S3, S3_REGION: '', S3_ENDPOINT: 'http://localhost:9000/' },
      { region: 'us-east-1', endpoint: 'http://localhost:9000', forcePathStyle: true },
    ],
    [
      'an S3-compatible server with virtual-host buckets',
      { ...S3, S3_ENDPOINT: 'https://s3.example.org', S3_FORCE_PATH_STYLE: 'false' },
      { endpoint: 'https://s3.example.org', forcePathStyle: false },
    ],
  ])('should read the S3 settings for %s', (_what, vars, expected) => {
    const env = loadEnv({ env: { PAYLOAD_SECRET: SECRET, ...vars }, projectRoot: tempRoot() })
    expect(env.objectStorage).toMatchObject({
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'example-secret',
      ...expected,
    })
  })

  it.each([
    ['', undefined],
    ['https://site.example/preview?token={token}', 'https://site.example/preview?token={token}'],
    ['  http://localhost:4000/preview/{token}  ', 'http://localhost:4000/preview/{token}'],
  ])('should read PREVIEW_URL %j as %j', (value, previewUrl) => {
    const env = loadEnv({
      env: { PAYLOAD_SECRET: SECRET, PREVIEW_URL: value },
      projectRoot: tempRoot(),
    })
    expect(env.previewUrl).toBe(previewUrl)
  })

  it.each([
    ['https://site.example/preview', /PREVIEW_URL .* must contain \{token\}/],
    ['site.example/preview?token={token}', /PREVIEW_URL .* is not a URL/],
    ['ftp://site.example/{token}', /PREVIEW_URL .* must start with http:\/\/ or https:\/\//],
    ['javascript:alert({token})', /PREVIEW_URL .* must start with http:\/\/ or https:\/\//],
    ['https://user:pw@site.example/{token}', /PREVIEW_URL must not hold credentials/],
  ])('should refuse PREVIEW_URL %j, naming the variable', (value, message) => {
    expect(() =>
      loadEnv({ env: { PAYLOAD_SECRET: SECRET, PREVIEW_URL: value }, projectRoot: tempRoot() }),
    ).toThrow(message)
  })
})
