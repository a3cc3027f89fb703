'use client'

import {
  Button,
  DatePicker,
  FieldLabel,
  Pill,
  TextareaInput,
  toast,
  useAuth,
  useConfig,
  useDocumentInfo,
  useField,
  useForm,
  useFormFields,
  useFormModified,
} from '@payloadcms/ui'
import React, { useCallback, useEffect, useRef, useState } from 'react'

import { DATE_TIME_FORMAT, formatDateTime, formatRelative, timeZoneName } from '../../lib/dates.ts'
import { roleOf } from '../../lib/roles.ts'
import {
  ACTION_LABELS,
  allowedActions,
  describeWorkflowEvent,
  isStage,
  SCHEDULE_LABELS,
  STAGE_LABELS,
  STAGE_TONES,
  type Action,
  type ScheduleType,
  type Stage,
} from '../../lib/workflow.ts'
import { idOf } from '../../lib/values.ts'
import './workflow.scss'

type HistoryEntry = {
  id: number | string
  action: Action
  from?: Stage | null
  to?: Stage | null
  note?: string | null
  createdAt: string
  userName?: string | null
  scheduleType?: ScheduleType | null
  scheduledAt?: string | null
}

type Schedule = { id: number | string; type: ScheduleType; at: string; hasError: boolean }

type Answer = { message?: string; errors?: { message: string }[]; schedules?: Schedule[] }

const baseClass = 'workflow-panel'

/** The buttons shown as steps; scheduling has its own form, cancelling sits by each schedule. */
const STEP_ACTIONS: Action[] = ['submit', 'request_changes', 'approve', 'publish', 'unpublish']

/** "Europe/Berlin (CET)": the zone the editor's times are read in. */
const zoneLabel = (): string => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  const short = timeZoneName()
  return zone && zone !== short ? `${zone}, ${short}` : short
}

/**
 * The one workflow control, in the edit view's sidebar in place of the stage field: the stage
 * as a pill, whether it is live, what is scheduled (with a way to cancel it), only the steps the
 * signed-in user may take, a date and time picker for scheduling, and the history as a
 * timeline. Publishing goes through Payload's own form submit, so unsaved edits are published
 * with it; every other step goes through `POST /api/<collection>/:id/workflow`. Both end in the
 * same collection hooks, which check the rights and write the audit trail.
 */
