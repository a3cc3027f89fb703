import type { AfterErrorHook } from 'payload'

/**
 * A request body Payload parses itself (the `_payload` field of an upload form) can hold
 * broken JSON; Payload lets the SyntaxError through as a 500. It is the client's mistake:
 * answer 400 and say so.
 */
export const brokenJsonIsBadRequest: AfterErrorHook = ({ error, graphqlResult }) => {
  const original = (error as { originalError?: unknown }).originalError ?? error
  if (!(original instanceof SyntaxError) || !/JSON/i.test(original.message)) return
  const message = `the request holds JSON that is not valid (check the _payload field of a form): ${original.message}`
  if (graphqlResult) return { graphqlResult: { ...graphqlResult, message } }
  return { response: { errors: [{ message }] }, status: 400 }
}
