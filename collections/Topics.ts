import type { CollectionConfig, TextFieldManyValidation } from 'payload'

import { aliasProblem } from '../lib/topics.ts'
import { namedCollection } from './fields/named.ts'
import { slugs } from './slugs.ts'

const MAX_ALIASES = 50

/** No spelling may name two topics: checked against every other topic, trashed ones included. */
const validateAliases: TextFieldManyValidation = async (value, { data, id, req }) => {
  const aliases = (value ?? []).filter((alias): alias is string => typeof alias === 'string')
  if (aliases.length > MAX_ALIASES) return `At most ${MAX_ALIASES} aliases`
  const { name: named } = (data ?? {}) as { name?: unknown }
  const name = typeof named === 'string' ? named : ''
  if (!name) return true
  const { docs } = await req.payload.find({
    collection: slugs.topics,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    trash: true,
    select: { name: true, aliases: true },
    req,
  })
  const others = docs.map((doc) => ({
    id: doc.id,
    name: String(doc.name),
    aliases: doc.aliases ?? [],
  }))
  return aliasProblem({ topic: { id, name, aliases }, others }) ?? true
}

/** Subjects posts and digests are about, e.g. "MEK", with the other spellings the material uses. */
export const Topics: CollectionConfig = namedCollection({
  slug: slugs.topics,
  countsPostsBy: 'topics',
  defaultColumns: ['name', 'aliases', 'slug', 'updatedAt'],
  defaultPopulate: { name: true, slug: true },
  fields: [
    {
      name: 'aliases',
      type: 'text',
      hasMany: true,
      validate: validateAliases,
      admin: {
        description:
          'Other spellings, e.g. MKO, PMOI, Mojahedin. Search finds each under every spelling, and the import assigns the topic by them.',
      },
    },
    { name: 'description', type: 'textarea' },
  ],
})
