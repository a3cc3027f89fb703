/** Collection slugs: the one place each is written. */
export const slugs = {
  users: 'users',
  authors: 'authors',
  sources: 'sources',
  posts: 'posts',
  digests: 'digests',
  media: 'media',
  workflowEvents: 'workflow-events',
  previewLinks: 'preview-links',
  jobs: 'payload-jobs',
} as const

export type CollectionSlug = (typeof slugs)[keyof typeof slugs]

export const ROLES = ['admin', 'editor', 'contributor'] as const
export type Role = (typeof ROLES)[number]
