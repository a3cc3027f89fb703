import { describe, expect, it } from 'vitest'

import { innermostMessage, LOCKED_REASON, unavailableReason } from '../../lib/databaseErrors.ts'

/** An error as node-postgres makes it: a message and its SQLSTATE in `code`. */
const pgError = (message: string, code: string) => Object.assign(new Error(message), { code })
/** As drizzle wraps it. */
const drizzleError = (cause: unknown) =>
  Object.assign(new Error('Failed query: select count(*) from "users"\nparams: '), { cause })

describe('unavailableReason', () => {
  it.each([
    [new Error('SQLITE_BUSY: database is locked'), LOCKED_REASON],
    [
      new Error('SQLITE_READONLY: attempt to write a readonly database'),
      'the database is read-only',
    ],
    [new Error('SQLITE_FULL: database or disk is full'), 'the disk holding the database is full'],
    [
      drizzleError(pgError('canceling statement due to statement timeout', '57014')),
      'the database took too long to answer (statement timeout)',
    ],
    [
      drizzleError(pgError('terminating connection due to administrator command', '57P01')),
      'the database server is restarting or shutting down',
    ],
    [
      new Error('Error: cannot begin transaction: the database system is shutting down'),
      'the database server is restarting or shutting down',
    ],
    [
      new Error('Error: cannot begin transaction: the database system is starting up'),
      'the database server is restarting or shutting down',
    ],
    [
      new Error('Error: cannot begin transaction: timeout exceeded when trying to connect'),
      'all database connections are busy',
    ],
    [
      new Error('Error: cannot begin transaction: connect ECONNREFUSED 127.0.0.1:5432'),
      'the database is not reachable',
    ],
    [
      new Error('Error: cannot begin transaction: Failed query: begin\nparams: '),
      'the database is not reachable',
    ],
    [
      drizzleError(pgError('sorry, too many clients already', '53300')),
      'the database server has no free connections',
    ],
    [
      drizzleError(pgError('could not extend file: No space left on device', '53100')),
      'the disk holding the database is full',
    ],
    [
      drizzleError(pgError('cannot execute INSERT in a read-only transaction', '25006')),
      'the database is read-only',
    ],
    [
      drizzleError(new Error('Connection terminated unexpectedly')),
      'the database is not reachable',
    ],
  ])('should explain %s', (error, reason) => {
    expect(unavailableReason(error)).toBe(reason)
  })

  it.each([
    [new Error('Something else')],
    [
      drizzleError(
        pgError('duplicate key value violates unique constraint "posts_slug_idx"', '23505'),
      ),
    ],
    [drizzleError(pgError('syntax error at or near "x"', '42601'))],
    [pgError('value too long', '22001')],
  ])('should leave %s to the caller: not an outage', (error) => {
    expect(unavailableReason(error)).toBeUndefined()
  })
})

describe('innermostMessage', () => {
  it('should give the driver’s message under drizzle’s', () => {
    expect(
      innermostMessage(drizzleError(pgError('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED'))),
    ).toBe('connect ECONNREFUSED 127.0.0.1:9')
  })

  it('should keep a message with no cause', () => {
    expect(innermostMessage(new Error('cannot connect to Postgres: x'))).toBe(
      'cannot connect to Postgres: x',
    )
    expect(innermostMessage('plain')).toBe('plain')
  })
})
