import type { Payload } from 'payload'
import { describe, expect, it, vi } from 'vitest'

import { awaitingDelivery } from '../../lib/emailDelivery.ts'
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

describe('emailAdapter with SMTP_URL', () => {
  // Port 1 on loopback: nothing listens, so every connection is refused at once.
  const unreachable = () => {
    const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }
    const adapter = emailAdapter({
      smtpUrl: 'smtp://127.0.0.1:1',
      fromAddress: 'cms@example.org',
      fromName: 'CMS',
      isProduction: true,
    })({ payload: { logger } as unknown as Payload })
    return { adapter, logger }
  }
  const message = { to: 'editor@example.org', subject: 'Reset your password', text: RESET_LINK }

  it('should answer a request at once and log a failed send (no timing tells accounts apart)', async () => {
    const { adapter, logger } = unreachable()
    await expect(adapter.sendEmail(message)).resolves.toBeUndefined()
    await vi.waitFor(() =>
      expect(logger.error).toHaveBeenCalledWith(
        expect.objectContaining({ msg: expect.stringContaining('editor@example.org not sent') }),
      ),
    )
  })

  it('should reject a send awaited by a background job when the server refuses it', async () => {
    const { adapter, logger } = unreachable()
    await expect(adapter.sendEmail(awaitingDelivery(message))).rejects.toThrow(/ECONNREFUSED/)
    expect(logger.error).not.toHaveBeenCalled()
  })
})
