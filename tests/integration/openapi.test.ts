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
    ['/api/search'],
    ['/feeds/posts.{format}'],
  ])('should describe %s', (path) => {
    expect(document.paths[path]?.get).toBeTruthy()
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
