import { describe, expect, it } from 'vitest'

import { nameFromEmail } from '../../lib/names.ts'

describe('nameFromEmail', () => {
  it.each([
    ['ada.lovelace@example.org', 'Ada Lovelace'],
    ['writer@example.test', 'Writer'],
    ['j_smith+cms@example.test', 'J Smith Cms'],
    ['mary-jane.o’neil@example.test', 'Mary Jane O Neil'],
    ['édith.piaf@example.fr', 'Édith Piaf'],
    ['ops42@example.test', 'Ops42'],
    ['...@example.test', '...@example.test'],
    ['no-at-sign', 'No At Sign'],
  ])('should name the account %s "%s"', (email, name) => {
    expect(nameFromEmail({ email })).toBe(name)
  })
})
