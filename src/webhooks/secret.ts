import crypto from 'node:crypto'

import { formatSecret } from '../../lib/webhooks.ts'

/** Random bytes in a new secret: within the 24 to 64 Standard Webhooks asks for. */
const SECRET_BYTES = 32

/** A new signing secret, `whsec_` and 32 random bytes in base64, for a webhook being created. */
export const generateWebhookSecret = (): string =>
  formatSecret({ bytes: crypto.randomBytes(SECRET_BYTES) })
