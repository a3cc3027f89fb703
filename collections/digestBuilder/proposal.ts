import type { PayloadRequest, Where } from 'payload'

import {
  itemBody,
  nextIssueNumber,
  proposedTitle,
  proposeItems,
  type BuildRequestItem,
  type DayRange,
  type ProposalPost,
  type ProposedGroup,
  type RangeBounds,
} from '../../lib/digestBuilder.ts'
import { slugs } from '../slugs.ts'

/** The most posts one proposal reads; a range with more says so (`isTruncated`). */
export const MAX_PROPOSAL_POSTS = 500

/** What `GET /api/digests/proposal` answers: the items and the issue's proposed details. */
export type Proposal = DayRange & {
  issueNumber: number
  title: string
  issueDate: string
  series: string | null
  groups: ProposedGroup[]
  totalPosts: number
  isTruncated: boolean
}

/**
 * The published, not trashed posts whose `postedAt` falls in the range (both end days whole, in
 * the runtime's time zone), as the caller may read them, oldest first.
 */
export const publishedPostsIn = async ({
  req,
  bounds,
}: {
  req: PayloadRequest
  bounds: RangeBounds
}): Promise<{ posts: ProposalPost[]; totalDocs: number }> => {
  const where: Where = {
    and: [
      { _status: { equals: 'published' } },
      { postedAt: { greater_than_equal: bounds.start.toISOString() } },
      { postedAt: { less_than: bounds.end.toISOString() } },
    ],
  }
  const found = await req.payload.find({
    collection: slugs.posts,
    where,
    sort: 'postedAt',
    limit: MAX_PROPOSAL_POSTS,
    depth: 1,
    select: {
      title: true,
      slug: true,
      excerpt: true,
      postedAt: true,
      language: true,
      sources: true,
      _status: true,
    },
    populate: { [slugs.sources]: { name: true } },
    overrideAccess: false,
    user: req.user,
    req,
  })
  return { posts: found.docs as unknown as ProposalPost[], totalDocs: found.totalDocs }
}

/**
 * Every issue number in use, as the highest of each place one is kept: the digests (trashed ones
 * too, their number is still taken) and their latest drafts (a draft may renumber an issue).
 * Read with access overridden: a contributor's proposal must not reuse a number they cannot see.
 */
const highestIssueNumbers = async (req: PayloadRequest): Promise<unknown[]> => {
  const read = (draft: boolean) =>
    req.payload.find({
      collection: slugs.digests,
      where: { issueNumber: { exists: true } },
      sort: '-issueNumber',
      limit: 1,
      depth: 0,
      draft,
      trash: true,
      select: { issueNumber: true },
      overrideAccess: true,
      req,
    })
  const saved = await read(false)
  const drafts = await read(true)
  return [...saved.docs, ...drafts.docs].map((doc) => doc.issueNumber)
}

/** The next free issue number: one more than the highest in use, trashed issues included. */
export const findNextIssueNumber = async (req: PayloadRequest): Promise<number> =>
  nextIssueNumber(await highestIssueNumbers(req))

/** The title of an issue number in use (trashed issues too), or undefined when it is free. */
export const issueNumberHolder = async ({
  req,
  issueNumber,
}: {
  req: PayloadRequest
  issueNumber: number
}): Promise<string | undefined> => {
  const found = await req.payload.find({
    collection: slugs.digests,
    where: { issueNumber: { equals: issueNumber } },
    limit: 1,
    depth: 0,
    trash: true,
    select: { title: true },
    overrideAccess: true,
    req,
  })
  const holder = found.docs[0]
  return holder ? holder.title || `digest ${holder.id}` : undefined
}

/**
 * The series of the highest-numbered digest that names one (trashed ones too: an issue put aside
 * still says what the series is called), proposed for the next issue.
 */
const latestSeries = async (req: PayloadRequest): Promise<string | null> => {
  const found = await req.payload.find({
    collection: slugs.digests,
    where: { series: { exists: true } },
    sort: '-issueNumber',
    limit: 1,
    depth: 0,
    trash: true,
    select: { series: true },
    overrideAccess: true,
    req,
  })
  return found.docs[0]?.series?.trim() || null
}

/** The proposal for a range: its published posts as grouped items, the next number and title. */
export const loadProposal = async ({
  req,
  range,
  bounds,
}: {
  req: PayloadRequest
  range: DayRange
  bounds: RangeBounds
}): Promise<Proposal> => {
  // One after another: inside the build's transaction they share one connection.
  const { posts, totalDocs } = await publishedPostsIn({ req, bounds })
  const issueNumber = await findNextIssueNumber(req)
  const series = await latestSeries(req)
  return {
    ...range,
    issueNumber,
    title: proposedTitle({ series, issueNumber }),
    issueDate: range.to,
    series,
    groups: proposeItems({ posts }),
    totalPosts: totalDocs,
    isTruncated: totalDocs > posts.length,
  }
}

/** A digest item's data for the Local API, its body made from the post's title and excerpt. */
export const digestItemData = ({ item, post }: { item: BuildRequestItem; post: ProposalPost }) => ({
  heading: item.heading ?? null,
  body: itemBody({ title: post.title, excerpt: post.excerpt }),
  post: post.id,
  source: item.source ?? null,
  language: item.language ?? post.language ?? null,
})
