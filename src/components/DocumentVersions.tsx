import { Gutter, ListQueryProvider, SetDocumentStepNav, SortColumn } from '@payloadcms/ui'
import { notFound } from 'next/navigation.js'
import type { Column, DocumentViewServerProps, PaginatedDocs, PayloadRequest, Where } from 'payload'
import { formatAdminURL } from 'payload/shared'
import React from 'react'

import { slugs } from '../../collections/slugs.ts'
import { idOf } from '../../lib/values.ts'
import { personLabel, versionStatus, type Person, type VersionRow } from '../../lib/versions.ts'
import { isStage, STAGE_LABELS } from '../../lib/workflow.ts'
import {
  DocumentVersionsList,
  VersionDateCell,
  VersionStatusCell,
} from './DocumentVersionsList.tsx'

type VersionDoc = VersionRow & {
  updatedAt: string
  autosave?: boolean
  version: VersionRow['version'] & { stage?: unknown; lastEditedBy?: unknown }
}

/** A relationship's id (populated or not), or null when there is none. */
const relatedId = (value: unknown): number | string | null => {
  const id = idOf(value)
  return typeof id === 'number' || typeof id === 'string' ? id : null
}

/** A positive whole number from a query parameter, else undefined. */
const positiveInteger = (value: unknown): number | undefined => {
  const number = Number(value)
  return Number.isInteger(number) && number > 0 ? number : undefined
}

/**
 * Who saved the versions on this page, by id: name, else email. Read with access overridden,
 * since contributors may read only their own account, and only these two fields: staff already
 * see every actor's name in the workflow history (workflow-events.userName).
 */
const peopleById = async ({
  req,
  ids,
}: {
  req: PayloadRequest
  ids: (number | string)[]
}): Promise<Map<string, string>> => {
  if (ids.length === 0) return new Map()
  const { docs } = await req.payload.find({
    collection: slugs.users,
    where: { id: { in: ids } },
    select: { name: true, email: true },
    depth: 0,
    limit: ids.length,
    pagination: false,
    overrideAccess: true,
    req,
  })
  return new Map(
    (docs as (Person & { id: number | string })[]).map((person) => [
      String(person.id),
      personLabel(person) ?? `#${person.id}`,
    ]),
  )
}

/**
 * A post's or digest's versions (`/admin/collections/:slug/:id/versions`): Payload's versions
 * list (when, status, version ID) with who saved each version and the workflow stage it was in.
 * Payload 3.90.2 builds that list's columns in code nobody can configure or import
 * (`@payloadcms/next` views/Versions/buildColumns.js), so this view does the same with Payload's
 * exported parts: the same queries, table, pagination, classes and translations.
 */
export const DocumentVersions = async ({
  initPageResult: { collectionConfig, docID, req },
  routeSegments,
  searchParams,
  hasPublishedDoc,
}: DocumentViewServerProps) => {
  if (!collectionConfig || docID === undefined) return notFound()
  const collection = collectionConfig.slug as typeof slugs.posts
  const { user, i18n, t } = req
  const isTrashed = routeSegments[2] === 'trash'
  const pagination = collectionConfig.admin.pagination
  const limit = positiveInteger(searchParams?.limit) ?? pagination?.defaultLimit ?? 10
  const page = positiveInteger(searchParams?.page)
  const sort = typeof searchParams?.sort === 'string' ? searchParams.sort : undefined
  const ofThisDoc: Where = { parent: { equals: docID } }
  const latest = (status: 'draft' | 'published') =>
    req.payload
      .findVersions({
        collection,
        where: { and: [ofThisDoc, { 'version._status': { equals: status } }] },
        select: { id: true, updatedAt: true, version: { _status: true, updatedAt: true } },
        sort: '-updatedAt',
        limit: 1,
        depth: 0,
        draft: true,
        overrideAccess: false,
        user,
        req,
      })
      .then(({ docs }) => (docs[0] as VersionRow | undefined) ?? null)

  let versions: PaginatedDocs<VersionDoc>
  try {
    versions = await req.payload.findVersions({
      collection,
      where: ofThisDoc,
      limit,
      page,
      sort,
      depth: 0,
      overrideAccess: false,
      user,
      req,
    })
  } catch (err) {
    req.payload.logger.error({ err, msg: `versions of ${collection} ${docID}` })
    return notFound()
  }
  const [currentlyPublished, latestDraft] = await Promise.all([
    hasPublishedDoc ? latest('published') : null,
    latest('draft'),
  ])
  const editorIds = [
    ...new Set(versions.docs.map((doc) => relatedId(doc.version?.lastEditedBy))),
  ].filter((id) => id !== null)
  const people = await peopleById({ req, ids: editorIds })

  const adminRoute = req.payload.config.routes.admin
  const versionHref = (id: number | string) =>
    formatAdminURL({
      adminRoute,
      path: `/collections/${collection}/${isTrashed ? 'trash/' : ''}${docID}/versions/${id}`,
    })
  const heading = (label: string, name: string, isSortable = false) => (
    <SortColumn Label={label} name={name} disable={!isSortable} />
  )
  const columns: Column[] = [
    {
      accessor: 'updatedAt',
      active: true,
      field: { name: '', type: 'date' },
      Heading: heading(t('general:updatedAt'), 'updatedAt', true),
      renderedCells: versions.docs.map((doc) => (
        <VersionDateCell key={doc.id} href={versionHref(doc.id)} updatedAt={doc.updatedAt} />
      )),
    },
    {
      accessor: 'lastEditedBy',
      active: true,
      field: { name: '', type: 'text' },
      Heading: heading('Saved by', 'lastEditedBy'),
      renderedCells: versions.docs.map((doc) => {
        const id = relatedId(doc.version?.lastEditedBy)
        return (
          <span key={doc.id} className="version-saved-by">
            {id === null ? '—' : (people.get(String(id)) ?? 'Deleted user')}
          </span>
        )
      }),
    },
    {
      accessor: 'stage',
      active: true,
      field: { name: '', type: 'text' },
      Heading: heading('Stage', 'stage'),
      renderedCells: versions.docs.map((doc) => {
        const stage = doc.version?.stage
        return (
          <span key={doc.id} className="version-stage">
            {isStage(stage) ? STAGE_LABELS[stage] : '—'}
          </span>
        )
      }),
    },
    {
      accessor: '_status',
      active: true,
      field: { name: '', type: 'checkbox' },
      Heading: heading(t('version:status'), 'status'),
      renderedCells: versions.docs.map((doc) => (
        <VersionStatusCell
          key={doc.id}
          isAutosave={Boolean(doc.autosave)}
          status={versionStatus({ version: doc, currentlyPublished, latestDraft })}
        />
      )),
    },
    {
      accessor: 'id',
      active: true,
      field: { name: '', type: 'text' },
      Heading: heading(t('version:versionID'), 'id'),
      renderedCells: versions.docs.map((doc) => <span key={doc.id}>{doc.id}</span>),
    },
  ]
  const plural = collectionConfig.labels.plural
  return (
    <>
      <SetDocumentStepNav
        collectionSlug={collection}
        id={docID}
        isTrashed={isTrashed}
        pluralLabel={typeof plural === 'function' ? plural({ i18n, t }) : plural}
        useAsTitle={collectionConfig.admin.useAsTitle}
        view={i18n.t('version:versions')}
      />
      <main className="versions">
        <Gutter className="versions__wrap">
          <ListQueryProvider data={versions} modifySearchParams query={{ limit, sort }}>
            <DocumentVersionsList columns={columns} paginationLimits={pagination?.limits} />
          </ListQueryProvider>
        </Gutter>
      </main>
    </>
  )
}
