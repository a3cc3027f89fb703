import type { CollectionConfig, CollectionSlug, Config, Field, Plugin } from 'payload'

import { lastEditedByField } from '../../collections/fields/lastEditedBy.ts'
import { recordEditor } from '../../collections/hooks/recordEditor.ts'

type EditViews = NonNullable<
  NonNullable<NonNullable<CollectionConfig['admin']>['components']>['views']
>['edit']

/** `added` placed after the field named `after` (or before the import provenance, or last). */
const insertAfter = ({
  fields,
  after,
  added,
}: {
  fields: Field[]
  after: string
  added: Field
}): Field[] => {
  const named = (name: string) =>
    fields.findIndex((field) => 'name' in field && field.name === name)
  const at = named(after) !== -1 ? named(after) + 1 : named('provenance')
  return at === -1 ? [...fields, added] : [...fields.slice(0, at), added, ...fields.slice(at)]
}

const withHistory = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  admin: {
    ...collection.admin,
    components: {
      ...collection.admin?.components,
      views: {
        ...collection.admin?.components?.views,
        // Payload's EditConfig is a union (with or without `root`) that a spread cannot narrow.
        edit: {
          ...(collection.admin?.components?.views?.edit as Record<string, unknown> | undefined),
          versions: { Component: '/components/DocumentVersions.tsx#DocumentVersions' },
        } as EditViews,
      },
    },
  },
  hooks: {
    ...collection.hooks,
    beforeChange: [...(collection.hooks?.beforeChange ?? []), recordEditor],
  },
  fields: insertAfter({ fields: collection.fields, after: 'owner', added: lastEditedByField() }),
})

/**
 * Who saved each version, and the workflow stage it was in, on the collections it names: every
 * save records its user (`lastEditedBy`, kept in each version like the `stage`), and the
 * versions list shows both as columns (src/components/DocumentVersions.tsx). Comes after
 * `editorialWorkflow`, whose `stage` and `owner` it sits beside.
 */
export const versionHistory =
  ({ collections }: { collections: readonly CollectionSlug[] }): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: (config.collections ?? []).map((collection) =>
      (collections as readonly string[]).includes(collection.slug)
        ? withHistory(collection)
        : collection,
    ),
  })
