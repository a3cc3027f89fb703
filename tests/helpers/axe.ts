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
