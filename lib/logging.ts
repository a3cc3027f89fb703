type MaybeGraphQLError = {
  name?: unknown
  message?: unknown
  originalError?: { status?: unknown; name?: unknown }
}

/** The client-error status (4xx) a GraphQL error wraps, or undefined for a server fault. */
export const clientStatusOf = (err: unknown): number | undefined => {
  const error = err as MaybeGraphQLError | undefined
  if (error?.name !== 'GraphQLError') return undefined
  const status = error.originalError?.status
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined
}

/**
 * Payload's GraphQL handler logs every error a resolver throws as an error, stack and all,
 * even a client's mistake (a bad query, a failed login) that REST logs at info. This hook
 * gives those the REST treatment: one info line with the message. Server faults (5xx or no
 * status) stay errors.
 */
export const graphqlClientErrorsAtInfo = function (
  this: { info: (entry: { msg: string }) => void },
  args: unknown[],
  method: (...args: unknown[]) => void,
  level: number,
): void {
  const first = args[0] as { err?: unknown } | undefined
  if (level >= 50 && first && typeof first === 'object' && clientStatusOf(first.err)) {
    const message = (first.err as MaybeGraphQLError).message
    this.info({ msg: `GraphQL: ${typeof message === 'string' ? message : 'client error'}` })
    return
  }
  method.apply(this, args)
}
