import SwaggerParser from '@apidevtools/swagger-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestCms, type TestCms } from '../helpers/payload.ts'

let cms: TestCms
let document: any

beforeAll(async () => {
  cms = await startTestCms()
  const { status, body } = await cms.rest({ path: '/api/openapi.json' })
  expect(status).toBe(200)
  document = body
})
afterAll(async () => {
  await cms?.close()
})

describe('GET /api/openapi.json', () => {
  it('should be a valid OpenAPI 3.1 document', async () => {
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeTruthy()
    expect(document.openapi).toBe('3.1.0')
  })

  it.each([
    ['/api/posts'],
    ['/api/posts/{id}'],
    ['/api/digests'],
    ['/api/authors'],
    ['/api/sources'],
    ['/api/redirects'],
    ['/api/search'],
    ['/feeds/posts.{format}'],
  ])('should describe %s', (path) => {
    expect(document.paths[path]?.get).toBeTruthy()
  })

  it('should describe the redirect lookup by path', () => {
    const get = document.paths['/api/redirects'].get
    expect([get.parameters[0].name, Object.keys(get.responses).sort()]).toEqual([
      'path',
      ['200', '301', '400', '404'],
    ])
  })

  it('should not describe the staff-only fields of redirects', () => {
    expect(Object.keys(document.components.schemas.Redirect.properties).sort()).toEqual([
      'createdAt',
      'from',
      'id',
      'kind',
      'statusCode',
      'to',
      'updatedAt',
    ])
  })

  it('should describe the post fields front ends get', () => {
    expect(Object.keys(document.components.schemas.Post.properties)).toEqual(
      expect.arrayContaining([
        'title',
        'slug',
        'author',
        'sources',
        'credit',
        'postedAt',
        'excerpt',
        'content',
      ]),
    )
  })

  it.each([
    ['Post', 'provenance'],
    ['Post', 'stage'],
    ['Post', 'owner'],
    ['Post', 'lastEditedBy'],
    ['Digest', 'lastEditedBy'],
    ['Post', 'workflowNote'],
    ['Author', 'email'],
  ])('should not describe the staff-only field %s.%s', (schema, field) => {
    expect(document.components.schemas[schema].properties).not.toHaveProperty(field)
  })

  it('should not describe users or the audit trail', () => {
    expect(
      Object.keys(document.paths).filter((path) => /users|workflow-events|payload-jobs/.test(path)),
    ).toEqual([])
  })
})
