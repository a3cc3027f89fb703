import {
  addDataAndFileToRequest,
  APIError,
  commitTransaction,
  initTransaction,
  killTransaction,
  type Endpoint,
  type PayloadRequest,
} from 'payload'

import {
  checkBuildRequest,
  checkDayRange,
  parseIsoDay,
  proposedTitle,
  type BuildRequestItem,
  type ProposalPost,
  unpublishedLinks,
} from '../../lib/digestBuilder.ts'
import { chooseEmailFormat } from '../../lib/digestEmail.ts'
import { errorBody } from '../../lib/errors.ts'
import { isLanguageCode } from '../../lib/languages.ts'
import { isStaffUser } from '../../lib/roles.ts'
import { BadRequestError, ForbiddenError } from '../errors.ts'
import { slugs } from '../slugs.ts'
import { digestEmail, emlMessage } from './email.ts'
import {
  digestItemData,
  findNextIssueNumber,
  issueNumberHolder,
  loadProposal,
  MAX_PROPOSAL_POSTS,
} from './proposal.ts'

const NO_STORE = { 'cache-control': 'private, no-store' }

/** 401 for anonymous callers, 403 for a signed-in account that is not staff. */
const requireStaff = (req: PayloadRequest, what: string): void => {
  if (!req.user) throw new APIError(`Log in as staff to ${what}.`, 401, undefined, true)
  if (!isStaffUser(req.user)) throw new ForbiddenError(`Only staff can ${what}.`)
}

/** The one value of a query parameter; a 400 naming it when it is given more than once. */
const single = (req: PayloadRequest, name: string): string | undefined => {
  const values = req.searchParams.getAll(name)
  if (values.length > 1) throw new BadRequestError(`${name}: give it once`)
  return values[0]
}

/**
 * `GET /api/digests/proposal?from=YYYY-MM-DD&to=YYYY-MM-DD` (staff): the range's published posts
 * as proposed items grouped by language, with the next free issue number, a title and an issue
 * date. Both end days are included whole, in the server's time zone.
 */
export const proposalEndpoint: Endpoint = {
  path: '/proposal',
  method: 'get',
  handler: async (req) => {
    requireStaff(req, 'propose a digest')
    const checked = checkDayRange({ from: single(req, 'from'), to: single(req, 'to') })
    if ('error' in checked) throw new BadRequestError(checked.error)
    const proposal = await loadProposal({ req, range: checked.range, bounds: checked.bounds })
    return Response.json(proposal, { headers: NO_STORE })
  },
}

/** `GET /api/digests/issue-number` (staff): the next free issue number, trashed issues counted. */
export const issueNumberEndpoint: Endpoint = {
  path: '/issue-number',
  method: 'get',
  handler: async (req) => {
    requireStaff(req, 'see the next issue number')
    return Response.json({ issueNumber: await findNextIssueNumber(req) }, { headers: NO_STORE })
  },
}

/** The posts of the items, as the caller may read them; a 400 naming an item whose post is not. */
const readPosts = async ({
  req,
  items,
}: {
  req: PayloadRequest
  items: BuildRequestItem[]
}): Promise<Map<string, ProposalPost>> => {
  const ids = [...new Set(items.map((item) => item.post))]
  const found = await req.payload.find({
    collection: slugs.posts,
    where: { id: { in: ids } },
    limit: ids.length,
    depth: 0,
    select: { title: true, excerpt: true, language: true, sources: true, _status: true },
    overrideAccess: false,
    user: req.user,
    req,
  })
  const posts = new Map(found.docs.map((doc) => [String(doc.id), doc as unknown as ProposalPost]))
  const missing = items.findIndex((item) => !posts.has(String(item.post)))
  if (missing !== -1) {
    throw new BadRequestError(`items[${missing}].post: no post ${items[missing].post} you can read`)
  }
  return posts
}

/**
 * `POST /api/digests/build` (staff): creates a draft digest from `{ from, to }` (the range's whole
 * proposal) or from `items` (in their order: `{ post, source?, heading?, language? }`), with
 * `title`, `issueNumber` and `issueDate` proposed when not given. One transaction, through the
 * digests' access rules and hooks (the workflow records who created it). Answers 201 with the
 * digest and its admin URL.
 */
