'use client'

import { Banner, useField } from '@payloadcms/ui'
import React from 'react'

import { findChatPasteArtefacts } from '../../lib/chatPaste.ts'

/**
 * Under a text field: warns, as the seed import does, when the text holds what a messenger adds
 * to a copied message (`Anne Anne, [13.03.19 11:20]`, lib/chatPaste.ts). Checked as the editor
 * types, so the warning goes once the artefact is removed.
 */
export const ChatPasteWarning: React.FC = () => {
  const { value } = useField<string>()
  const artefacts = findChatPasteArtefacts(typeof value === 'string' ? value : '')
  if (artefacts.length === 0) return null
  return (
    <div role="alert" className="chat-paste-warning" style={{ marginTop: 'calc(var(--base) / 2)' }}>
      <Banner type="warning">
        Looks like text pasted from a chat, with the sender and time it was sent:{' '}
        {artefacts.map((artefact, index) => (
          <React.Fragment key={artefact.index}>
            {index > 0 ? ', ' : ''}
            <q>{artefact.text}</q>
          </React.Fragment>
        ))}
        . Remove it unless it belongs in the text.
      </Banner>
    </div>
  )
}
