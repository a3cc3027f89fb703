import type { Payload } from 'payload'
import { describe, expect, it, vi } from 'vitest'

import { emailAdapter } from '../../src/email.ts'

const RESET_LINK = 'http://localhost:3000/admin/reset/SECRET-TOKEN'

const send = async (isProduction: boolean) => {
  const logger = { info: vi.fn(), warn: vi.fn() }
  const adapter = emailAdapter({ fromAddress: 'cms@example.org', fromName: 'CMS', isProduction })({
    payload: { logger } as unknown as Payload,
  })
  await adapter.sendEmail({
    to: 'editor@example.org',
    subject: 'Reset your password',
    text: RESET_LINK,
  })
  return { adapter, logger }
}

describe('emailAdapter without SMTP_URL', () => {
  it('should log the whole email in development', async () => {
    const { logger } = await send(false)
    expect(logger.info).toHaveBeenCalledWith({ msg: expect.stringContaining(RESET_LINK) })
  })

  it('should log who and what in production, never the reset link', async () => {
    const { logger } = await send(true)
    expect(logger.warn).toHaveBeenCalledWith({
      msg: expect.stringMatching(/editor@example.org.*not sent: SMTP_URL/),
    })
    expect(JSON.stringify(logger.warn.mock.calls)).not.toContain('SECRET-TOKEN')
    expect(logger.info).not.toHaveBeenCalled()
  })

  it('should send from the configured sender', async () => {
    const { adapter } = await send(false)
    expect(adapter).toMatchObject({
      defaultFromAddress: 'cms@example.org',
      defaultFromName: 'CMS',
      name: 'log',
    })
  })
})
