'use client'

import {
  Button,
  Drawer,
  FieldLabel,
  useAllFormFields,
  useConfig,
  useDocumentInfo,
  useFormModified,
  useModal,
} from '@payloadcms/ui'
import React, { useEffect, useMemo, useState } from 'react'

import { slugs } from '../../../collections/slugs.ts'
import { unpublishedLinks, type UnpublishedLink } from '../../../lib/digestBuilder.ts'
import type { RenderedEmail } from '../../../lib/digestEmail.ts'
import { idOf } from '../../../lib/values.ts'
import './digestBuilder.scss'

const DRAWER_SLUG = 'digest-email-preview'
const baseClass = 'digest-email-control'

const STATUS_LABELS: Record<string, string> = { draft: 'draft', trashed: 'in the trash' }

/** The ids of the posts the form's items link, in item order. */
const useLinkedPostIds = (): string[] => {
  const [fields] = useAllFormFields()
  return useMemo(
    () =>
      Object.entries(fields)
        .filter(([path]) => /^items\.\d+\.post$/.test(path))
        .sort(([a], [b]) => Number(a.split('.')[1]) - Number(b.split('.')[1]))
        .map(([, field]) => idOf(field.value))
        .filter((id) => typeof id === 'number' || (typeof id === 'string' && id !== ''))
        .map(String),
    [fields],
  )
}

/** The linked posts that are not published, read again whenever the linked posts change. */
const useUnpublishedLinks = ({ api, ids }: { api: string; ids: string[] }) => {
  const [found, setFound] = useState<UnpublishedLink[]>([])
  const key = ids.join(',')
  useEffect(() => {
    if (key === '') {
      setFound([])
      return
    }
    const controller = new AbortController()
    const unique = [...new Set(key.split(','))]
    const query = new URLSearchParams({
      depth: '0',
      trash: 'true',
      limit: String(unique.length),
      'select[title]': 'true',
      'select[_status]': 'true',
      'select[deletedAt]': 'true',
    })
    unique.forEach((id, index) => query.append(`where[id][in][${index}]`, id))
    fetch(`${api}/${slugs.posts}?${query}`, { credentials: 'include', signal: controller.signal })
      .then((response) => (response.ok ? response.json() : { docs: [] }))
      .then((body: { docs?: Parameters<typeof unpublishedLinks>[0] }) =>
        setFound(unpublishedLinks(body.docs ?? [])),
      )
      .catch(() => undefined)
    return () => controller.abort()
  }, [api, key])
  return found
}

/**
 * The digest edit view's sidebar control: a warning naming each linked post that is not
 * published (readers would find no page behind it), and the email preview: the HTML the export
 * gives, in a sandboxed frame, with a switch to its plain-text part and the message to download.
 */
export const DigestEmailControl: React.FC = () => {
  const { id } = useDocumentInfo()
  const isModified = useFormModified()
  const {
    config: {
      routes: { admin, api },
    },
  } = useConfig()
  const { openModal } = useModal()
  const unpublished = useUnpublishedLinks({ api, ids: useLinkedPostIds() })
  const [email, setEmail] = useState<RenderedEmail | null>(null)
  const [part, setPart] = useState<'html' | 'text'>('html')
  const [error, setError] = useState<string | null>(null)

  const emailUrl = (format: string) => `${api}/${slugs.digests}/${id}/email?format=${format}`

  const openPreview = async () => {
    setError(null)
    setEmail(null)
    openModal(DRAWER_SLUG)
    try {
      const response = await fetch(emailUrl('json'), { credentials: 'include' })
      if (!response.ok) {
        setError(`The email could not be made (${response.status}).`)
        return
      }
      setEmail((await response.json()) as RenderedEmail)
    } catch {
      setError('Could not reach the server for the email.')
    }
  }

  return (
    <div className={`field-type ${baseClass}`} style={{ marginBottom: 'var(--base)' }}>
      {unpublished.length > 0 ? (
        <div className={`${baseClass}__warning`} role="status">
          <strong>
            {unpublished.length === 1
              ? 'A linked post is not published:'
              : `${unpublished.length} linked posts are not published:`}
          </strong>
          <ul>
            {unpublished.map((post) => (
              <li key={String(post.id)}>
                <a href={`${admin}/collections/${slugs.posts}/${post.id}`}>{post.title}</a> (
                {STATUS_LABELS[post.status] ?? post.status})
              </li>
            ))}
          </ul>
          <span>The email and the site leave these items without a link until they are.</span>
        </div>
      ) : null}
      <FieldLabel as="h3" label="Email" />
      {id ? (
        <>
          <div className={`${baseClass}__row`}>
            <Button
              buttonStyle="secondary"
              id="digest-email-preview"
              margin={false}
              onClick={() => void openPreview()}
              size="medium"
            >
              Preview email
            </Button>
            <Button
              buttonStyle="subtle"
              el="anchor"
              id="digest-email-download"
              margin={false}
              size="medium"
              url={emailUrl('eml')}
            >
              Download .eml
            </Button>
          </div>
          {isModified ? (
            <p className="field-description">Unsaved changes are not in the email: save first.</p>
          ) : null}
        </>
      ) : (
        <p className="field-description">Save the digest to preview it as an email.</p>
      )}
      <Drawer slug={DRAWER_SLUG} title="Email preview">
        <div className={`${baseClass}__drawer`}>
          <div className={`${baseClass}__toolbar`} role="group" aria-label="Part of the email">
            <Button
              buttonStyle={part === 'html' ? 'primary' : 'secondary'}
              extraButtonProps={{ 'aria-pressed': part === 'html' }}
              id="digest-email-html"
              margin={false}
              onClick={() => setPart('html')}
              size="small"
            >
              HTML
            </Button>
            <Button
              buttonStyle={part === 'text' ? 'primary' : 'secondary'}
              extraButtonProps={{ 'aria-pressed': part === 'text' }}
              id="digest-email-text"
              margin={false}
              onClick={() => setPart('text')}
              size="small"
            >
              Plain text
            </Button>
            {email ? (
              <span className={`${baseClass}__subject`}>
                Subject: <strong>{email.subject}</strong>
              </span>
            ) : null}
          </div>
          {error ? (
            <p className="digest-builder__error" role="alert">
              {error}
            </p>
          ) : null}
          {!email && !error ? <p>Making the email…</p> : null}
          {email && part === 'html' ? (
            <iframe
              className={`${baseClass}__frame`}
              id="digest-email-frame"
              // No scripts, no forms, no navigation of this page: the email is shown, nothing more.
              sandbox=""
              srcDoc={email.html}
              title="The email as HTML"
            />
          ) : null}
          {email && part === 'text' ? (
            <pre className={`${baseClass}__text`} id="digest-email-plain" tabIndex={0}>
              {email.text}
            </pre>
          ) : null}
        </div>
      </Drawer>
    </div>
  )
}
