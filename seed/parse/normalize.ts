// Name normalising is shared with the collections (slugs), so it lives in lib/.
export { normalizeName, slugify } from '../../lib/names.ts'
