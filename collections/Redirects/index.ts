import type { CollectionConfig, FieldHook, Validate } from 'payload'

import {
  normaliseSitePath,
  normaliseTarget,
  REDIRECT_KINDS,
  REDIRECT_STATUS_CODES,
  type Checked,
} from '../../lib/redirects.ts'
import { anyone, isEditor, isStaffField } from '../access/index.ts'
import { publicReadLimits } from '../hooks/publicReadLimits.ts'
import { slugs } from '../slugs.ts'
import { redirectLookupEndpoint } from './endpoints.ts'
import { collapseChain, rewriteChainsInto } from './hooks/chains.ts'

type Check = (text: string) => Checked<string>

const checkFrom: Check = (text) => normaliseSitePath({ path: text })
const checkTo: Check = (text) => normaliseTarget({ to: text })

/** Stores the value in its one spelling; a value that cannot be read is left to `validate`. */
const normalised =
  (check: Check): FieldHook =>
  ({ value }) =>
    typeof value === 'string' ? (check(value).value ?? value) : (value as unknown)

/** Refuses a value the check cannot read, naming the field. */
const validated =
  ({ check, name }: { check: Check; name: string }): Validate =>
  (value: unknown) => {
    if (value === undefined || value === null || value === '') return `"${name}" is required`
    if (typeof value !== 'string') return `"${name}" must be text`
    const { problem } = check(value)
    return problem === undefined ? true : `"${name}" ${problem}`
  }

const validateStatusCode: Validate = (value: unknown) =>
  value === undefined ||
  value === null ||
  (REDIRECT_STATUS_CODES as readonly unknown[]).includes(value) ||
  `"statusCode" must be one of ${REDIRECT_STATUS_CODES.join(', ')}`

/**
 * Old site paths and where they lead now. Made automatically when a published page's slug
 * changes (src/plugins/redirects.ts), by the seed import from the old site's links, or by
 * editors. Front ends read the list, or ask `GET /api/redirects?path=…` for one path.
 * Chains are collapsed on save and loops refused (hooks/chains.ts).
 */
export const Redirects: CollectionConfig = {
  slug: slugs.redirects,
  labels: { singular: 'Redirect', plural: 'Redirects' },
  admin: {
    useAsTitle: 'from',
    defaultColumns: ['from', 'to', 'statusCode', 'kind', 'updatedAt'],
    listSearchableFields: ['from', 'to'],
    group: 'Content',
    description:
      'Old addresses that keep working: readers asking for "from" are sent to "to". Made automatically when a published slug changes.',
  },
  defaultSort: 'from',
  access: { read: anyone, create: isEditor, update: isEditor, delete: isEditor },
  endpoints: [redirectLookupEndpoint],
  hooks: {
    beforeOperation: [publicReadLimits],
    beforeChange: [collapseChain],
    afterChange: [rewriteChainsInto],
  },
  fields: [
    {
      name: 'from',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      hooks: { beforeValidate: [normalised(checkFrom)] },
      validate: validated({ check: checkFrom, name: 'from' }),
      admin: {
        description:
          'The old path on this site, starting with "/" (e.g. /posts/old-slug or /wordpress/old-page/); a query string is kept.',
      },
    },
    {
      name: 'to',
      type: 'text',
      required: true,
      index: true,
      hooks: { beforeValidate: [normalised(checkTo)] },
      validate: validated({ check: checkTo, name: 'to' }),
      admin: {
        description:
          'Where readers go: a path on this site (e.g. /posts/new-slug) or a full http(s) address.',
      },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'statusCode',
          type: 'number',
          label: 'Status code',
          required: true,
          defaultValue: 301,
          validate: validateStatusCode,
          admin: {
            description: '301 permanent (the default), 308 permanent, 302 or 307 temporary.',
            width: '50%',
          },
        },
        {
          name: 'kind',
          type: 'select',
          required: true,
          defaultValue: 'manual',
          options: REDIRECT_KINDS.map((kind) => ({
            label: kind[0].toUpperCase() + kind.slice(1),
            value: kind,
          })),
          // Set by the CMS: automatic on a slug change, imported by the seed import.
          access: { create: () => false, update: () => false },
          admin: { readOnly: true, width: '50%' },
        },
      ],
    },
    {
      name: 'document',
      type: 'relationship',
      relationTo: [slugs.posts, slugs.digests, slugs.authors, slugs.sources, slugs.topics],
      access: { read: isStaffField },
      admin: { description: 'The page this redirect leads to, when it is one of ours.' },
    },
    { name: 'note', type: 'textarea', access: { read: isStaffField } },
  ],
}
