import { HtmlValidate } from 'html-validate'

/**
 * html-validate's recommended rules, less the one an email must break: mail clients drop style
 * sheets, so every style is inline.
 */
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: { 'no-inline-style': 'off' },
})

/** The validator's complaints about an HTML document, as "rule: message (line:column)". */
export const htmlProblems = async (html: string): Promise<string[]> => {
  const report = await validator.validateString(html)
  return report.results.flatMap((result) =>
    result.messages.map(
      (message) => `${message.ruleId}: ${message.message} (${message.line}:${message.column})`,
    ),
  )
}

const URL_ATTRIBUTE =
  /\s(href|src|srcset|action|background|poster|cite)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi

/** Every address in a URL attribute of the HTML, entities decoded (`&amp;` → `&`). */
export const linkedAddresses = (html: string): string[] =>
  [...html.matchAll(URL_ATTRIBUTE)].map((match) =>
    (match[3] ?? match[4] ?? match[5] ?? '')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
      .replace(/&amp;/g, '&'),
  )

/** The addresses among `addresses` that are not absolute http(s) URLs. */
export const notAbsolute = (addresses: string[]): string[] =>
  addresses.filter((address) => {
    try {
      const url = new URL(address)
      return url.protocol !== 'http:' && url.protocol !== 'https:'
    } catch {
      return true
    }
  })
