import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { isDraftSaveOf } from '../../../collections/workflow/hooks.ts'
import { indexDocument, isIndexedCollection, isPublicDocument, removeDocument } from './indexer.ts'

/** Set in a write's `context` to leave the index alone (e.g. a bulk load that rebuilds after). */
export const SKIP_SEARCH_INDEX = 'skipSearchIndex'

type Doc = Record<string, unknown> & { id: number | string }

/**
 * After a save, in its transaction: a publish or an edit of a published document (re)writes its
 * row; an unpublish or a move to the trash removes it. A draft save changes nothing readers
 * get (the published document, if any, stays as it was) and is skipped, as is the creation of a
 * document readers do not get: it has no row to remove (an import creates thousands).
 */
export const indexAfterChange: CollectionAfterChangeHook = async ({
  collection,
  doc,
  operation,
  req,
}): Promise<unknown> => {
  const slug = collection.slug
  if (!isIndexedCollection(slug) || req.context[SKIP_SEARCH_INDEX]) return doc
  if (isDraftSaveOf({ context: req.context, collection: slug })) return doc
  if (operation === 'create' && !isPublicDocument(doc as Doc)) return doc
  await indexDocument({ payload: req.payload, collection: slug, doc: doc as Doc, req })
  return doc
}

/** After a delete, in its transaction: the document's row goes too. */
export const removeAfterDelete: CollectionAfterDeleteHook = async ({
  collection,
  doc,
  req,
}): Promise<unknown> => {
  const slug = collection.slug
  if (!isIndexedCollection(slug) || req.context[SKIP_SEARCH_INDEX]) return doc
  await removeDocument({ payload: req.payload, collection: slug, id: (doc as Doc).id, req })
  return doc
}
