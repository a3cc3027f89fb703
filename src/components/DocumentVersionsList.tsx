'use client'

import {
  Link,
  LoadingOverlayToggle,
  Pagination,
  PerPage,
  Pill,
  Table,
  useListQuery,
  useTranslation,
} from '@payloadcms/ui'
import type { Column } from 'payload'
import React from 'react'

import { formatDateTime } from '../../lib/dates.ts'
import type { VersionStatus } from '../../lib/versions.ts'

/** Payload's page sizes when the collection names none. */
const DEFAULT_PAGE_SIZES = [5, 10, 25, 50, 100]

/** When a version was saved, linking to it (as Payload's own versions list does). */
export const VersionDateCell: React.FC<{ href: string; updatedAt: string }> = ({
  href,
  updatedAt,
}) => (
  <Link href={href} prefetch={false}>
    {formatDateTime(updatedAt)}
  </Link>
)

/** The version's status as Payload shows it: a pill, and "Autosave" for autosaved versions. */
export const VersionStatusCell: React.FC<{ status: VersionStatus; isAutosave: boolean }> = ({
  status,
  isAutosave,
}) => {
  const { t } = useTranslation()
  return (
    <div className="autosave-cell__items">
      {isAutosave && <Pill size="small">{t('version:autosave')}</Pill>}
      <Pill size="small" pillStyle={status === 'currentlyPublished' ? 'success' : 'light'}>
        {t(`version:${status}`)}
      </Pill>
    </div>
  )
}

/**
 * The table, pagination and page size of a document's versions; the rows and their cells come
 * rendered from the server (DocumentVersions.tsx). Payload's VersionsViewClient, which is not
 * exported, with the same parts and classes.
 */
export const DocumentVersionsList: React.FC<{
  columns: Column[]
  paginationLimits?: number[]
}> = ({ columns, paginationLimits }) => {
  const { data, handlePageChange, handlePerPageChange } = useListQuery()
  const { i18n } = useTranslation()
  const total = data?.totalDocs ?? 0
  return (
    <>
      <LoadingOverlayToggle name="versions" show={!data} />
      {total === 0 && (
        <div className="versions__no-versions">{i18n.t('version:noFurtherVersionsFound')}</div>
      )}
      {data && total > 0 && (
        <>
          <Table columns={columns} data={data.docs} />
          <div className="versions__page-controls">
            <Pagination
              hasNextPage={data.hasNextPage}
              hasPrevPage={data.hasPrevPage}
              limit={data.limit}
              nextPage={data.nextPage ?? undefined}
              numberOfNeighbors={1}
              onChange={(page) => void handlePageChange?.(page)}
              page={data.page}
              prevPage={data.prevPage ?? undefined}
              totalPages={data.totalPages}
            />
            <div className="versions__page-info">
              {(data.page ?? 1) * data.limit - (data.limit - 1)}-
              {data.totalPages > 1 && data.totalPages !== data.page
                ? data.limit * (data.page ?? 1)
                : total}{' '}
              {i18n.t('general:of')} {total}
            </div>
            <PerPage
              handleChange={(limit) => void handlePerPageChange?.(limit)}
              limit={data.limit}
              limits={paginationLimits ?? DEFAULT_PAGE_SIZES}
            />
          </div>
        </>
      )}
    </>
  )
}
