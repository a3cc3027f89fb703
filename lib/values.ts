/** The id of a relationship value, whether it arrived as an id or as a populated document. */
export const idOf = (value: unknown): unknown =>
  value && typeof value === 'object' && 'id' in value ? value.id : value

/** Text made safe to place inside HTML. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

/** An object that is not a list (nor null). */
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A finite number, or text that reads as one (`"12"`, `"-1.5"`, `" 3 "`). */
export const isNumber = (value: unknown): boolean =>
  (typeof value === 'number' && Number.isFinite(value)) ||
  (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))

/** A Date, or text or a number that makes a valid date. */
export const isDate = (value: unknown): boolean =>
  value instanceof Date ||
  ((typeof value === 'string' || typeof value === 'number') &&
    !Number.isNaN(new Date(value).getTime()))

/** true, false, or their text as a query string carries them. */
export const isBoolean = (value: unknown): boolean =>
  typeof value === 'boolean' || value === 'true' || value === 'false'

/** What a MongoDB ObjectId looks like as text. */
export const OBJECT_ID = /^[a-f0-9]{24}$/i

/** The id types our adapters give: integers (SQLite, PostgreSQL) or ObjectIds (MongoDB). */
export type IdType = 'number' | 'text'

/** True when `id` could be an id in this database (an integer, or an ObjectId on MongoDB). */
export const isPossibleId = ({ id, idType }: { id: unknown; idType: IdType }): boolean =>
  idType === 'number'
    ? (typeof id === 'number' && Number.isSafeInteger(id)) ||
      (typeof id === 'string' && /^\d{1,15}$/.test(id))
    : typeof id === 'string' && OBJECT_ID.test(id)

/** Payload field types whose values are text (select and radio store their option's text). */
export const TEXT_FIELD_TYPES: ReadonlySet<string> = new Set([
  'text',
  'textarea',
  'email',
  'code',
  'select',
  'radio',
  'slug',
])
