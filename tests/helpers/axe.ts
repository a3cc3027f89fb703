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
 * Violations in the markup of Payload 3.90.2's edit view (and the react-select and Lexical
 * markup it renders), excused for those elements only. Our own controls in the edit view (the
 * workflow panel, the preview-link control) are not excused: they name their inputs and
 * buttons themselves. The contrast Payload gets wrong is fixed in custom.scss, not excused.
 */
export const PAYLOAD_EDIT_VIEW_MARKUP: AxeException[] = [
  {
    rule: 'aria-hidden-focus',
    selector: '.rs__indicators > [aria-hidden="true"]',
    reason:
      'react-select (relationship and select fields) hides its clear and dropdown indicators with aria-hidden while they stay focusable',
  },
  {
    rule: 'label',
    selector: 'input[id^="react-select-"]',
    reason:
      'Payload labels a relationship or select field on its wrapper; react-select’s own input gets no label or aria-label',
  },
  {
    rule: 'label',
    selector: '[id^="field-"] .date-time-picker input',
    reason:
      'Payload’s date fields point their label at the wrapper (id="field-…"), not at react-datepicker’s input',
  },
  {
    rule: 'list',
    selector: '.doc-tabs__tabs',
    reason: 'the document tabs (Edit, Versions, API) are a <ul> holding <div> and <a>, not <li>',
  },
  {
    rule: 'nested-interactive',
    selector: '.rs__multi-value',
    reason:
      'react-select’s chips for a hasMany relationship (Sources) hold their edit and remove buttons inside a focusable chip',
  },
  {
    rule: 'aria-input-field-name',
    selector: '.ContentEditable__root',
    reason: 'the Lexical rich-text editor’s textbox has role="textbox" and no accessible name',
  },
  {
    rule: 'button-name',
    selector: '.popup-button, .date-time-picker__clear-button',
    reason:
      'icon-only buttons of Payload’s document controls menu and of its date fields’ clear button, without aria-label',
  },
]
