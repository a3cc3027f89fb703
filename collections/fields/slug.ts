import { slugField } from 'payload'

/**
 * A unique, indexed slug generated from `useAsSlug` (default `title`) until an editor
 * edits it by hand; Payload's own slug field, so the admin shows the lock/unlock control.
 */
export const slug = ({ useAsSlug = 'title' }: { useAsSlug?: string } = {}) =>
  slugField({ useAsSlug, position: 'sidebar' })
