'use client'

import { Button, FieldLabel, Gutter, toast, useConfig, useStepNav } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useCallback, useEffect, useState } from 'react'

import type { Proposal } from '../../../collections/digestBuilder/proposal.ts'
import { slugs } from '../../../collections/slugs.ts'
import {
  isoDay,
  parseIsoDay,
  type DayRange,
  type ProposedGroup,
  type ProposedItem,
  type UnpublishedLink,
} from '../../../lib/digestBuilder.ts'
import { formatDate } from '../../../lib/dates.ts'
import './digestBuilder.scss'

const baseClass = 'digest-builder'

const errorMessageOf = async (response: Response): Promise<string | undefined> => {
  try {
    const body = (await response.json()) as { errors?: { message?: string }[] }
    return body.errors?.[0]?.message
  } catch {
    return undefined
  }
}

/** The same range moved by whole weeks (days keep their weekday). */
const shiftRange = (range: DayRange, weeks: number): DayRange | undefined => {
  const from = parseIsoDay(range.from)
  const to = parseIsoDay(range.to)
  if (!from || !to) return undefined
  const move = (date: Date) =>
    isoDay(new Date(date.getFullYear(), date.getMonth(), date.getDate() + weeks * 7))
  return { from: move(from), to: move(to) }
}

/** A group's items with the one at `index` moved by `by` places (or removed, with `by` null). */
const moved = (items: ProposedItem[], index: number, by: -1 | 1 | null): ProposedItem[] => {
  const next = [...items]
  const [item] = next.splice(index, 1)
  if (by !== null) next.splice(index + by, 0, item)
  return next
}

type Details = { title: string; issueNumber: string; issueDate: string }

/**
 * The digest builder: pick a week (or any range of days), get its published posts as proposed
 * items under a heading per language, reorder or drop them, check the issue's number, title and
 * date, and create the draft digest, which then opens.
 */
