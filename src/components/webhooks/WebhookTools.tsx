'use client'

import {
  Button,
  DatePicker,
  FieldLabel,
  toast,
  useDocumentInfo,
  useFormFields,
} from '@payloadcms/ui'
import React, { useEffect, useRef, useState } from 'react'

import { postJson, styles } from './shared.ts'

/**
 * Under a saved webhook's fields: send it a test event, or deliver again every event since a
 * time (after the receiver was down, or switched off and fixed). The deliveries show in
 * Webhooks → Webhook deliveries.
 */
export const WebhookTools: React.FC = () => {
  const { id } = useDocumentInfo()
  const isActive = useFormFields(([fields]) => fields.active?.value !== false)
  const [since, setSince] = useState<Date | null>(null)
  const [isBusy, setIsBusy] = useState(false)
  const pickerRef = useRef<HTMLDivElement>(null)
  // Payload's DatePicker gives its id to a wrapper, not to the input: name the input by the
  // label above it, and the icon-only clear button by what it does.
  useEffect(() => {
    pickerRef.current
      ?.querySelector('input')
      ?.setAttribute('aria-labelledby', 'webhook-replay-since-label')
    pickerRef.current
      ?.querySelector('.date-time-picker__clear-button')
      ?.setAttribute('aria-label', 'Clear the date and time')
  }, [since, id])
  if (!id) return null

  const run = async (url: string, body?: unknown) => {
    setIsBusy(true)
    const answer = await postJson<{ message: string }>({ url, body })
    setIsBusy(false)
    if (answer.ok) toast.success(answer.data.message)
    else toast.error(answer.message)
  }

  return (
    <div className="field-type webhook-tools" style={styles.control}>
      <div style={styles.heading}>
        <FieldLabel as="h3" label="Test and replay" />
      </div>
      {!isActive && (
        <p className="field-description" style={styles.note}>
          This webhook is switched off: tick “active” and save before testing or replaying.
        </p>
      )}
      <div style={styles.row}>
        <Button
          buttonStyle="secondary"
          disabled={isBusy || !isActive}
          id="webhook-send-test"
          margin={false}
          onClick={() => void run(`/api/webhooks/${id}/test`)}
          size="medium"
        >
          Send a test event
        </Button>
      </div>
      <div style={styles.row}>
        <div ref={pickerRef} style={{ minWidth: 'min(100%, 16rem)' }}>
          <span id="webhook-replay-since-label">
            <FieldLabel label="Deliver again every event since" />
          </span>
          <DatePicker
            id="webhook-replay-since"
            onChange={(value) => setSince(value ?? null)}
            pickerAppearance="dayAndTime"
            value={since ?? undefined}
          />
        </div>
        <Button
          buttonStyle="secondary"
          disabled={isBusy || !isActive || !since}
          id="webhook-replay"
          margin={false}
          onClick={() => void run(`/api/webhooks/${id}/replay`, { since: since?.toISOString() })}
          size="medium"
        >
          Replay
        </Button>
      </div>
    </div>
  )
}
