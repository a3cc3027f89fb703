import { sharedInProcess } from '../../../lib/processState.ts'

type Selectable = { of?: () => Promise<ReadonlySet<string>> }

/**
 * Where the Express server finds the selectable query fields of the running Payload, set by
 * the `graphqlSelectByDefault` plugin. Kept apart so the server does not load Payload for it.
 */
export const selectableFieldsProvider = (): Selectable =>
  sharedInProcess<Selectable>('graphqlSelectableFields', () => ({}))
