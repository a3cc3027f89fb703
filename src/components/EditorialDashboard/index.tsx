import type { ServerProps } from 'payload'
import React from 'react'

import { formatDateTime, formatRelative, timeZoneName } from '../../../lib/dates.ts'
import { scheduleState } from '../../../lib/dashboard.ts'
import { slugs } from '../../../collections/slugs.ts'
import { isStaffUser } from '../../../lib/roles.ts'
import {
  describeWorkflowEvent,
  SCHEDULE_LABELS,
  STAGE_LABELS,
  STAGE_TONES,
  type ScheduleType,
  type Stage,
} from '../../../lib/workflow.ts'
import {
  loadDashboard,
  type ActivityRow,
  type CollectionCounts,
  type DashboardData,
  type ListLink,
  type QueueRow,
  type ScheduleRow,
  type Section,
  type SwitchedOffWebhook,
  type WorkRow,
} from './data.ts'
import { UnreadNotifications } from '../Notifications/UnreadNotifications.tsx'
import './dashboard.scss'

const baseClass = 'editorial-dashboard'

/** "6 Dec 2026, 14:00 UTC": a date and time on the server, with the zone it is written in. */
const absolute = (value: string): string =>
  `${formatDateTime(value)} ${timeZoneName(new Date(value))}`

/** Payload's Pill markup (its styles ship with the admin), rendered on the server. */
const Pill = ({ tone, children }: { tone: string; children: React.ReactNode }) => (
  <span className={`pill pill--style-${tone} pill--size-small ${baseClass}__pill`}>
    <span className="pill__label">{children}</span>
  </span>
)

const StagePill = ({ stage }: { stage: Stage }) => (
  <Pill tone={STAGE_TONES[stage]}>{STAGE_LABELS[stage]}</Pill>
)

const SCHEDULE_TONES: Record<ScheduleType, string> = { publish: 'success', unpublish: 'warning' }

/** "3 hours ago", with the date and time (and zone) on hover. */
const Ago = ({ value, now }: { value: string; now: number }) => (
  <time dateTime={value} title={absolute(value)}>
    {formatRelative({ value, now })}
  </time>
)

/** "6 Dec 2026, 14:00 UTC (in 2 days)". */
const When = ({ value, now }: { value: string; now: number }) => (
  <>
    <time dateTime={value}>{absolute(value)}</time> ({formatRelative({ value, now })})
  </>
)

const Muted = ({ children }: { children: React.ReactNode }) => (
  <span className={`${baseClass}__muted`}>{children}</span>
)

const Empty = ({ children }: { children: React.ReactNode }) => (
  <p className={`${baseClass}__empty`}>{children}</p>
)

const NotLoaded = () => (
  <Empty>
    This section could not be loaded (the server log says why). Reload the page to retry.
  </Empty>
)

/** A dashboard section: a card with a heading, a one-line hint and its content. */
const Panel = ({
  name,
  title,
  hint,
  tone,
  children,
}: {
  name: string
  title: string
  hint?: string
  tone?: 'error'
  children: React.ReactNode
}) => (
  <section
    className={['card', `${baseClass}__panel`, tone ? `${baseClass}__panel--${tone}` : '']
      .filter(Boolean)
      .join(' ')}
    aria-labelledby={`${baseClass}-${name}`}
    data-section={name}
  >
    <h2 className={`${baseClass}__heading`} id={`${baseClass}-${name}`}>
      {title}
    </h2>
    {hint ? <p className={`${baseClass}__hint`}>{hint}</p> : null}
    {children}
  </section>
)

/** Links to the full filtered lists, under a list that shows only its first rows. */
const MoreLinks = ({ shown, total, lists }: { shown: number; total: number; lists: ListLink[] }) =>
  lists.length > 0 ? (
    <p className={`${baseClass}__more`}>
      {total > shown ? `${shown} of ${total} shown. ` : null}
      {lists.map((list, index) => (
        <React.Fragment key={list.href}>
          {index > 0 ? ' · ' : null}
          <a href={list.href}>{list.label}</a>
        </React.Fragment>
      ))}
    </p>
  ) : null

