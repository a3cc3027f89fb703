import type { ServerProps } from 'payload'
import React from 'react'

import { canPublish, isStaffUser } from '../../lib/roles.ts'
import { slugs } from '../../collections/slugs.ts'

type Row = {
  collection: string
  id: number | string
  title: string
  updatedAt: string
  writer: string
}

/** How long ago, in the largest whole unit (days, hours or minutes). */
export const ageOf = ({ since, now }: { since: string; now: number }): string => {
  const minutes = Math.max(0, Math.floor((now - Date.parse(since)) / 60_000))
  if (minutes >= 60 * 24) return `${Math.floor(minutes / (60 * 24))} d`
  if (minutes >= 60) return `${Math.floor(minutes / 60)} h`
  return `${minutes} min`
}

const writerOf = (owner: unknown): string => {
  if (owner && typeof owner === 'object') {
    const user = owner as { name?: string | null; email?: string }
    return user.name || user.email || 'unknown'
  }
  return 'no owner'
}

/**
 * The dashboard's review queue (documents in review, oldest first, with their age and writer)
 * and, for editors, scheduled publishing that failed or is overdue.
 */
export const ReviewQueue = async ({ payload, user }: ServerProps) => {
  if (!isStaffUser(user)) return null
  const now = Date.now()
  const inReview: Row[] = []
  for (const collection of [slugs.posts, slugs.digests] as const) {
    const { docs } = await payload.find({
      collection,
      draft: true,
      where: { stage: { equals: 'in_review' } },
      sort: 'updatedAt',
      limit: 50,
      depth: 1,
      overrideAccess: true,
      select: { title: true, updatedAt: true, owner: true },
    })
    for (const doc of docs) {
      inReview.push({
        collection,
        id: doc.id,
        title: doc.title,
        updatedAt: doc.updatedAt,
        writer: writerOf(doc.owner),
      })
    }
  }
  inReview.sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt))

  const troubled = canPublish(user)
    ? (
        await payload.find({
          collection: slugs.jobs,
          where: {
            and: [
              { taskSlug: { equals: 'schedulePublish' } },
              { completedAt: { exists: false } },
              {
                or: [
                  { hasError: { equals: true } },
                  // Jobs run every 10 s: two minutes late means the queue is not running.
                  { waitUntil: { less_than: new Date(now - 2 * 60_000).toISOString() } },
                ],
              },
            ],
          },
          limit: 20,
          depth: 0,
          overrideAccess: true,
        })
      ).docs
    : []

  return (
    <section className="review-queue" aria-label="Review queue" style={{ marginBottom: '2rem' }}>
      <h2>Review queue</h2>
      {inReview.length === 0 ? (
        <p>Nothing is waiting for review.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Title</th>
              <th>Type</th>
              <th>Waiting</th>
              <th>Writer</th>
            </tr>
          </thead>
          <tbody>
            {inReview.map((row) => (
              <tr key={`${row.collection}:${row.id}`}>
                <td>
                  <a href={`/admin/collections/${row.collection}/${row.id}`}>{row.title}</a>
                </td>
                <td>{row.collection === slugs.posts ? 'Post' : 'Digest'}</td>
                <td>{ageOf({ since: row.updatedAt, now })}</td>
                <td>{row.writer}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {troubled.length > 0 && (
        <div className="review-queue__jobs" role="alert">
          <h3>Scheduled publishing needs attention</h3>
          <ul>
            {troubled.map((job) => (
              <li key={job.id}>
                <a href={`/admin/collections/${slugs.jobs}/${job.id}`}>
                  {job.hasError ? 'Failed' : 'Overdue'}: due{' '}
                  {new Date(String(job.waitUntil)).toLocaleString()}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}
