import type { Config, Plugin } from 'payload'

import { equalizeFailedLogins, FAILED_LOGIN_MESSAGE } from '../../collections/hooks/loginTiming.ts'

/**
 * A failed login never tells whether the account exists or is locked: one message, one status
 * and one minimum time over REST, GraphQL and the admin (see collections/hooks/loginTiming.ts).
 * Rate limits and lockout are on the Users collection itself.
 */
export const accounts =
  (): Plugin =>
  (config: Config): Config => {
    const en: Record<string, unknown> = { ...config.i18n?.translations?.en }
    const errors: Record<string, unknown> = { ...(en.error as object | undefined) }
    return {
      ...config,
      hooks: {
        ...config.hooks,
        afterError: [equalizeFailedLogins, ...(config.hooks?.afterError ?? [])],
      },
      i18n: {
        ...config.i18n,
        translations: {
          ...config.i18n?.translations,
          en: {
            ...en,
            error: {
              ...errors,
              emailOrPasswordIncorrect: FAILED_LOGIN_MESSAGE,
              userLocked: FAILED_LOGIN_MESSAGE,
            },
          },
        },
      },
    }
  }