const CountsPanel = ({
  group,
  seesEverything,
}: {
  group: CollectionCounts
  seesEverything: boolean
}) => (
  <section
    className={`card ${baseClass}__panel`}
    aria-labelledby={`${baseClass}-counts-${group.collection}`}
    data-section={`counts-${group.collection}`}
  >
    <h2 className={`${baseClass}__heading`} id={`${baseClass}-counts-${group.collection}`}>
      <a href={group.href}>{group.plural}</a>{' '}
      <Muted>
        {group.total} {seesEverything ? 'in all' : 'you can see'}
      </Muted>
    </h2>
    <ul className={`${baseClass}__counts`}>
      {group.stages.map(({ stage, count, href }) => (
        <li key={stage}>
          <a
            className={`${baseClass}__count`}
            href={href}
            data-collection={group.collection}
            data-stage={stage}
          >
            <span className={`${baseClass}__count-number`}>{count}</span>
            <StagePill stage={stage} />
            <span className={`${baseClass}__visually-hidden`}> {group.plural.toLowerCase()}</span>
          </a>
        </li>
      ))}
    </ul>
  </section>
)

const MyWork = ({ section, now }: { section: DashboardData['myWork']; now: number }) => (
  <Panel
    name="my-work"
    title="My work"
    hint="Sent back to you, your drafts and what you submitted, for documents you own."
  >
    {!section.isLoaded ? (
      <NotLoaded />
    ) : section.value.rows.length === 0 ? (
      <Empty>
        Nothing of yours is in progress. Drafts you create, or that an editor assigns to you, appear
        here.
      </Empty>
    ) : (
      <>
        <ul className={`${baseClass}__rows`}>
          {section.value.rows.map((row: WorkRow) => (
            <li className={`${baseClass}__row`} key={`${row.collection}:${row.id}`}>
              <a className={`${baseClass}__title`} href={row.href}>
                {row.title}
              </a>
              <span className={`${baseClass}__meta`}>
                <StagePill stage={row.stage} />
                <Muted>
                  {row.collection === 'digests' ? 'Digest' : 'Post'} · changed{' '}
                  <Ago value={row.changedAt} now={now} />
                </Muted>
              </span>
            </li>
          ))}
        </ul>
        <MoreLinks
          shown={section.value.rows.length}
          total={section.value.total}
          lists={section.value.lists}
        />
      </>
    )}
  </Panel>
)

const ReviewQueue = ({
  section,
  now,
  seesEverything,
}: {
  section: DashboardData['reviewQueue']
  now: number
  seesEverything: boolean
}) => (
  <Panel
    name="review-queue"
    title="Review queue"
    hint={
      seesEverything
        ? 'Submitted for review, the longest waiting first.'
        : 'Your documents waiting for an editor, the longest waiting first.'
    }
  >
    {!section.isLoaded ? (
      <NotLoaded />
    ) : section.value.rows.length === 0 ? (
      <Empty>
        {seesEverything
          ? 'Nothing is waiting for review.'
          : 'None of your documents is waiting for review.'}
      </Empty>
    ) : (
      <>
        <ul className={`${baseClass}__rows`}>
          {section.value.rows.map((row: QueueRow) => (
            <li className={`${baseClass}__row`} key={`${row.collection}:${row.id}`}>
              <a className={`${baseClass}__title`} href={row.href}>
                {row.title}
              </a>
              <span className={`${baseClass}__meta`}>
                <Muted>
                  {row.collection === 'digests' ? 'Digest' : 'Post'} by{' '}
                  <span className={`${baseClass}__writer`}>{row.writer ?? 'no owner yet'}</span> ·
                  waiting since <Ago value={row.waitingSince} now={now} />
                </Muted>
              </span>
            </li>
          ))}
        </ul>
        <MoreLinks
          shown={section.value.rows.length}
          total={section.value.total}
          lists={section.value.lists}
        />
      </>
    )}
  </Panel>
)