export const buildEndpoint: Endpoint = {
  path: '/build',
  method: 'post',
  handler: async (req) => {
    requireStaff(req, 'build a digest')
    await addDataAndFileToRequest(req)
    const checked = checkBuildRequest({ body: req.data, isLanguage: isLanguageCode })
    if ('error' in checked) throw new BadRequestError(checked.error)
    const { request } = checked
    const shouldCommit = await initTransaction(req)
    try {
      const proposal =
        request.range && request.bounds
          ? await loadProposal({ req, range: request.range, bounds: request.bounds })
          : undefined
      const items: BuildRequestItem[] =
        request.items ??
        (proposal?.groups ?? []).flatMap((group) =>
          group.items.map((item) => ({
            post: item.post.id,
            source: item.source?.id ?? null,
            heading: item.heading,
            language: item.language,
          })),
        )
      if (items.length === 0) {
        throw new BadRequestError(
          `from/to: no published posts from ${request.range?.from} to ${request.range?.to}`,
        )
      }
      if (proposal?.isTruncated) {
        throw new BadRequestError(
          `from/to: more than ${MAX_PROPOSAL_POSTS} posts in the range; choose a shorter one`,
        )
      }
      const posts = await readPosts({ req, items })
      const issueNumber = request.issueNumber ?? (await findNextIssueNumber(req))
      const holder = await issueNumberHolder({ req, issueNumber })
      if (holder) throw new BadRequestError(`issueNumber ${issueNumber} is taken by "${holder}"`)
      const issueDay = request.issueDate ?? request.range?.to
      const languages = new Set(items.map((item) => item.language ?? null))
      const itemData = items.map((item) =>
        digestItemData({ item, post: posts.get(String(item.post))! }),
      )
      const sources = [
        ...new Set(itemData.map((item) => item.source).filter((id) => id !== null)),
      ] as (number | string)[]
      const doc = await req.payload.create({
        collection: slugs.digests,
        data: {
          title: request.title ?? proposal?.title ?? proposedTitle({ issueNumber }),
          issueNumber,
          ...(issueDay ? { issueDate: parseIsoDay(issueDay)!.toISOString() } : {}),
          ...(proposal?.series ? { series: proposal.series } : {}),
          ...(languages.size === 1 && [...languages][0]
            ? { language: [...languages][0] as never }
            : {}),
          sources: sources as never,
          items: itemData as never,
          _status: 'draft',
        },
        draft: true,
        depth: 0,
        overrideAccess: false,
        user: req.user,
        req,
      })
      if (shouldCommit) await commitTransaction(req)
      const adminRoute = req.payload.config.routes.admin
      return Response.json(
        {
          doc,
          adminUrl: `${adminRoute}/collections/${slugs.digests}/${doc.id}`,
          message: `Draft digest "${doc.title}" created.`,
          // Posts unpublished since they were proposed: readers would find no page behind them.
          unpublished: unpublishedLinks(
            items.map((item) => {
              const post = posts.get(String(item.post))!
              return { id: post.id, title: post.title, _status: post._status }
            }),
          ),
        },
        { status: 201, headers: NO_STORE },
      )
    } catch (err) {
      if (shouldCommit) await killTransaction(req)
      throw err
    }
  },
}

const TEXT_TYPES = {
  html: 'text/html; charset=utf-8',
  text: 'text/plain; charset=utf-8',
  eml: 'message/rfc822',
} as const

/**
 * The HTML answer's own policy: nothing loads or runs (the email has no script, style sheet or
 * font of its own), only images by absolute address; opened from the CMS's origin, it is sandboxed.
 */
const EMAIL_CSP =
  "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; sandbox"

/**
 * `GET /api/digests/:id/email?format=html|text|json|eml`: the digest as an email (HTML with
 * inline styles and absolute links, its plain-text part, both as JSON with the subject, or a
 * multipart/alternative message). Staff get the latest draft; anyone else only a published
 * digest, and a 404 for anything else, as for a digest that does not exist.
 */
export const emailEndpoint = ({ siteUrl }: { siteUrl: string }): Endpoint => ({
  path: '/:id/email',
  method: 'get',
  handler: async (req) => {
    const chosen = chooseEmailFormat(req.searchParams.getAll('format'))
    if ('error' in chosen) throw new BadRequestError(chosen.error)
    const isStaff = isStaffUser(req.user)
    const doc = await req.payload.findByID({
      collection: slugs.digests,
      id: typeof req.routeParams?.id === 'string' ? req.routeParams.id : '',
      draft: isStaff,
      depth: 1,
      populate: {
        [slugs.posts]: { title: true, slug: true, _status: true },
        [slugs.sources]: { name: true, website: true },
      },
      overrideAccess: false,
      user: req.user,
      req,
      disableErrors: true,
    })
    if (!doc) {
      return Response.json(errorBody('Not Found'), { status: 404, headers: NO_STORE })
    }
    const email = digestEmail({ doc, siteUrl })
    const headers = {
      // Drafts are for staff only; a published digest may change: never kept by a cache.
      ...NO_STORE,
      'x-robots-tag': 'noindex',
    }
    switch (chosen.format) {
      case 'json':
        return Response.json(email, { headers })
      case 'text':
        return new Response(email.text, {
          headers: { ...headers, 'content-type': TEXT_TYPES.text },
        })
      case 'eml': {
        const from = {
          name: req.payload.email?.defaultFromName ?? 'Newsroom',
          address: req.payload.email?.defaultFromAddress ?? 'newsroom@localhost',
        }
        const message = await emlMessage({ email, from })
        const name = `digest-${doc.issueNumber ?? doc.id}.eml`
        return new Response(new Uint8Array(message), {
          headers: {
            ...headers,
            'content-type': TEXT_TYPES.eml,
            'content-disposition': `attachment; filename="${name}"`,
          },
        })
      }
      default:
        return new Response(email.html, {
          headers: {
            ...headers,
            'content-type': TEXT_TYPES.html,
            'content-security-policy': EMAIL_CSP,
          },
        })
    }
  },
})
