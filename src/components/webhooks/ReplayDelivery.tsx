'use client'

import { Button, FieldLabel, toast, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useRouter } from 'next/navigation.js'
import React, { useState } from 'react'

import { postJson, styles } from './shared.ts'

/** On a delivery's page: send the same event to the same webhook again (a new delivery). */
export const ReplayDelivery: React.FC = () => {
  const { id } = useDocumentInfo()
  const router = useRouter()
  const {
    config: {
      routes: { admin },
    },
  } = useConfig()
  const [isBusy, setIsBusy] = useState(false)
  if (!id) return null

  const replay = async () => {
    setIsBusy(true)
    const answer = await postJson<{ message: string; delivery: number | string }>({
      url: `/api/webhook-deliveries/${id}/replay`,
    })
    setIsBusy(false)
    if (!answer.ok) {
      toast.error(answer.message)
      return
    }
    toast.success(answer.data.message)
    router.push(`${admin}/collections/webhook-deliveries/${answer.data.delivery}`)
  }

  return (
    <div className="field-type webhook-replay" style={styles.control}>
      <FieldLabel as="h3" label="Replay" />
      <p className="field-description" style={styles.note}>
        Sends this event again, with the same webhook-id, as a new delivery.
      </p>
      <div style={styles.row}>
        <Button
          buttonStyle="secondary"
          disabled={isBusy}
          id="webhook-delivery-replay"
          margin={false}
          onClick={() => void replay()}
          size="medium"
        >
          Replay this delivery
        </Button>
      </div>
    </div>
  )
}
