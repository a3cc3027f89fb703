import { createRequire } from 'node:module'

import type { AxeResults, ImpactValue } from 'axe-core'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

const require = createRequire(import.meta.url)

/** The impacts a page may not have: a person using a screen reader or keyboard is blocked. */
const BLOCKING: ImpactValue[] = ['serious', 'critical']

/**
 * A known violation in markup we do not own, excused for the elements it is about only. Say
 * why in `reason` (e.g. the upstream issue): an exception without one is a hidden failure.
 */
export type AxeException = {
  /** The axe rule id, e.g. "color-contrast". */
  rule: string
  /** A CSS selector the excused elements match; other elements still fail the rule. */
  selector: string
  reason: string
}

/** One violation as reported: the rule, its impact and the elements it was found on. */
type Finding = { rule: string; impact: string; help: string; helpUrl: string; nodes: string[] }

/**
 * Runs axe-core (the version in package.json) in the page as it is now and fails, with a
 * readable list of rules and elements, when it finds a serious or critical violation.
 * `label` names the page in the failure message.
 */
export const expectNoSeriousViolations = async (
  page: Page,
  label: string,
  { exceptions = [] }: { exceptions?: AxeException[] } = {},
): Promise<void> => {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') })
  const findings = await page.evaluate(
    async ({ blocking, excused }) => {
      const { axe } = window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<AxeResults> }
      }
      const results = await axe.run(document, { resultTypes: ['violations'] })
      const isExcused = (rule: string, target: unknown[]) => {
        const selector = target.at(-1)
        const element = typeof selector === 'string' ? document.querySelector(selector) : null
        return excused.some(
          (exception) => exception.rule === rule && element?.matches(exception.selector) === true,
        )
      }
      return results.violations
        .filter((violation) => blocking.includes(violation.impact ?? 'minor'))
        .map((violation) => ({
          rule: violation.id,
          impact: String(violation.impact),
          help: violation.help,
          helpUrl: violation.helpUrl,
          nodes: violation.nodes
            .filter((node) => !isExcused(violation.id, node.target as unknown[]))
            .map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
        }))
        .filter((finding) => finding.nodes.length > 0)
    },
    { blocking: BLOCKING, excused: exceptions },
  )
  const report = (findings as Finding[])
    .map(
      (finding) =>
        `${finding.impact} ${finding.rule}: ${finding.help} (${finding.helpUrl})\n` +
        finding.nodes.map((node) => `    ${node.replace(/\n/g, '\n      ')}`).join('\n'),
    )
    .join('\n')
  expect(findings.length, `axe found serious or critical violations on ${label}:\n${report}`).toBe(
    0,
  )
}

/**
 * Serious violations in @payloadcms/ui 3.90.2's own list markup that no config or style of ours
 * can name: excused for those elements only, until the upstream fixes are released.
 */
export const PAYLOAD_LIST_MARKUP: AxeException[] = [
  {
    rule: 'button-name',
    selector: '.clickable-arrow',
    reason:
      'pagination arrows are icon-only buttons without aria-label (payloadcms/payload#17377, fix in #17663)',
  },
  {
    rule: 'label',
    selector: '.select-row input[type="checkbox"]',
    reason:
      'row checkboxes render aria-label="" and no label (payloadcms/payload#17376, fix in #17402)',
  },
  {
    rule: 'label-title-only',
    selector: '#select-all',
    reason: 'the select-all checkbox is named by its title alone (same CheckboxInput as above)',
  },
]

/**
 * Serious violations in @payloadcms/next 3.90.2's own dashboard markup (the "Dashboard" breadcrumb
 * select of its modular dashboard) that no config or style of ours can name: excused for those
 * elements only, until the upstream fixes are released.
 */
export const PAYLOAD_DASHBOARD_MARKUP: AxeException[] = [
  {
    rule: 'label',
    selector: '.dashboard-breadcrumb-select input',
    reason:
      'the breadcrumb select is rendered without an accessible name (payloadcms/payload#18140)',
  },
  {
    rule: 'aria-hidden-focus',
    selector: '.dashboard-breadcrumb-select .dropdown-indicator',
    reason:
      "react-select's aria-hidden is spread onto a focusable indicator button (payloadcms/payload#18139)",
  },
]

/**
 * Serious violations in the markup of Payload 3.90.2's edit view (@payloadcms/ui fields and
 * document controls, @payloadcms/richtext-lexical) that no config or style of ours can name;
 * colour contrast is ours to fix and is not excused (src/app/(payload)/custom.scss). Excused for
 * those elements only. Our own controls (the workflow panel, the preview-link control) name
 * their inputs and buttons and are not excused. No upstream issue was found for those without one (searched 2026-12-05).
 */
export const PAYLOAD_EDIT_VIEW_MARKUP: AxeException[] = [
  {
    rule: 'aria-hidden-focus',
    selector: '.react-select .dropdown-indicator, .react-select .clear-indicator',
    reason:
      "react-select's aria-hidden is spread onto focusable select indicators (payloadcms/payload#18139)",
  },
  {
    rule: 'label',
    selector: '.react-select input',
    reason:
      'relationship and select fields label "field-<name>", not the react-select input inside (no inputId)',
  },
  {
    rule: 'label-title-only',
    selector: '.react-select input',
    reason:
      'select fields with several values (hasMany) name their react-select input by a title only, the same missing inputId',
  },
  {
    rule: 'label',
    selector: '[id^="field-"] .date-time-picker input',
    reason: "date fields' <label> does not point at the date picker's input",
  },
  {
    rule: 'button-name',
    selector: '.date-time-picker__clear-button, .doc-controls .popup-button',
    reason:
      "icon-only buttons (a date field's clear, the document's more-actions menu) with no name",
  },
  {
    rule: 'aria-input-field-name',
    selector: '.ContentEditable__root',
    reason: "the rich-text editor's textbox is not named by its field label",
  },
  {
    rule: 'list',
    selector: '.doc-tabs__tabs',
    reason: 'the document tabs list holds elements other than <li>',
  },
  {
    rule: 'scrollable-region-focusable',
    selector: '.doc-controls__content',
    reason: 'on a phone the status bar (status, dates) scrolls sideways but takes no focus',
  },
  {
    rule: 'nested-interactive',
    selector: '.rs__multi-value',
    reason: "a has-many relationship's chosen value is a control holding edit and remove buttons",
  },
]

/**
 * Serious violations in @payloadcms/ui 3.90.2's array-field markup (a post's writers, a
 * digest's items): each row's drag handle (`aria-roledescription="sortable"`) and its actions
 * menu, and the field's copy/paste menu, are icon-only controls Payload renders with no name.
 * Excused for those elements only; searched upstream 2026-12-06, no issue found.
 */
export const PAYLOAD_ARRAY_FIELD_MARKUP: AxeException[] = [
  {
    rule: 'aria-command-name',
    selector: '.array-field__row .collapsible__drag',
    reason: "an array row's drag handle has no name",
  },
  {
    rule: 'button-name',
    selector: '.array-field__row .array-actions__button, .clipboard-action__popup .popup-button',
    reason: "an array row's actions menu and a field's copy/paste menu are icon-only buttons",
  },
]