const ScheduleItem = ({ row, now }: { row: ScheduleRow; now: number }) => {
  const state = scheduleState({ at: row.at, hasError: row.hasError, now })
  return (
    <li className={`${baseClass}__row`} data-state={state}>
      <span className={`${baseClass}__line`}>
        {state === 'failed' ? (
          <Pill tone="error">Failed</Pill>
        ) : state === 'overdue' ? (
          <Pill tone="warning">Overdue</Pill>
        ) : null}
        <Pill tone={SCHEDULE_TONES[row.type]}>{SCHEDULE_LABELS[row.type]}</Pill>
        <a className={`${baseClass}__title`} href={row.doc.href}>
          {row.doc.title}
        </a>
      </span>
      <span className={`${baseClass}__meta`}>
        <Muted>
          {state === 'upcoming' ? 'at' : 'due'} <When value={row.at} now={now} />
          {row.scheduledBy ? ` · scheduled by ${row.scheduledBy}` : null}
          {row.hasError ? (
            <>
              {' · '}
              <a href={row.jobHref}>see the error</a>
            </>
          ) : null}
        </Muted>
      </span>
    </li>
  )
}

const NeedsAttention = ({
  section,
  now,
}: {
  section: NonNullable<DashboardData['schedules']>
  now: number
}) => {
  const rows = section.isLoaded ? section.value.needsAttention : []
  return (
    <Panel
      name="needs-attention"
      title="Needs attention"
      hint="Scheduled publishing that failed, or is more than two minutes late."
      tone={rows.length > 0 ? 'error' : undefined}
    >
      {!section.isLoaded ? (
        <NotLoaded />
      ) : rows.length === 0 ? (
        <Empty>Nothing failed: every scheduled publish and unpublish ran on time.</Empty>
      ) : (
        <ul className={`${baseClass}__rows`}>
          {rows.map((row) => (
            <ScheduleItem key={row.id} row={row} now={now} />
          ))}
        </ul>
      )}
    </Panel>
  )
}