export const DigestBuilder: React.FC<{ initialRange: DayRange }> = ({ initialRange }) => {
  const {
    config: {
      routes: { admin, api },
    },
  } = useConfig()
  const router = useRouter()
  const { setStepNav } = useStepNav()
  const [range, setRange] = useState<DayRange>(initialRange)
  const [proposal, setProposal] = useState<Proposal | null>(null)
  const [groups, setGroups] = useState<ProposedGroup[]>([])
  const [details, setDetails] = useState<Details>({ title: '', issueNumber: '', issueDate: '' })
  const [error, setError] = useState<string | null>(null)
  const [isLoading, setIsLoading] = useState(false)
  const [isCreating, setIsCreating] = useState(false)

  useEffect(() => {
    setStepNav([
      { label: 'Digests', url: `${admin}/collections/${slugs.digests}` },
      { label: 'New digest from a week' },
    ])
  }, [admin, setStepNav])

  const propose = useCallback(
    async (wanted: DayRange) => {
      setIsLoading(true)
      setError(null)
      try {
        const query = new URLSearchParams({ from: wanted.from, to: wanted.to })
        const response = await fetch(`${api}/${slugs.digests}/proposal?${query}`, {
          credentials: 'include',
        })
        if (!response.ok) {
          setError((await errorMessageOf(response)) ?? 'Could not propose items for this range.')
          return
        }
        const next = (await response.json()) as Proposal
        setProposal(next)
        setGroups(next.groups)
        setDetails({
          title: next.title,
          issueNumber: String(next.issueNumber),
          issueDate: next.issueDate,
        })
      } catch {
        setError('Could not reach the server to propose items.')
      } finally {
        setIsLoading(false)
      }
    },
    [api],
  )

  useEffect(() => {
    void propose(initialRange)
  }, [initialRange, propose])

  const changeRange = (next: DayRange) => {
    setRange(next)
    void propose(next)
  }

  const moveItem = (groupIndex: number, itemIndex: number, by: -1 | 1 | null) =>
    setGroups((current) =>
      current
        .map((group, index) =>
          index === groupIndex ? { ...group, items: moved(group.items, itemIndex, by) } : group,
        )
        .filter((group) => group.items.length > 0),
    )

  const itemCount = groups.reduce((sum, group) => sum + group.items.length, 0)

  const create = async () => {
    setIsCreating(true)
    setError(null)
    try {
      const response = await fetch(`${api}/${slugs.digests}/build`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          title: details.title,
          issueNumber: Number(details.issueNumber),
          issueDate: details.issueDate,
          items: groups.flatMap((group) =>
            group.items.map((item) => ({
              post: item.post.id,
              source: item.source?.id ?? null,
              heading: item.heading,
              language: item.language,
            })),
          ),
        }),
      })
      if (response.status !== 201) {
        const message = (await errorMessageOf(response)) ?? 'Could not create the digest.'
        setError(message)
        toast.error(message)
        return
      }
      const made = (await response.json()) as {
        adminUrl: string
        message: string
        unpublished?: UnpublishedLink[]
      }
      toast.success(made.message)
      if (made.unpublished?.length) {
        toast.warning(
          `Not published: ${made.unpublished.map((post) => `"${post.title}"`).join(', ')}.`,
        )
      }
      router.push(made.adminUrl)
    } catch {
      setError('Could not reach the server to create the digest.')
    } finally {
      setIsCreating(false)
    }
  }

  const setDetail = (name: keyof Details) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setDetails((current) => ({ ...current, [name]: event.target.value }))

  const previous = shiftRange(range, -1)
  const following = shiftRange(range, 1)
  const canCreate =
    !isLoading && !isCreating && itemCount > 0 && details.title.trim() !== '' && proposal !== null

  return (
    <Gutter className={baseClass}>
      <header className={`${baseClass}__header`}>
        <h1>New digest from a week</h1>
        <p className={`${baseClass}__hint`}>
          Proposes the published posts of a week (or any range of days, both ends included) as the
          items of a new draft digest, under a heading per language. Reorder or remove items, check
          the issue details, then create the draft.
        </p>
      </header>

      <section className={`${baseClass}__panel`} aria-labelledby={`${baseClass}-range`}>
        <h2 id={`${baseClass}-range`} className={`${baseClass}__heading`}>
          Posts from
        </h2>
        <form
          className={`${baseClass}__range`}
          onSubmit={(event) => {
            event.preventDefault()
            changeRange(range)
          }}
        >
          <div className="field-type text">
            <FieldLabel htmlFor="digest-builder-from" label="From" />
            <input
              id="digest-builder-from"
              onChange={(event) => setRange({ ...range, from: event.target.value })}
              required
              type="date"
              value={range.from}
            />
          </div>
          <div className="field-type text">
            <FieldLabel htmlFor="digest-builder-to" label="To" />
            <input
              id="digest-builder-to"
              onChange={(event) => setRange({ ...range, to: event.target.value })}
              required
              type="date"
              value={range.to}
            />
          </div>
          <div className={`${baseClass}__range-actions`}>
            <Button
              buttonStyle="secondary"
              disabled={isLoading}
              id="digest-builder-propose"
              margin={false}
              size="medium"
              type="submit"
            >
              Propose items
            </Button>
            <Button
              buttonStyle="subtle"
              disabled={isLoading || !previous}
              id="digest-builder-previous-week"
              margin={false}
              onClick={() => previous && changeRange(previous)}
              size="medium"
            >
              Previous week
            </Button>
            <Button
              buttonStyle="subtle"
              disabled={isLoading || !following}
              id="digest-builder-next-week"
              margin={false}
              onClick={() => following && changeRange(following)}
              size="medium"
            >
              Next week
            </Button>
          </div>
        </form>
      </section>

      {error ? (
        <div className={`${baseClass}__error`} role="alert">
          {error}
        </div>
      ) : null}

      <section className={`${baseClass}__panel`} aria-labelledby={`${baseClass}-details`}>
        <h2 id={`${baseClass}-details`} className={`${baseClass}__heading`}>
          Issue
        </h2>
        <div className={`${baseClass}__details`}>
          <div className={`field-type text ${baseClass}__title`}>
            <FieldLabel htmlFor="digest-builder-title" label="Title" required />
            <input
              id="digest-builder-title"
              onChange={setDetail('title')}
              required
              type="text"
              value={details.title}
            />
          </div>
          <div className="field-type text">
            <FieldLabel htmlFor="digest-builder-issue-number" label="Issue number" />
            <input
              aria-describedby="digest-builder-issue-number-hint"
              id="digest-builder-issue-number"
              min={1}
              onChange={setDetail('issueNumber')}
              step={1}
              type="number"
              value={details.issueNumber}
            />
            <p className="field-description" id="digest-builder-issue-number-hint">
              The next free number (trashed issues keep theirs).
            </p>
          </div>
          <div className="field-type text">
            <FieldLabel htmlFor="digest-builder-issue-date" label="Issue date" />
            <input
              id="digest-builder-issue-date"
              onChange={setDetail('issueDate')}
              type="date"
              value={details.issueDate}
            />
          </div>
        </div>
      </section>

      <section
        className={`${baseClass}__panel`}
        aria-labelledby={`${baseClass}-items`}
        aria-busy={isLoading}
      >
        <h2 id={`${baseClass}-items`} className={`${baseClass}__heading`}>
          Items{' '}
          <span className={`${baseClass}__muted`}>
            {proposal
              ? `${itemCount} of ${proposal.totalPosts} published ${
                  proposal.totalPosts === 1 ? 'post' : 'posts'
                }, ${formatDate(`${proposal.from}T12:00:00`)} – ${formatDate(`${proposal.to}T12:00:00`)}`
              : ''}
          </span>
        </h2>
        {isLoading ? <p className={`${baseClass}__muted`}>Loading the range's posts…</p> : null}
        {!isLoading && proposal && itemCount === 0 ? (
          <p className={`${baseClass}__empty`}>
            {proposal.totalPosts === 0
              ? 'No published posts in this range. Choose another week.'
              : 'Every item was removed: propose the items again to start over.'}
          </p>
        ) : null}
        {proposal?.isTruncated ? (
          <p className={`${baseClass}__error`} role="alert">
            Only the first {proposal.groups.reduce((sum, group) => sum + group.items.length, 0)}{' '}
            posts are shown: choose a shorter range.
          </p>
        ) : null}
        {!isLoading
          ? groups.map((group, groupIndex) => (
              <div
                className={`${baseClass}__group`}
                data-language={group.language ?? ''}
                key={group.language ?? '-'}
              >
                <h3 className={`${baseClass}__group-heading`}>
                  {group.heading ?? 'No language set'}{' '}
                  <span className={`${baseClass}__muted`}>({group.items.length})</span>
                </h3>
                <ol className={`${baseClass}__items`}>
                  {group.items.map((item, itemIndex) => (
                    <li
                      className={`${baseClass}__item`}
                      data-post={String(item.post.id)}
                      key={String(item.post.id)}
                    >
                      <div className={`${baseClass}__item-text`}>
                        <a
                          className={`${baseClass}__item-title`}
                          dir="auto"
                          href={`${admin}/collections/${slugs.posts}/${item.post.id}`}
                          rel="noreferrer"
                          target="_blank"
                        >
                          {item.title}
                        </a>
                        {item.excerpt ? (
                          <p className={`${baseClass}__excerpt`} dir="auto">
                            {item.excerpt}
                          </p>
                        ) : null}
                        <p className={`${baseClass}__muted`}>
                          {item.post.postedAt ? `Posted ${formatDate(item.post.postedAt)}` : ''}
                          {item.source ? (
                            <>
                              {' · Source: '}
                              <a
                                href={`${admin}/collections/${slugs.sources}/${item.source.id}`}
                                rel="noreferrer"
                                target="_blank"
                              >
                                {item.source.name ?? `source ${item.source.id}`}
                              </a>
                            </>
                          ) : (
                            ' · No source'
                          )}
                        </p>
                      </div>
                      <div className={`${baseClass}__item-actions`}>
                        <Button
                          aria-label={`Move "${item.title}" up`}
                          buttonStyle="secondary"
                          className={`${baseClass}__move-up`}
                          disabled={itemIndex === 0}
                          margin={false}
                          onClick={() => moveItem(groupIndex, itemIndex, -1)}
                          size="small"
                        >
                          Up
                        </Button>
                        <Button
                          aria-label={`Move "${item.title}" down`}
                          buttonStyle="secondary"
                          className={`${baseClass}__move-down`}
                          disabled={itemIndex === group.items.length - 1}
                          margin={false}
                          onClick={() => moveItem(groupIndex, itemIndex, 1)}
                          size="small"
                        >
                          Down
                        </Button>
                        <Button
                          aria-label={`Remove "${item.title}"`}
                          buttonStyle="secondary"
                          className={`${baseClass}__remove`}
                          margin={false}
                          onClick={() => moveItem(groupIndex, itemIndex, null)}
                          size="small"
                        >
                          Remove
                        </Button>
                      </div>
                    </li>
                  ))}
                </ol>
              </div>
            ))
          : null}
      </section>

      <div className={`${baseClass}__footer`}>
        <Button
          buttonStyle="primary"
          disabled={!canCreate}
          id="digest-builder-create"
          margin={false}
          onClick={() => void create()}
          size="large"
        >
          {isCreating ? 'Creating…' : 'Create draft digest'}
        </Button>
        <span className={`${baseClass}__muted`}>
          {itemCount === 1 ? '1 item' : `${itemCount} items`}; it opens as a draft to edit.
        </span>
      </div>
    </Gutter>
  )
}
