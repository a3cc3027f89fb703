/** Collection slugs: the one place each is written. */
export const slugs = {
  users: 'users',
  authors: 'authors',
  sources: 'sources',
  topics: 'topics',
  posts: 'posts',
  digests: 'digests',
  media: 'media',
  workflowEvents: 'workflow-events',
  previewLinks: 'preview-links',
  contentChanges: 'content-changes',
  contentEvents: 'content-events',
  webhooks: 'webhooks',
  webhookDeliveries: 'webhook-deliveries',
  redirects: 'redirects',
  notifications: 'notifications',
  searchIndex: 'search-index',
  jobs: 'payload-jobs',
} as const

export type CollectionSlug = (typeof slugs)[keyof typeof slugs]

/**
 * Collections anonymous readers get, directly or populated into others: what the content API
 * documents (OpenAPI), what the response cache keeps, and whose writes empty it.
 */
export const PUBLIC_COLLECTIONS = [
  slugs.posts,
  slugs.digests,
  slugs.authors,
  slugs.sources,
  slugs.topics,
  slugs.media,
  slugs.redirects,
] as const satisfies readonly CollectionSlug[]

/** True for a collection whose documents anonymous readers may get. */
export const isPublicCollection = (slug: string): boolean =>
  (PUBLIC_COLLECTIONS as readonly string[]).includes(slug)
