'use client'

import { Button, FieldLabel, toast, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import React, { useRef, useState } from 'react'

import { postJson, styles } from './shared.ts'

/**
 * The webhook's signing secret, in the sidebar. The CMS makes it; the whole secret is shown once,
 * here right after "Make a new secret" (or in the API answer that creates the webhook), and never
 * again: afterwards only its start and end. Making a new one asks first once the webhook has
 * delivered something (its receiver then uses the old one); before that it is harmless, which is
 * how an admin who made the webhook here gets a secret to copy.
 */
export const SecretControl: React.FC = () => {
  const { id } = useDocumentInfo()
  const hint = useFormFields(([fields]) => fields.secretHint?.value as string | undefined)
  const lastDelivered = useFormFields(
    ([fields]) => fields.lastDeliveredAt?.value as string | undefined,
  )
  const [secret, setSecret] = useState<string | null>(null)
  const [isBusy, setIsBusy] = useState(false)
  const input = useRef<HTMLInputElement>(null)

  if (!id) {
    return (
      <div className="field-type webhook-secret" style={styles.control}>
        <FieldLabel as="h3" label="Signing secret" />
        <p className="field-description" style={styles.note}>
          Made by the CMS when you save. Deliveries are signed with it (Standard Webhooks).
        </p>
      </div>
    )
  }

  const rotate = async () => {
    if (
      lastDelivered &&
      !window.confirm(
        'Make a new secret? Until the receiver has the new one, it will reject deliveries.',
      )
    ) {
      return
    }
    setIsBusy(true)
    const answer = await postJson<{ secret: string }>({ url: `/api/webhooks/${id}/rotate-secret` })
    setIsBusy(false)
    if (!answer.ok) {
      toast.error(answer.message)
      return
    }
    setSecret(answer.data.secret)
    toast.success('New secret made: copy it now, it is not shown again.')
  }

  const copy = async () => {
    if (!secret) return
    try {
      await navigator.clipboard.writeText(secret)
      toast.success('Secret copied.')
    } catch {
      input.current?.select()
      toast.error('Could not copy: the secret is selected, copy it with Ctrl+C (⌘C).')
    }
  }

  return (
    <div className="field-type webhook-secret" style={styles.control}>
      <div style={styles.heading}>
        <FieldLabel as="h3" label="Signing secret" />
      </div>
      {secret ? (
        <>
          <div className="field-type text read-only">
            <FieldLabel htmlFor="webhook-secret-value" label="New secret (shown once)" />
            <input
              id="webhook-secret-value"
              onFocus={(event) => event.target.select()}
              readOnly
              ref={input}
              style={styles.secret}
              type="text"
              value={secret}
            />
          </div>
          <div style={styles.row}>
            <Button
              buttonStyle="primary"
              id="webhook-secret-copy"
              margin={false}
              onClick={() => void copy()}
              size="medium"
            >
              Copy secret
            </Button>
          </div>
        </>
      ) : (
        <>
          <p className="field-description" style={styles.note}>
            <code style={styles.secret}>{hint ?? 'whsec_…'}</code>: the whole secret is shown only
            when it is made, in the API answer that creates the webhook or here.
          </p>
          <div style={styles.row}>
            <Button
              buttonStyle={lastDelivered ? 'secondary' : 'primary'}
              disabled={isBusy}
              id="webhook-secret-rotate"
              margin={false}
              onClick={() => void rotate()}
              size="medium"
            >
              Make a new secret
            </Button>
          </div>
        </>
      )}
    </div>
  )
}
