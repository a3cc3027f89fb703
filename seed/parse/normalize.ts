// Name normalising is shared with the collections (slugs), so it lives in src/lib.
export { normalizeName, slugify } from '../../lib/names.ts'