/** Admins only, and only when there is one: webhooks the CMS switched off, with why. */
const SwitchedOffWebhooks = ({ section }: { section: Section<SwitchedOffWebhook[]> }) => {
  if (section.isLoaded && section.value.length === 0) return null
  return (
    <Panel
      name="webhooks"
      title="Webhooks switched off"
      hint="Their deliveries kept failing for a day. Fix the receiver, tick “active” again, and replay what it missed."
      tone="error"
    >
      {!section.isLoaded ? (
        <NotLoaded />
      ) : (
        <ul className={`${baseClass}__rows`}>
          {section.value.map((webhook) => (
            <li key={webhook.id} className={`${baseClass}__row`}>
              <a className={`${baseClass}__title`} href={webhook.href}>
                {webhook.name}
              </a>
              <span className={`${baseClass}__meta`}>
                <Muted>
                  {webhook.at ? `Switched off ${absolute(webhook.at)}` : 'Switched off'}
                  {webhook.reason ? ` · ${webhook.reason}` : null}
                </Muted>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  )
}

const UpcomingSchedules = ({
  section,
  now,
}: {
  section: NonNullable<DashboardData['schedules']>
  now: number
}) => (
  <Panel
    name="upcoming"
    title="Upcoming schedules"
    hint="The next scheduled publishes and unpublishes."
  >
    {!section.isLoaded ? (
      <NotLoaded />
    ) : section.value.upcoming.length === 0 ? (
      <Empty>Nothing is scheduled. Schedule a step from a document&apos;s workflow panel.</Empty>
    ) : (
      <ul className={`${baseClass}__rows`}>
        {section.value.upcoming.map((row) => (
          <ScheduleItem key={row.id} row={row} now={now} />
        ))}
      </ul>
    )}
  </Panel>
)

const Activity = ({
  section,
  now,
  seesEverything,
}: {
  section: Section<ActivityRow[]>
  now: number
  seesEverything: boolean
}) => (
  <Panel
    name="activity"
    title="Recent activity"
    hint={
      seesEverything ? 'The latest workflow steps.' : 'The latest workflow steps on your documents.'
    }
  >
    {!section.isLoaded ? (
      <NotLoaded />
    ) : section.value.length === 0 ? (
      <Empty>
        {seesEverything
          ? 'No workflow activity yet: submissions, reviews and publishing appear here.'
          : 'No activity on your documents yet.'}
      </Empty>
    ) : (
      <ul className={`${baseClass}__rows`}>
        {section.value.map((row) => (
          <li className={`${baseClass}__row`} key={row.id}>
            <span className={`${baseClass}__line`}>
              <span className={`${baseClass}__what`}>
                {describeWorkflowEvent({ event: row.event, formatWhen: absolute })}
              </span>
              {row.href ? (
                <a className={`${baseClass}__title`} href={row.href}>
                  {row.title}
                </a>
              ) : (
                <span className={`${baseClass}__title`}>{row.title}</span>
              )}
            </span>
            <span className={`${baseClass}__meta`}>
              <Muted>
                {row.who ?? 'the system'} · <Ago value={row.at} now={now} />
              </Muted>
            </span>
            {row.note ? <q className={`${baseClass}__note`}>{row.note}</q> : null}
          </li>
        ))}
      </ul>
    )}
  </Panel>
)

/**
 * The dashboard for the data `loadDashboard` read; with `notificationsApi`, the signed-in user's
 * unread notifications first (read in the browser, in step with the header's bell).
 */
export const DashboardView = ({
  data,
  notificationsApi,
}: {
  data: DashboardData
  /** The REST API's path when the notifications plugin is installed, else undefined. */
  notificationsApi?: string
}) => {
  const { now, seesEverything, counts, myWork, reviewQueue, schedules, activity } = data
  const webhooks = data.switchedOffWebhooks
  const queue = <ReviewQueue section={reviewQueue} now={now} seesEverything={seesEverything} />
  const mine = <MyWork section={myWork} now={now} />
  // A failed or overdue schedule goes first, above the counts; otherwise it sits by the schedules.
  const isUrgent = schedules?.isLoaded === true && schedules.value.needsAttention.length > 0
  const attention = schedules ? <NeedsAttention section={schedules} now={now} /> : null
  return (
    <div className={baseClass}>
      {isUrgent ? attention : null}
      {webhooks ? <SwitchedOffWebhooks section={webhooks} /> : null}
      {notificationsApi ? <UnreadNotifications api={notificationsApi} /> : null}
      <div className={`${baseClass}__grid ${baseClass}__grid--counts`}>
        {counts.isLoaded ? (
          counts.value.map((group) => (
            <CountsPanel key={group.collection} group={group} seesEverything={seesEverything} />
          ))
        ) : (
          <Panel name="counts" title="Documents by stage">
            <NotLoaded />
          </Panel>
        )}
      </div>
      <div className={`${baseClass}__grid`}>
        {schedules ? (
          <>
            <div className={`${baseClass}__column`}>
              {queue}
              {mine}
            </div>
            <div className={`${baseClass}__column`}>
              {isUrgent ? null : attention}
              <UpcomingSchedules section={schedules} now={now} />
            </div>
          </>
        ) : (
          <>
            <div className={`${baseClass}__column`}>{mine}</div>
            <div className={`${baseClass}__column`}>{queue}</div>
          </>
        )}
      </div>
      <Activity section={activity} now={now} seesEverything={seesEverything} />
    </div>
  )
}

/**
 * The admin dashboard (before Payload's own widgets): documents per stage, the signed-in user's
 * work, the review queue, scheduled publishing and what needs attention in it, and the latest
 * workflow steps, all read with the user's access.
 */
export const EditorialDashboard = async ({
  payload,
  user,
}: Pick<ServerProps, 'payload' | 'user'>) => {
  if (!user || !isStaffUser(user)) return null
  const data = await loadDashboard({ payload, user: user, now: Date.now() })
  return (
    <DashboardView
      data={data}
      notificationsApi={
        payload.collections[slugs.notifications] ? payload.config.routes.api : undefined
      }
    />
  )
}
