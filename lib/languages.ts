/** The languages content can be in: ISO 639-1 codes, as posts, digests and digest items store them. */
export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'fa', label: 'Persian' },
  { code: 'ar', label: 'Arabic' },
  { code: 'fr', label: 'French' },
  { code: 'de', label: 'German' },
  { code: 'ru', label: 'Russian' },
  { code: 'es', label: 'Spanish' },
  { code: 'it', label: 'Italian' },
  { code: 'sq', label: 'Albanian' },
] as const

export type LanguageCode = (typeof LANGUAGES)[number]['code']

const CODES: ReadonlySet<string> = new Set(LANGUAGES.map(({ code }) => code))

export const isLanguageCode = (value: unknown): value is LanguageCode =>
  typeof value === 'string' && CODES.has(value)

/** "Persian" for "fa"; the code itself for a code we do not list. */
export const languageName = (code: string): string =>
  LANGUAGES.find((language) => language.code === code)?.label ?? code

const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/gu
/** Letters Persian writes and Arabic does not (peh, cheh, zheh, gaf, Persian kaf and yeh). */
const PERSIAN_ONLY = /[\u067E\u0686\u0698\u06AF\u06A9\u06CC]/u
const CYRILLIC = /[\u0400-\u04FF]/gu
const LATIN = /[A-Za-z\u00C0-\u024F]/gu

/**
 * The language of a text, told by its script: Arabic script with Persian letters is Persian,
 * without them Arabic; Cyrillic is Russian; Latin is English (the material's only Latin-script
 * language). Undefined when the text has no letters. The script with the most letters wins, so
 * a Persian paragraph quoting "MEK" is still Persian.
 */
export const detectLanguage = (text: string): LanguageCode | undefined => {
  const arabic = text.match(ARABIC_SCRIPT)?.length ?? 0
  const cyrillic = text.match(CYRILLIC)?.length ?? 0
  const latin = text.match(LATIN)?.length ?? 0
  const most = Math.max(arabic, cyrillic, latin)
  if (most === 0) return undefined
  if (most === arabic) return PERSIAN_ONLY.test(text) ? 'fa' : 'ar'
  if (most === cyrillic) return 'ru'
  return 'en'
}

/** The section heading a digest groups items of a language under, e.g. "In English". */
export const languageHeading = (code: string): string => `In ${languageName(code)}`