export const WorkflowPanel: React.FC<{ path: string }> = ({ path }) => {
  const { id, collectionSlug, hasPublishedDoc, setHasPublishedDoc, setUnpublishedVersionCount } =
    useDocumentInfo()
  const { user } = useAuth()
  const {
    config: {
      routes: { api },
    },
  } = useConfig()
  const { value, setValue } = useField<string>({ path })
  const owner = useFormFields(([fields]) => fields.owner?.value)
  const { submit } = useForm()
  const isModified = useFormModified()
  const [note, setNote] = useState('')
  const [isScheduling, setIsScheduling] = useState(false)
  const [when, setWhen] = useState<Date | undefined>()
  const [busy, setBusy] = useState<string | null>(null)
  const [history, setHistory] = useState<HistoryEntry[]>([])
  const [schedules, setSchedules] = useState<Schedule[]>([])
  const [now, setNow] = useState(() => Date.now())
  const pickerRef = useRef<HTMLDivElement>(null)

  const stage: Stage = isStage(value) ? value : 'draft'
  const actions = id
    ? allowedActions({ role: roleOf(user), isOwner: idOf(owner) === user?.id, stage })
    : []
  const steps = STEP_ACTIONS.filter(
    (action) => actions.includes(action) && (action !== 'unpublish' || hasPublishedDoc),
  )
  const canSchedule = actions.includes('schedule')
  const canCancel = actions.includes('unschedule')
  const endpoint = `${api}/${collectionSlug}/${id}/workflow`

  const load = useCallback(async () => {
    if (!id || !collectionSlug) return
    const query = new URLSearchParams({
      'where[documentKey][equals]': `${collectionSlug}:${id}`,
      sort: '-createdAt',
      limit: '50',
      depth: '0',
    })
    const [events, state] = await Promise.all([
      fetch(`${api}/workflow-events?${query.toString()}`, { credentials: 'include' }),
      fetch(endpoint, { credentials: 'include' }),
    ])
    if (events.ok) setHistory(((await events.json()) as { docs: HistoryEntry[] }).docs)
    if (state.ok) setSchedules(((await state.json()) as Answer).schedules ?? [])
    setNow(Date.now())
  }, [api, id, collectionSlug, endpoint])

  useEffect(() => {
    void load()
  }, [load])

  // Payload's DatePicker gives its id to a wrapper, not to the input: the input is named by the
  // label above it here, for screen readers (and axe's "label" rule).
  useEffect(() => {
    pickerRef.current
      ?.querySelector('input')
      ?.setAttribute('aria-labelledby', `${baseClass}-when-label`)
    // Its clear button is an icon alone.
    pickerRef.current
      ?.querySelector('.date-time-picker__clear-button')
      ?.setAttribute('aria-label', 'Clear the date and time')
  }, [isScheduling, when])

  // Relative times ("3 minutes ago") stay true while the page is open.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000)
    return () => clearInterval(timer)
  }, [])

  const post = async (body: Record<string, unknown>): Promise<Answer | null> => {
    const response = await fetch(endpoint, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    const answer = (await response.json().catch(() => ({}))) as Answer
    if (!response.ok) {
      toast.error(answer.errors?.[0]?.message ?? 'The step could not be taken.')
      return null
    }
    return answer
  }

  const publish = async () => {
    // Payload's own publish: the form's unsaved edits go live with it.
    const result = await submit({
      action: `${api}/${collectionSlug}/${id}?depth=0`,
      method: 'PATCH',
      overrides: { _status: 'published', workflowNote: note.trim() || undefined },
    })
    if (result) {
      setHasPublishedDoc(true)
      setUnpublishedVersionCount(0)
      return true
    }
    return false
  }

  const take = async (action: Action) => {
    if (action === 'request_changes' && !note.trim()) {
      toast.error('Write a note for the writer before requesting changes.')
      return
    }
    setBusy(action)
    try {
      if (action === 'publish') {
        if (await publish()) setNote('')
        return
      }
      const answer = await post({ action, note: note.trim() || undefined })
      if (!answer) return
      const next = (answer as { doc?: { stage?: string } }).doc?.stage
      if (isStage(next)) setValue(next, true)
      if (action === 'unpublish') setHasPublishedDoc(false)
      setNote('')
      toast.success(
        `${ACTION_LABELS[action]}: done. Stage now: ${STAGE_LABELS[isStage(next) ? next : stage]}.`,
      )
    } finally {
      setBusy(null)
      void load()
    }
  }

  const schedule = async (type: ScheduleType) => {
    if (!when) {
      toast.error('Choose the date and time first.')
      return
    }
    setBusy(`schedule-${type}`)
    try {
      const answer = await post({
        action: 'schedule',
        type,
        at: when.toISOString(),
        note: note.trim() || undefined,
      })
      if (!answer) return
      setSchedules(answer.schedules ?? [])
      setIsScheduling(false)
      setWhen(undefined)
      setNote('')
      toast.success(
        `${type === 'publish' ? 'Publishing' : 'Unpublishing'} scheduled for ${formatDateTime(when)} (${timeZoneName(when)}).`,
      )
    } finally {
      setBusy(null)
      void load()
    }
  }

  const cancel = async (item: Schedule) => {
    setBusy(`cancel-${item.id}`)
    try {
      const answer = await post({ action: 'unschedule', job: item.id })
      if (!answer) return
      setSchedules(answer.schedules ?? [])
      toast.success(answer.message ?? 'Cancelled.')
    } finally {
      setBusy(null)
      void load()
    }
  }

  const isLiveOrWillBe = hasPublishedDoc || schedules.some((item) => item.type === 'publish')

  return (
    <div className={`field-type ${baseClass}`} data-stage={stage}>
      <div className={`${baseClass}__header`}>
        <FieldLabel as="span" label="Workflow" />
        <div className={`${baseClass}__state`}>
          <Pill
            aria-label={`Stage: ${STAGE_LABELS[stage]}`}
            pillStyle={STAGE_TONES[stage]}
            size="small"
          >
            {STAGE_LABELS[stage]}
          </Pill>
          <span className={`${baseClass}__live`}>
            {hasPublishedDoc ? 'Live on the site' : 'Not on the site'}
          </span>
        </div>
      </div>

      {schedules.length > 0 && (
        <ul className={`${baseClass}__schedules`} aria-label="Scheduled">
          {schedules.map((item) => (
            <li className={`${baseClass}__schedule`} key={item.id} data-type={item.type}>
              <span>
                {item.hasError
                  ? `Scheduled ${SCHEDULE_LABELS[item.type].toLowerCase()} failed: `
                  : `${SCHEDULE_LABELS[item.type]} scheduled for `}
                <strong>{formatDateTime(item.at)}</strong>{' '}
                <span className={`${baseClass}__muted`}>
                  ({formatRelative({ value: item.at, now })})
                </span>
              </span>
              {canCancel && (
                <Button
                  buttonStyle="secondary"
                  disabled={busy !== null}
                  margin={false}
                  onClick={() => void cancel(item)}
                  size="small"
                >
                  Cancel
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}

      {!id && <p className={`${baseClass}__hint`}>Save the document to start its review.</p>}

      {id && (steps.length > 0 || canSchedule) && (
        <>
          {isModified && (
            <p className={`${baseClass}__hint`} role="status">
              You have unsaved changes: save them (or publish) before another step.
            </p>
          )}
          <TextareaInput
            label="Note for the writer"
            onChange={(event) => setNote(event.target.value)}
            path={`${baseClass}-note`}
            placeholder={
              actions.includes('request_changes')
                ? 'Needed to request changes; kept in the history'
                : 'Optional; kept in the history'
            }
            rows={2}
            value={note}
          />
          <div className={`${baseClass}__actions`}>
            {steps.map((action) => (
              <Button
                buttonStyle={action === 'publish' || action === 'approve' ? 'primary' : 'secondary'}
                disabled={busy !== null || (isModified && action !== 'publish')}
                id={`workflow-${action}`}
                key={action}
                margin={false}
                onClick={() => void take(action)}
                size="small"
              >
                {busy === action ? `${ACTION_LABELS[action]}…` : ACTION_LABELS[action]}
              </Button>
            ))}
            {canSchedule && !isScheduling && (
              <Button
                buttonStyle="secondary"
                disabled={busy !== null || isModified}
                id="workflow-schedule"
                margin={false}
                onClick={() => setIsScheduling(true)}
                size="small"
              >
                Schedule…
              </Button>
            )}
          </div>
          {canSchedule && isScheduling && (
            <div className={`${baseClass}__scheduler`} role="group" aria-label="Schedule">
              <div id={`${baseClass}-when-label`}>
                <FieldLabel as="span" label={`Date and time (${zoneLabel()})`} />
              </div>
              <div id="workflow-schedule-at" ref={pickerRef}>
                <DatePicker
                  displayFormat={DATE_TIME_FORMAT}
                  minDate={new Date()}
                  onChange={(date) => setWhen(date ?? undefined)}
                  pickerAppearance="dayAndTime"
                  placeholder="Pick a date and time"
                  timeFormat="HH:mm"
                  timeIntervals={5}
                  value={when}
                />
              </div>
              <div className={`${baseClass}__actions`}>
                <Button
                  buttonStyle="primary"
                  disabled={busy !== null}
                  id="workflow-schedule-publish"
                  margin={false}
                  onClick={() => void schedule('publish')}
                  size="small"
                >
                  Schedule publish
                </Button>
                {isLiveOrWillBe && (
                  <Button
                    buttonStyle="secondary"
                    disabled={busy !== null}
                    id="workflow-schedule-unpublish"
                    margin={false}
                    onClick={() => void schedule('unpublish')}
                    size="small"
                  >
                    Schedule unpublish
                  </Button>
                )}
                <Button
                  buttonStyle="transparent"
                  margin={false}
                  onClick={() => setIsScheduling(false)}
                  size="small"
                >
                  Close
                </Button>
              </div>
            </div>
          )}
        </>
      )}

      {id && steps.length === 0 && !canSchedule && (
        <p className={`${baseClass}__hint`}>
          {roleOf(user) === 'contributor'
            ? 'Nothing for you to do here now: an editor takes it from here.'
            : 'No workflow step applies to this document now.'}
        </p>
      )}

      {history.length > 0 && (
        <section className={`${baseClass}__history`} aria-labelledby={`${baseClass}-history`}>
          <h4 id={`${baseClass}-history`}>History</h4>
          <ol className={`${baseClass}__timeline`}>
            {history.map((entry) => (
              <li key={entry.id}>
                <div className={`${baseClass}__what`}>
                  {describeWorkflowEvent({ event: entry })}
                </div>
                <div className={`${baseClass}__muted`}>
                  {entry.userName ?? 'the system'} ·{' '}
                  <time dateTime={entry.createdAt} title={formatDateTime(entry.createdAt)}>
                    {formatRelative({ value: entry.createdAt, now })},{' '}
                    {formatDateTime(entry.createdAt)}
                  </time>
                </div>
                {entry.note ? <p className={`${baseClass}__note`}>{entry.note}</p> : null}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  )
}
