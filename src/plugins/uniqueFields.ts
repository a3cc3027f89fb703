import type { Payload } from 'payload'

/**
 * Each collection's top-level unique fields (not localized): an `equals` on one of them names
 * one document.
 */
export const uniqueFieldsOf = (payload: Payload): Map<string, ReadonlySet<string>> =>
  new Map(
    Object.values(payload.collections).map(({ config }) => [
      config.slug,
      uniqueFieldsOfCollection(config),
    ]),
  )

/** One collection's top-level unique fields. */
export const uniqueFieldsOfCollection = (config: {
  flattenedFields: readonly { name: string; unique?: boolean; localized?: boolean }[]
}): ReadonlySet<string> =>
  new Set(
    config.flattenedFields
      .filter((field) => field.unique && !field.localized)
      .map((field) => field.name),
  )
