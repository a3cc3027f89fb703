import type { IncomingMessage } from 'node:http'

import type { NextFunction, Request, Response } from 'express'

import { errorBody } from '../../../lib/errors.ts'
import { graphqlRefusalBody, prepareGraphqlBody } from '../../../lib/graphqlDocument.ts'
import { selectableFieldsProvider } from '../../plugins/graphqlSelect/provider.ts'
import { readBody, restoreBody } from '../body.ts'

const GRAPHQL_PATH = '/api/graphql'

/** Requests found to hold one read-only operation, whose answer may be cached. */
const cacheable = new WeakSet<IncomingMessage>()

/** True when `graphqlRequests` found the request to be one read-only operation. */
export const isCacheableGraphqlRequest = (req: IncomingMessage): boolean => cacheable.has(req)

const NO_SELECTABLE: ReadonlySet<string> = new Set()

/** A GraphQL request as clients send them: POST with a JSON body. */
export const isGraphqlJsonPost = (req: Request): boolean =>
  req.method === 'POST' &&
  req.path === GRAPHQL_PATH &&
  /application\/json/i.test(req.headers['content-type'] ?? '')

/**
 * `/api/graphql` before Payload: other methods than POST are told how to ask (Payload's route
 * answers an empty 405); documents that would break Payload's validation are refused with a
 * 400 (see `findGraphqlDocumentProblem`); queries read only the fields they ask for by default
 * (src/plugins/graphqlSelect/).
 */
export const graphqlRequests = async (req: Request, res: Response, next: NextFunction) => {
  if (req.path !== GRAPHQL_PATH || req.method === 'OPTIONS') return next()
  if (req.method !== 'POST') {
    res.set('allow', 'POST, OPTIONS')
    res
      .status(405)
      .json(
        errorBody('GraphQL takes POST requests with a JSON body: {"query": "…", "variables": {…}}'),
      )
    return
  }
  if (!isGraphqlJsonPost(req)) return next()
  try {
    const body = await readBody(req)
    const text = body.toString('utf8')
    const selectable = (await selectableFieldsProvider().of?.()) ?? NO_SELECTABLE
    const prepared = prepareGraphqlBody({ text, selectable })
    if (prepared.refusal) {
      res.status(400).json(graphqlRefusalBody(prepared.refusal))
      return
    }
    if (prepared.isCacheable) cacheable.add(req)
    const handed = prepared.text === text ? body : Buffer.from(prepared.text)
    req.headers['content-length'] = String(handed.length)
    restoreBody(req, handed)
    next()
  } catch (err) {
    next(err)
  }
}
