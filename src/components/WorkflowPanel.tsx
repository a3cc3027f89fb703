'use client'

import { Button, toast, useAuth, useDocumentInfo, useField, useFormFields } from '@payloadcms/ui'
import React, { useCallback, useEffect, useState } from 'react'

import { canPublish, roleOf } from '../../lib/roles.ts'
import {
  ACTION_LABELS,
  allowedActions,
  isStage,
  STAGE_LABELS,
  type Action,
} from '../../lib/workflow.ts'
import { idOf } from '../../lib/values.ts'

type HistoryEntry = {
  id: number | string
  action: Action
  from?: string
  to?: string
  note?: string | null
  createdAt: string
  userName?: string | null
}

/**
 * The stage of the document, the workflow actions the current user may take on it, and its
 * history with notes. Shown in the edit view's sidebar in place of the stage field.
 */
export const WorkflowPanel: React.FC<{ path: string }> = ({ path }) => {
  const { id, collectionSlug } = useDocumentInfo()
  const { user } = useAuth()
  const { value } = useField<string>({ path })
  const owner = useFormFields(([fields]) => fields.owner?.value)
  const [note, setNote] = useState('')
  const [when, setWhen] = useState('')
  const [isBusy, setIsBusy] = useState(false)
  const [history, setHistory] = useState<HistoryEntry[]>([])
  const [previewUrl, setPreviewUrl] = useState('')

  const stage = isStage(value) ? value : 'draft'
  const isOwner = idOf(owner) === user?.id
  const actions = id ? allowedActions({ role: roleOf(user), isOwner, stage }) : []
  // The server gives contributors preview links to their own documents only.
  const canPreview = Boolean(id) && (canPublish(user) || isOwner)

  const loadHistory = useCallback(async () => {
    if (!id || !collectionSlug) return
    const query = new URLSearchParams({
      'where[documentKey][equals]': `${collectionSlug}:${id}`,
      sort: '-createdAt',
      limit: '50',
      depth: '0',
    })
    const response = await fetch(`/api/workflow-events?${query.toString()}`, {
      credentials: 'include',
    })
    if (response.ok) setHistory(((await response.json()) as { docs: HistoryEntry[] }).docs)
  }, [id, collectionSlug])

  useEffect(() => {
    void loadHistory()
  }, [loadHistory])

  const createPreviewLink = async () => {
    const response = await fetch(`/api/${collectionSlug}/${id}/preview-link`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hours: 24 }),
    })
    const body = (await response.json()) as { url?: string; errors?: { message: string }[] }
    if (!response.ok || !body.url) {
      toast.error(body.errors?.[0]?.message ?? 'Could not create a preview link.')
      return
    }
    setPreviewUrl(body.url)
    toast.success('Preview link created: it works for 24 hours.')
  }

  const run = async (action: Action) => {
    if (action === 'request_changes' && !note.trim()) {
      toast.error('Write a note for the writer before requesting changes.')
      return
    }
    if (action === 'schedule' && !when) {
      toast.error('Choose a date and time to publish at.')
      return
    }
    setIsBusy(true)
    try {
      const response = await fetch(`/api/${collectionSlug}/${id}/workflow`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          action,
          note: note.trim() || undefined,
          at: action === 'schedule' ? new Date(when).toISOString() : undefined,
        }),
      })
      const body = (await response.json()) as { message?: string; errors?: { message: string }[] }
      if (!response.ok) {
        toast.error(body.errors?.[0]?.message ?? `${ACTION_LABELS[action]} failed.`)
        return
      }
      toast.success(
        action === 'schedule' ? (body.message ?? 'Scheduled.') : `${ACTION_LABELS[action]}: done.`,
      )
      // The form holds the old stage and status: reload the document.
      window.location.reload()
    } finally {
      setIsBusy(false)
    }
  }

  return (
    <div className="workflow-panel" data-stage={stage}>
      <p className="workflow-panel__stage">
        Stage: <strong>{STAGE_LABELS[stage]}</strong>
      </p>
      {!id && <p>Save the document to start its review.</p>}
      {actions.includes('request_changes') && (
        <textarea
          aria-label="Note for the writer"
          className="workflow-panel__note"
          onChange={(event) => setNote(event.target.value)}
          placeholder="Note for the writer (needed to request changes)"
          rows={3}
          value={note}
        />
      )}
      {actions.includes('schedule') && (
        <input
          aria-label="Publish at"
          className="workflow-panel__when"
          onChange={(event) => setWhen(event.target.value)}
          type="datetime-local"
          value={when}
        />
      )}
      <div className="workflow-panel__actions">
        {actions.map((action) => (
          <Button
            buttonStyle={action === 'publish' || action === 'approve' ? 'primary' : 'secondary'}
            disabled={isBusy}
            id={`workflow-${action}`}
            key={action}
            onClick={() => void run(action)}
            size="small"
          >
            {ACTION_LABELS[action]}
          </Button>
        ))}
      </div>
      {canPreview && (
        <div className="workflow-panel__preview">
          <Button
            buttonStyle="secondary"
            id="workflow-preview-link"
            onClick={() => void createPreviewLink()}
            size="small"
          >
            Get preview link
          </Button>
          {previewUrl && (
            <input
              aria-label="Preview link"
              onFocus={(event) => event.target.select()}
              readOnly
              style={{ width: '100%' }}
              value={previewUrl}
            />
          )}
        </div>
      )}
      {id && actions.length === 0 && (
        <p className="workflow-panel__none">
          {roleOf(user) === 'contributor'
            ? 'Nothing for you to do here now: an editor takes it from here.'
            : 'No workflow action applies to this document now.'}
        </p>
      )}
      {history.length > 0 && (
        <ol className="workflow-panel__history" aria-label="Workflow history">
          {history.map((entry) => (
            <li key={entry.id}>
              <strong>{ACTION_LABELS[entry.action]}</strong> by {entry.userName ?? 'the system'},{' '}
              {new Date(entry.createdAt).toLocaleString()}
              {entry.note ? <q>{entry.note}</q> : null}
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}
