import { describe, expect, it, vi } from 'vitest'

import { graphqlClientErrorsAtInfo } from '../../lib/logging.ts'

const graphqlError = (status?: number) => ({
  name: 'GraphQLError',
  message: 'q must be 2 to 200 characters',
  originalError: { name: 'QueryError', status },
})

const log = (entry: unknown, level = 50) => {
  const logger = { info: vi.fn() }
  const method = vi.fn()
  graphqlClientErrorsAtInfo.call(logger, [entry], method, level)
  return { info: logger.info, method }
}

describe('graphqlClientErrorsAtInfo', () => {
  it('should log a client mistake over GraphQL as one info line', () => {
    const { info, method } = log({ err: graphqlError(400) })
    expect(method).not.toHaveBeenCalled()
    expect(info).toHaveBeenCalledWith({ msg: 'GraphQL: q must be 2 to 200 characters' })
  })

  it.each([[500], [undefined]])('should keep a GraphQL error with status %s an error', (status) => {
    const { info, method } = log({ err: graphqlError(status) })
    expect(info).not.toHaveBeenCalled()
    expect(method).toHaveBeenCalledOnce()
  })

  it('should leave other errors and lower levels alone', () => {
    expect(
      log({ err: { name: 'APIError', originalError: { status: 400 } } }).method,
    ).toHaveBeenCalled()
    expect(log({ err: graphqlError(400) }, 40).method).toHaveBeenCalled()
    expect(log('plain message').method).toHaveBeenCalled()
  })
})
