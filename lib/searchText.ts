import { stemmer } from 'stemmer'

/**
 * How text becomes search terms, the same at index time and at query time: lower case, no
 * accents or other marks, one spelling for the Arabic-script letters Persian and Arabic write
 * differently, Western digits, then one term per word, English words stemmed ("lobbies" and
 * "lobbying" are both "lobbi"). The index stores terms separated by single spaces, so every
 * database's own tokenizer only has to split on spaces.
 */

/**
 * Bump when the terms a text gives change (a new rule here): the index is rebuilt at start when
 * its rows were made by another version.
 */
export const SEARCH_TEXT_VERSION = 1

/** Arabic-script letters written differently in Persian and Arabic, to the Persian form. */
const LETTERS: Record<string, string> = {
  ي: 'ی', // Arabic yeh
  ى: 'ی', // alef maksura
  ئ: 'ی', // yeh with hamza above
  ك: 'ک', // Arabic kaf
  ة: 'ه', // teh marbuta
  ۀ: 'ه', // heh with yeh above
  ؤ: 'و', // waw with hamza above
  أ: 'ا', // alef with hamza above
  إ: 'ا', // alef with hamza below
  آ: 'ا', // alef with madda
  ٱ: 'ا', // alef wasla
}
const LETTER_PATTERN = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g')

/** Arabic-Indic (U+0660…) and Persian (U+06F0…) digits to 0–9. */
const digit = (char: string): string => {
  const code = char.charCodeAt(0)
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660)
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0)
  return char
}

/**
 * Text with one spelling per word: lower case; letters with their marks removed (é → e, Arabic
 * short vowels and shadda gone); Persian/Arabic letter forms unified (ي → ی, ك → ک, ة → ه);
 * tatweel (ـ) and zero-width non-joiners removed (می‌خواهم and میخواهم are one word);
 * Arabic and Persian digits as 0–9. Word separators are left as they are.
 */
export const normaliseText = (text: string): string =>
  text
    .replace(LETTER_PATTERN, (char) => LETTERS[char] ?? char)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    // Tatweel, zero-width non-joiner/joiner, soft hyphen: inside a word, never a separator.
    .replace(/\u0640|\u200c|\u200d|\u00ad/g, '')
    .replace(/[\u0660-\u0669\u06f0-\u06f9]/g, digit)
    .replace(/ß/g, 'ss')
    .toLowerCase()

/** Words longer than this are cut (a term is never a whole pasted URL or hash). */
const MAX_TERM_LENGTH = 40

/** One word's term: English-stemmed when written in Latin letters. */
const termOf = (word: string): string => {
  const cut = word.slice(0, MAX_TERM_LENGTH)
  return /^[a-z]+$/.test(cut) ? stemmer(cut) : cut
}

/** The words of text as written (letters and digits), in order. */
export const WORD_PATTERN = /(?:[\p{L}\p{N}\p{M}\u0640\u00ad]|\u200c|\u200d)+/gu

/** The search terms of a text, in order, repeats kept (they count in ranking). */
export const termsOf = (text: string): string[] =>
  (normaliseText(text).match(/[\p{L}\p{N}]+/gu) ?? []).map(termOf)

/** The term of a single written word, or '' when it holds no letter or digit. */
export const termOfWord = (word: string): string => termsOf(word).join('')

/** What the index stores for a text: its terms separated by spaces. */
export const indexedTerms = (text: string): string => termsOf(text).join(' ')
