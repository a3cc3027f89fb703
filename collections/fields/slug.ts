import type { CollectionSlug, Field, FieldHook, PayloadRequest } from 'payload'

import { slugify } from '../../lib/names.ts'

/** Lower-case slug of a title, keeping letters of any script (Persian titles keep theirs). */
export const toSlug = (text: string): string => slugify({ text, maxLength: 120 })

const MAX_SUFFIX_TRIES = 50

/** The first of `base`, `base-2`, `base-3`… that no other document of the collection uses. */
const uniqueSlug = async ({
  base,
  collection,
  id,
  req,
}: {
  base: string
  collection: string
  id?: number | string
  req: PayloadRequest
}): Promise<string> => {
  for (let n = 1; n <= MAX_SUFFIX_TRIES; n += 1) {
    const candidate = n === 1 ? base : `${base}-${n}`
    const { totalDocs } = await req.payload.count({
      collection: collection as CollectionSlug,
      overrideAccess: true,
      req,
      where: {
        and: [
          { slug: { equals: candidate } },
          ...(id !== undefined ? [{ id: { not_equals: id } }] : []),
        ],
      },
    })
    if (totalDocs === 0) return candidate
  }
  return `${base}-${Date.now().toString(36)}`
}

/**
 * A unique, indexed slug. Left empty, it is generated from `useAsSlug` (suffixed -2, -3… when
 * taken); once set it never changes by itself, so published URLs stay stable.
 */
export const slug = ({ useAsSlug = 'title' }: { useAsSlug?: string } = {}): Field => {
  const generate: FieldHook = async ({ value, data, originalDoc, collection, operation, req }) => {
    if (typeof value === 'string' && value.trim() !== '') return toSlug(value) || value.trim()
    const incoming = data as Record<string, unknown> | undefined
    const original = originalDoc as (Record<string, unknown> & { id?: number | string }) | undefined
    const source = incoming?.[useAsSlug] ?? original?.[useAsSlug]
    if (typeof source !== 'string' || !collection) return value as unknown
    const base = toSlug(source)
    if (!base) return value as unknown
    // A duplicate is a create whose originalDoc is the copied document: its slug counts as taken.
    const id = operation === 'update' ? original?.id : undefined
    return uniqueSlug({ base, collection: collection.slug, id, req })
  }
  return {
    name: 'slug',
    type: 'text',
    unique: true,
    index: true,
    admin: {
      position: 'sidebar',
      description: `Used in URLs. Left empty, it is made from the ${useAsSlug}.`,
    },
    // A copy gets a fresh slug from its title (e.g. title-2) instead of a taken one. Null, not
    // undefined: Payload keeps the copied value when a beforeDuplicate hook returns undefined.
    hooks: { beforeValidate: [generate], beforeDuplicate: [() => null] },
  }
}
