import { describe, expect, it } from 'vitest'

import { changesPublicAnswers } from '../../src/plugins/responseCache/hooks.ts'

const posts = { slug: 'posts', versions: { drafts: true } }

describe('changesPublicAnswers', () => {
  it.each([
    ['a publish', posts, { workflowDraftSave: { posts: false } }, true],
    ['a write with no draft flag noted', posts, {}, true],
    ['a draft save', posts, { workflowDraftSave: { posts: true } }, false],
    [
      'a draft save noted for another collection',
      posts,
      { workflowDraftSave: { digests: true } },
      true,
    ],
    ['an author edit', { slug: 'authors' }, {}, true],
    ['a staff account change', { slug: 'users' }, {}, false],
    ['a workflow event', { slug: 'workflow-events' }, {}, false],
    ['an unknown collection', undefined, {}, true],
  ])('should say whether %s changes public answers', (_what, collection, context, expected) => {
    expect(changesPublicAnswers({ collection, context })).toBe(expected)
  })
})
