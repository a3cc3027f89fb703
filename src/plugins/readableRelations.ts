import type { Config, Plugin } from 'payload'

import { hidingUnreadableRelations } from '../../collections/hooks/hideUnreadableRelations.ts'

/**
 * Relations to documents a reader cannot read (a draft, the trash) are left out of every REST
 * and Local API answer, at every depth, instead of showing their ids
 * (collections/hooks/hideUnreadableRelations.ts). Applied to every collection.
 */
export const readableRelations =
  (): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: (config.collections ?? []).map(hidingUnreadableRelations),
  })
