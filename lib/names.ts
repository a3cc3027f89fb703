/**
 * A comparison key for outlet and author names, so `NBC News`, `NBC  News.` and `nbc news`
 * collapse to one record. Not for display.
 *
 * Steps: Unicode compatibility decomposition with accents removed (`Manëz` → `manez`);
 * curly quotes and apostrophes dropped (`People’s` → `peoples`); dashes, hyphens and other
 * punctuation turned into spaces (`Al-Monitor` → `al monitor`, `(ICC)` → `icc`); `&` kept;
 * lower-cased; whitespace, including U+00A0, collapsed and trimmed.
 */
export const normalizeName = ({ name }: { name: string }): string =>
  name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['‘’‚‛′`´]/g, '')
    .replace(/[^\p{L}\p{N}&]+/gu, ' ')
    .trim()

/**
 * A URL slug built from {@link normalizeName}: words joined by `-`, `&` spelt `and`, cut at a
 * word boundary so it is at most `maxLength` characters. Letters outside Latin are kept, so
 * a title written only in Persian still gets a slug.
 */
export const slugify = ({ text, maxLength = 80 }: { text: string; maxLength?: number }): string => {
  const slug = normalizeName({ name: text.replace(/&/g, ' and ') })
    .split(' ')
    .filter((word) => word !== '')
    .join('-')
  if (slug.length <= maxLength) return slug
  const cut = slug.slice(0, maxLength + 1)
  const lastDash = cut.lastIndexOf('-')
  return lastDash > 0 ? cut.slice(0, lastDash) : slug.slice(0, maxLength)
}

/**
 * A person's name made from their email address, for an account created before names were
 * required: `ada.lovelace@example.org` → `Ada Lovelace`, `j_smith+cms@…` → `J Smith Cms`. The
 * whole address when its local part has no letters or digits.
 */
export const nameFromEmail = ({ email }: { email: string }): string => {
  const local = email.slice(0, Math.max(0, email.lastIndexOf('@'))) || email
  const name = local
    .split(/[^\p{L}\p{N}']+/u)
    .filter((word) => word !== '')
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ')
  return name === '' ? email : name
}
