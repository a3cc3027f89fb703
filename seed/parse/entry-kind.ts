/** `digest` for Iran Interlink Weekly Digest entries, `post` for everything else. */
export type EntryKind = 'post' | 'digest'

const DIGEST_TITLE = /^iran interlink weekly digest\s*[–—-]/i

/**
 * True for `Iran Interlink Weekly Digest – <date or issue>` titles (en dash, em dash or
 * hyphen), which the importer files as digests rather than posts.
 */
export const isDigestTitle = ({ title }: { title: string }): boolean =>
  DIGEST_TITLE.test(title.replace(/\s+/g, ' ').trim())
