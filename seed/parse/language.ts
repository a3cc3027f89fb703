import { isLanguageCode, type LanguageCode } from '../../lib/languages.ts'
import { normalizeName } from './normalize.ts'

/**
 * Language names a digest section heading may use (`In English`, `In Farsi`, `به فارسی`), by
 * language code (the codes of lib/languages.ts). Broader than lib/languages' `languageOfHeading`:
 * the scraped pages also write `English press` or the Persian `به فارسی`.
 */
const HEADING_NAMES: Record<string, string[]> = {
  en: ['English', 'انگلیسی'],
  fa: ['Persian', 'Farsi', 'فارسی'],
  ar: ['Arabic', 'عربی', 'العربية'],
  fr: ['French', 'Français', 'Francais'],
  de: ['German', 'Deutsch'],
  ru: ['Russian'],
  es: ['Spanish', 'Español'],
  it: ['Italian', 'Italiano'],
  sq: ['Albanian', 'Shqip'],
}

const BY_NAME = new Map(
  Object.entries(HEADING_NAMES).flatMap(([code, names]) =>
    names.map((name) => [normalizeName({ name }), code] as const),
  ),
)

// `In English`, `English`, `English press`, `In English language media`, `به فارسی`.
const LEADING = /^(?:in|به|در)\s+/u

/**
 * The language a digest section heading names: `In English` → `en`, `In Farsi` → `fa`, `به
 * فارسی` → `fa`. Undefined for headings that name no language (`Albania`).
 */
export const languageOfHeading = ({ heading }: { heading: string }): LanguageCode | undefined => {
  const words = normalizeName({ name: heading }).replace(LEADING, '').split(' ')
  for (let length = Math.min(words.length, 2); length >= 1; length -= 1) {
    const code = BY_NAME.get(words.slice(0, length).join(' '))
    if (isLanguageCode(code)) return code
  }
  return undefined
}
