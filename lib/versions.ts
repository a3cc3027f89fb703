/**
 * What the admin's versions list says about each version, as Payload's own list does
 * (`@payloadcms/next` 3.90.2, views/Version/VersionPillLabel/getVersionLabel.js), plus who saved
 * it (see the `lastEditedBy` field).
 */

/** Payload's names for a version's status; each is also its translation key under `version:`. */
export type VersionStatus = 'currentlyPublished' | 'previouslyPublished' | 'currentDraft' | 'draft'

/** The little of a version row these functions read. */
export type VersionRow = {
  id: number | string
  updatedAt?: string
  version?: { _status?: 'draft' | 'published' | null }
}

/**
 * A version's status: the published one that is live ("Currently Published") or an older one,
 * the newest draft ("Current Draft", unless a publish came after it) or an older draft.
 */
export const versionStatus = ({
  version,
  currentlyPublished,
  latestDraft,
}: {
  version: VersionRow
  /** The newest published version, if any. */
  currentlyPublished?: VersionRow | null
  /** The newest draft version, if any. */
  latestDraft?: VersionRow | null
}): VersionStatus => {
  if (version.version?._status === 'published') {
    return version.id === currentlyPublished?.id ? 'currentlyPublished' : 'previouslyPublished'
  }
  // ISO timestamps compare as strings.
  const isPublishedAfterDraft =
    (currentlyPublished?.updatedAt ?? '') > (latestDraft?.updatedAt ?? '')
  const isLatestDraft =
    latestDraft !== null && latestDraft !== undefined && version.id === latestDraft.id
  return isLatestDraft && !isPublishedAfterDraft ? 'currentDraft' : 'draft'
}

/** A person as the admin shows them: their name, else their email. */
export type Person = { name?: string | null; email?: string | null }

/** How a version's author reads in the list: name, else email; null when nobody is known. */
export const personLabel = (person: Person | null | undefined): string | null =>
  person?.name?.trim() || person?.email?.trim() || null
