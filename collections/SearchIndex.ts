import type { CollectionConfig } from 'payload'

import { nobody } from './access/index.ts'
import { slugs } from './slugs.ts'

/**
 * The full-text search index: one row per published, non-trashed post or digest, written by the
 * search plugin's hooks in the writing transaction (src/plugins/search). Drafts are never here.
 * Each database searches it its own way, set up by raw SQL in the `search_index` migrations:
 * SQLite an FTS5 table kept in step by triggers, PostgreSQL a generated `tsvector` column with
 * a GIN index, MongoDB a text index made at start. Internal: no API, no admin screen, not
 * copied by `db:transfer` (the target rebuilds it).
 */
export const SearchIndex: CollectionConfig = {
  slug: slugs.searchIndex,
  admin: { hidden: true },
  access: { read: nobody, create: nobody, update: nobody, delete: nobody },
  graphQL: false,
  lockDocuments: false,
  timestamps: false,
  fields: [
    // `posts:12`: one row per document.
    { name: 'docKey', type: 'text', required: true, unique: true },
    { name: 'indexedCollection', type: 'text', required: true, index: true },
    { name: 'docId', type: 'text', required: true },
    { name: 'title', type: 'text', required: true },
    { name: 'slug', type: 'text' },
    // As written, for snippets.
    { name: 'text', type: 'textarea' },
    // lib/searchText.ts's terms, separated by spaces: what the database's index reads.
    { name: 'titleTerms', type: 'textarea' },
    { name: 'bodyTerms', type: 'textarea' },
    { name: 'language', type: 'text', index: true },
    // Ids as ` 3 7 ` (spaces around each), so that one filter reads `contains " 3 "`.
    { name: 'authorIds', type: 'text' },
    { name: 'sourceIds', type: 'text' },
    { name: 'topicIds', type: 'text' },
    { name: 'date', type: 'date', index: true },
    // lib/searchText.ts's SEARCH_TEXT_VERSION when the row was written.
    { name: 'textVersion', type: 'number' },
  ],
}
