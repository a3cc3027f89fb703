import { FileRetrievalError, type AfterErrorHook } from 'payload'

import { unavailableReason } from '../../lib/databaseErrors.ts'
import { errorBody } from '../../lib/errors.ts'

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
  return { response: errorBody(message), status: 400 }
}

type AfterErrorArgs = Parameters<AfterErrorHook>[0]

/** An error hook's answer with this message and status, over REST or GraphQL alike. */
const answer = ({
  graphqlResult,
  message,
  status,
}: {
  graphqlResult: AfterErrorArgs['graphqlResult']
  message: string
  status: number
}): ReturnType<AfterErrorHook> => {
  if (graphqlResult) {
    return {
      graphqlResult: {
        ...graphqlResult,
        message,
        extensions: { ...graphqlResult.extensions, statusCode: status },
      },
    }
  }
  return { response: errorBody(message), status }
}

/**
 * An upload whose file Payload had to fetch from a URL given in the data (`url` with a
 * `filename`, and no file attached) fails with a FileRetrievalError when the address is private
 * (Payload refuses those) or does not answer: a 500 for the caller's own input. Answer 400 and
 * say what to do instead.
 */
export const fileRetrievalIsBadRequest: AfterErrorHook = ({ error, graphqlResult }) => {
  const original = (error as { originalError?: unknown }).originalError ?? error
  if (!(original instanceof FileRetrievalError)) return
  const detail = original.message.replace(/\s*If this is a trusted destination.*$/s, '')
  return answer({
    graphqlResult,
    status: 400,
    message: `${detail} Attach the file itself (multipart/form-data) instead of its address.`,
  })
}

/**
 * A write the database refused for a reason outside the request (locked, read-only, disk
 * full, unreachable) is answered 503 with that reason, not 500 "Something went wrong": the
 * client may retry, and nothing was stored. Reads keep working where the database allows.
 */
export const databaseUnavailable: AfterErrorHook = ({ error, graphqlResult, req }) => {
  const reason = unavailableReason(error)
  if (!reason) return
  // A read saved nothing anyway; a GraphQL request may hold a mutation.
  const isRead = req?.method === 'GET' || req?.method === 'HEAD'
  return answer({
    graphqlResult,
    status: 503,
    message: `Service unavailable: ${reason}. ${isRead ? 'Try' : 'Nothing was saved; try'} again later.`,
  })
}
