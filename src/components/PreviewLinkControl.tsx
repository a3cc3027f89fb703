'use client'

import {
  Button,
  FieldLabel,
  SelectInput,
  toast,
  useAuth,
  useDocumentInfo,
  useFormFields,
  useFormModified,
} from '@payloadcms/ui'
import React, { useRef, useState } from 'react'

import { formatDateTime, timeZoneName } from '../../lib/dates.ts'
import { PREVIEW_LINK_DEFAULT_HOURS, PREVIEW_LINK_DURATIONS } from '../../lib/previewLinks.ts'
import { canPublish } from '../../lib/roles.ts'
import { idOf } from '../../lib/values.ts'

type MadeLink = { url: string; expiresAt: string }

/** A link made here, with the duration it was made for ("7 days"). */
type ShownLink = MadeLink & { duration: string }

const DURATION_OPTIONS = PREVIEW_LINK_DURATIONS.map(({ hours, label }) => ({
  label,
  value: String(hours),
}))

const styles = {
  control: { marginBottom: 'var(--base)' },
  heading: { marginBottom: 'calc(var(--base) / 2)' },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: 'calc(var(--base) / 2)',
    alignItems: 'center',
    marginTop: 'calc(var(--base) / 2)',
  },
  result: { marginTop: 'var(--base)' },
  note: { margin: 'calc(var(--base) / 4) 0', color: 'var(--theme-elevation-500)' },
} satisfies Record<string, React.CSSProperties>

const errorMessageOf = async (response: Response): Promise<string | undefined> => {
  try {
    const body = (await response.json()) as { errors?: { message?: string }[] }
    return body.errors?.[0]?.message
  } catch {
    return undefined
  }
}

/**
 * The edit view's sidebar control for preview links: pick how long the link works, get it, then
 * copy or open it. The link shows the document as last saved, to anyone holding it, until it
 * expires (or is revoked under Admin → Preview links).
 */
export const PreviewLinkControl: React.FC = () => {
  const { id, collectionSlug } = useDocumentInfo()
  const isModified = useFormModified()
  const [hours, setHours] = useState(String(PREVIEW_LINK_DEFAULT_HOURS))
  const [link, setLink] = useState<ShownLink | null>(null)
  const [isBusy, setIsBusy] = useState(false)
  const linkInput = useRef<HTMLInputElement>(null)
  const { user } = useAuth()
  const owner = useFormFields(([fields]) => fields.owner?.value)

  // The server gives contributors links to their own documents only.
  if (id && !canPublish(user) && idOf(owner) !== user?.id) return null

  if (!id || !collectionSlug) {
    return (
      <div className="field-type preview-link-control" style={styles.control}>
        <FieldLabel as="h3" label="Preview link" />
        <p className="field-description" style={styles.note}>
          Save the document to get a link others can preview it with.
        </p>
      </div>
    )
  }

  const createLink = async () => {
    setIsBusy(true)
    try {
      const response = await fetch(`/api/${collectionSlug}/${id}/preview-link`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ hours: Number(hours) }),
      })
      if (!response.ok) {
        toast.error((await errorMessageOf(response)) ?? 'Could not create a preview link.')
        return
      }
      const made = (await response.json()) as MadeLink
      const duration = DURATION_OPTIONS.find((option) => option.value === hours)?.label ?? ''
      setLink({ url: made.url, expiresAt: made.expiresAt, duration })
      toast.success('Preview link created.')
    } catch {
      toast.error('Could not reach the server to create a preview link.')
    } finally {
      setIsBusy(false)
    }
  }

  const copyLink = async () => {
    if (!link) return
    try {
      await navigator.clipboard.writeText(link.url)
      toast.success('Link copied.')
    } catch {
      // No clipboard (e.g. an admin served over plain http): leave it selected to copy by hand.
      linkInput.current?.select()
      toast.error('Could not copy: the link is selected, copy it with Ctrl+C (⌘C).')
    }
  }

  const expires = link
    ? `${formatDateTime(link.expiresAt)} ${timeZoneName(new Date(link.expiresAt))}`
    : ''

  return (
    <div className="field-type preview-link-control" style={styles.control}>
      <div style={styles.heading}>
        <FieldLabel as="h3" label="Preview link" />
      </div>
      <SelectInput
        isClearable={false}
        label="Works for"
        name="previewLinkHours"
        onChange={(option) => {
          const chosen = Array.isArray(option) ? option[0] : option
          if (chosen && typeof chosen.value === 'string') setHours(chosen.value)
        }}
        options={DURATION_OPTIONS}
        path="previewLinkHours"
        value={hours}
      />
      <div style={styles.row}>
        <Button
          buttonStyle="secondary"
          disabled={isBusy}
          id="preview-link-create"
          margin={false}
          onClick={() => void createLink()}
          size="medium"
        >
          {link ? 'Get another link' : 'Get preview link'}
        </Button>
      </div>
      {isModified && (
        <p className="field-description" style={styles.note}>
          Unsaved changes are not in the preview: save first.
        </p>
      )}
      {link && (
        <div className="preview-link-control__result" style={styles.result}>
          <div className="field-type text read-only">
            <FieldLabel htmlFor="preview-link-url" label="Link" />
            <input
              id="preview-link-url"
              onFocus={(event) => event.target.select()}
              readOnly
              ref={linkInput}
              type="text"
              value={link.url}
            />
          </div>
          <p className="field-description preview-link-control__expires" style={styles.note}>
            Expires {expires}
            {link.duration ? ` (in ${link.duration})` : ''}
          </p>
          <div style={styles.row}>
            <Button
              buttonStyle="primary"
              id="preview-link-copy"
              margin={false}
              onClick={() => void copyLink()}
              size="medium"
            >
              Copy link
            </Button>
            <Button
              buttonStyle="secondary"
              el="anchor"
              id="preview-link-open"
              margin={false}
              newTab
              size="medium"
              url={link.url}
            >
              Open
            </Button>
          </div>
        </div>
      )}
    </div>
  )
}
