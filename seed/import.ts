import type { Payload, PayloadRequest } from 'payload'

import {
  decodeSeedBytes,
  normalizeName,
  parseSeedFile,
  SeedParseError,
  type ParsedFile,
} from './parse/index.ts'
import {
  hashImportData,
  planImport,
  type ImportCollection,
  type LinkCounts,
  type PlannedDigest,
  type PlannedDocument,
  type PlannedPost,
  type PlannedRedirect,
  type PostRef,
  type Ref,
} from './plan.ts'
import { KNOWN_DOCUMENTS, type KnownDocuments } from '../collections/fields/relations.ts'
import { toSlug } from '../collections/fields/slug.ts'
import { documentPath } from '../lib/publicPaths.ts'
import { spellingKey, spellingsOf } from '../lib/topics.ts'
import { idOf } from '../lib/values.ts'

/**
 * Documents written per transaction (see runInBatches in importFiles): fewer commits, and the
 * write lock held for about a second at a time at most.
 */
const BATCH_SIZE = 200

/** Largest seed file accepted, in bytes. */
export const MAX_SEED_FILE_BYTES = 10 * 1024 * 1024

/** One file handed to the importer: its bytes, or why it could not be read. */
export type SeedInput = { name: string; bytes: Uint8Array } | { name: string; error: string }

export type Outcome = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed'

export type Counts = Record<Outcome, number>

/** What the report counts: the collections written, and the redirects from old-site addresses. */
export type ReportedCollection = ImportCollection | 'redirects'

/** A line of the report that points at the seed text it is about. */
export type ReportLine = {
  file: string
  line?: number
  collection?: ReportedCollection
  title?: string
  message: string
}

export type ImportReport = {
  isDryRun: boolean
  isForced: boolean
  files: { file: string; kind?: ParsedFile['kind']; isFailed: boolean; error?: string }[]
  counts: Record<ReportedCollection, Counts>
  /** Documents and blocks not written, with the reason. */
  skipped: ReportLine[]
  /** Documents that could not be written. */
  failures: ReportLine[]
  /** Fields left empty or guessed, and other things an editor should check. */
  warnings: ReportLine[]
  /**
   * What the files link and keep (sources of digest items and references, quoted posts,
   * references as links, related posts, topics, writers…), counted from the plan: the same for
   * every run of the same files.
   */
  linked: LinkCounts
  durationMs: number
}

export type ImportProgress = { done: number; total: number; label: string }

export type ImportOptions = {
  payload: Payload
  /** Passed to every Local API call, e.g. to share a transaction. */
  req?: Partial<PayloadRequest>
  files: SeedInput[]
  /** Parse, compare and report, but write nothing. */
  isDryRun?: boolean
  /** Overwrite drafts an editor changed since they were imported (never published ones). */
  isForced?: boolean
  onProgress?: (progress: ImportProgress) => void
}

const COLLECTIONS: ImportCollection[] = ['authors', 'sources', 'topics', 'posts', 'digests']
const REPORTED: ReportedCollection[] = [...COLLECTIONS, 'redirects']
const emptyCounts = (): Counts => ({ created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 })

type Existing = {
  id: number | string
  /** A post's or digest's title, an author's, source's or topic's name. */
  title: string
  isPublished: boolean
  isTrashed: boolean
  /** Hash the importer stored when it last wrote the document. */
  storedHash?: string
  /** Hash of the document's importable fields as they are now. */
  currentHash: string
}

type AnyDoc = Record<string, unknown> & { id: number | string }

/** A list field's value; Payload may give an empty list as null. */
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])
const rows = (value: unknown) => list(value) as Record<string, unknown>[]

/** The fields the importer owns, in the shape it writes them, from a stored or planned doc. */
export const importableFields = (collection: ImportCollection, doc: Record<string, unknown>) => {
  if (collection === 'authors')
    return { name: doc.name, bio: doc.bio, twitter: doc.twitter, email: doc.email }
  if (collection === 'sources') return { name: doc.name }
  if (collection === 'topics')
    return { name: doc.name, aliases: list(doc.aliases), description: doc.description }
  const shared = {
    title: doc.title,
    author: idOf(doc.author),
    sources: list(doc.sources).map(idOf),
    credit: doc.credit,
    postedAt: doc.postedAt,
    excerpt: doc.excerpt,
    language: doc.language,
    // A set: the order topics are stored in says nothing (and is not kept on every adapter).
    topics: list(doc.topics)
      .map(idOf)
      .sort((a, b) => String(a).localeCompare(String(b))),
    tags: list(doc.tags),
    relatedPosts: list(doc.relatedPosts).map(idOf),
  }
  if (collection === 'posts') {
    return {
      ...shared,
      creditedWriter: doc.creditedWriter,
      sourcePublishedAt: doc.sourcePublishedAt,
      content: doc.content,
      writers: rows(doc.writers).map((writer) => ({
        name: writer.name,
        author: idOf(writer.author),
      })),
      dateline: doc.dateline,
      originalPublication: doc.originalPublication,
      legacyUrls: list(doc.legacyUrls),
    }
  }
  return {
    ...shared,
    issueNumber: doc.issueNumber,
    issueDate: doc.issueDate,
    series: doc.series,
    items: rows(doc.items).map((item) => ({
      heading: item.heading,
      body: item.body,
      language: item.language,
      post: idOf(item.post),
      source: idOf(item.source),
    })),
  }
}

const titleOf = (doc: PlannedDocument) => ('title' in doc.data ? doc.data.title : doc.data.name)

const describeError = (err: unknown): string => {
  const details = (err as { data?: { errors?: { path?: string; message?: string }[] } }).data
    ?.errors
  if (Array.isArray(details) && details.length > 0) {
    return details.map((detail) => `${detail.path ?? 'document'}: ${detail.message}`).join('; ')
  }
  return err instanceof Error ? err.message : String(err)
}

/** Reads what earlier imports wrote, keyed by import key, including drafts and the trash. */
const loadImported = async ({
  payload,
  req,
  collection,
}: {
  payload: Payload
  req?: Partial<PayloadRequest>
  collection: ImportCollection
}): Promise<Map<string, Existing>> => {
  const hasDrafts = collection === 'posts' || collection === 'digests'
  const { docs } = await payload.find({
    collection,
    where: { 'provenance.importKey': { exists: true } },
    draft: hasDrafts,
    trash: true,
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const existing = new Map<string, Existing>()
  for (const doc of docs as unknown as AnyDoc[]) {
    const provenance = doc.provenance as { importKey?: string; hash?: string } | undefined
    if (!provenance?.importKey) continue
    existing.set(provenance.importKey, {
      id: doc.id,
      title: typeof doc.title === 'string' ? doc.title : String(doc.name),
      isPublished: doc._status === 'published',
      isTrashed: Boolean(doc.deletedAt),
      storedHash: provenance.hash,
      currentHash: hashImportData(importableFields(collection, doc)),
    })
  }
  return existing
}

/** Every author, source or topic (trash included): names, and a topic's aliases. */
const loadNamed = async ({
  payload,
  req,
  collection,
}: {
  payload: Payload
  req?: Partial<PayloadRequest>
  collection: 'authors' | 'sources' | 'topics'
}): Promise<{ id: number | string; name: string; aliases: string[] }[]> => {
  const { docs } = await payload.find({
    collection,
    depth: 0,
    limit: 0,
    pagination: false,
    trash: true,
    overrideAccess: true,
    select: collection === 'topics' ? { name: true, aliases: true } : { name: true },
    req,
  })
  return (docs as unknown as AnyDoc[]).map((doc) => ({
    id: doc.id,
    name: String(doc.name),
    aliases: list(doc.aliases).map(String),
  }))
}

/**
 * Unique slugs for the documents this import will create, chosen as the slug field would
 * (`title`, `title-2`, …) against every slug in use, the trash included.
 */
const reserveSlugs = async ({
  payload,
  req,
  plan,
  existing,
}: {
  payload: Payload
  req?: Partial<PayloadRequest>
  plan: ReturnType<typeof planImport>
  existing: Record<ImportCollection, Map<string, Existing>>
}): Promise<Map<string, string>> => {
  const reserved = new Map<string, string>()
  for (const collection of COLLECTIONS) {
    const docs: PlannedDocument[] = plan[collection]
    const toCreate = docs.filter((doc) => !existing[collection].has(doc.key))
    if (toCreate.length === 0) continue
    const { docs: inUse } = await payload.find({
      collection,
      select: { slug: true },
      depth: 0,
      limit: 0,
      pagination: false,
      trash: true,
      overrideAccess: true,
      req,
    })
    const taken = new Set((inUse as unknown as { slug?: string | null }[]).map((doc) => doc.slug))
    for (const doc of toCreate) {
      const base = toSlug(titleOf(doc))
      if (!base) continue
      let candidate = base
      for (let n = 2; taken.has(candidate); n += 1) candidate = `${base}-${n}`
      taken.add(candidate)
      reserved.set(`${collection}:${doc.key}`, candidate)
    }
  }
  return reserved
}

/** Decodes and parses every input; failures become report lines, the rest are returned. */
const parseInputs = ({ files, report }: { files: SeedInput[]; report: ImportReport }) => {
  const parsed: ParsedFile[] = []
  for (const input of files) {
    try {
      if ('error' in input) throw new Error(input.error)
      if (input.bytes.byteLength > MAX_SEED_FILE_BYTES) {
        throw new Error(
          `file is ${input.bytes.byteLength} bytes; the limit is ${MAX_SEED_FILE_BYTES}`,
        )
      }
      const text = decodeSeedBytes({ fileName: input.name, bytes: input.bytes })
      const file = parseSeedFile({ fileName: input.name, text })
      parsed.push(file)
      report.files.push({ file: input.name, kind: file.kind, isFailed: false })
    } catch (err) {
      const isParseError = err instanceof SeedParseError
      const message = isParseError ? err.reason : err instanceof Error ? err.message : String(err)
      const line = isParseError ? err.line : undefined
      report.files.push({
        file: input.name,
        isFailed: true,
        error: `${input.name}${line === undefined ? '' : `:${line}`}: ${message}`,
      })
      report.failures.push({ file: input.name, line, message })
    }
  }
  return parsed
}

/**
 * Imports seed text files as drafts: Authors, Sources, Posts and Digests. Safe to run again:
 * a document is found by its import key, written only when the seed text changed and nobody
 * edited it since, and never when it is published or in the trash. Writes are committed in
 * batches, each batch whole or not at all, so a run killed half-way and run again ends as one
 * whole run would; a document that fails is retried alone and fails alone.
 * The CLI, the first-start import and the tests all call this.
 */
export const importFiles = async ({
  payload,
  req,
  files,
  isDryRun = false,
  isForced = false,
  onProgress,
}: ImportOptions): Promise<ImportReport> => {
  const started = Date.now()
  const report: ImportReport = {
    isDryRun,
    isForced,
    files: [],
    counts: Object.fromEntries(REPORTED.map((c) => [c, emptyCounts()])) as ImportReport['counts'],
    skipped: [],
    failures: [],
    warnings: [],
    linked: {} as LinkCounts,
    durationMs: 0,
  }
  const parsed = parseInputs({ files, report })

  const existing = Object.fromEntries(
    await Promise.all(
      COLLECTIONS.map(
        async (collection) =>
          [collection, await loadImported({ payload, req, collection })] as const,
      ),
    ),
  ) as Record<ImportCollection, Map<string, Existing>>
  const normalize = (name: string) => normalizeName({ name })
  const named = {
    authors: await loadNamed({ payload, req, collection: 'authors' }),
    sources: await loadNamed({ payload, req, collection: 'sources' }),
    topics: await loadNamed({ payload, req, collection: 'topics' }),
  }
  const byName = {
    authors: new Map(named.authors.map((doc) => [normalize(doc.name), doc.id])),
    sources: new Map(named.sources.map((doc) => [normalize(doc.name), doc.id])),
    // A topic is found by any of its spellings, so one an editor renamed is still found.
    topics: new Map(
      named.topics.flatMap((doc) =>
        spellingsOf(doc).map((spelling) => [spellingKey(spelling), doc.id]),
      ),
    ),
  }
  const nameKey = (collection: 'authors' | 'sources' | 'topics', name: string) =>
    collection === 'topics' ? spellingKey(name) : normalize(name)

  const plan = planImport({
    files: parsed,
    known: {
      authors: named.authors.map((doc) => doc.name),
      sources: named.sources.map((doc) => doc.name),
      topics: named.topics,
      postTitles: [...existing.posts.values()].map((doc) => doc.title),
    },
  })
  report.linked = plan.linked
  report.warnings.push(...plan.warnings)
  report.skipped.push(
    ...plan.skipped.map((item) => ({ file: item.file, line: item.line, message: item.reason })),
  )

  const reservedSlugs = isDryRun
    ? new Map<string, string>()
    : await reserveSlugs({ payload, req, plan, existing })
  const slugFor = (doc: PlannedDocument) => reservedSlugs.get(`${doc.collection}:${doc.key}`)

  // Posts earlier imports wrote can be linked before this run reaches them.
  const ids = new Map<string, number | string>(
    [...existing.posts].map(([key, doc]) => [key, doc.id] as const),
  )
  // Every document this run links to was read above or is written by it (and added once
  // committed): the relationship check need not ask the database about them again.
  const known = new Map<string, Set<string>>([
    ...(['authors', 'sources', 'topics'] as const).map(
      (collection) =>
        [collection, new Set(named[collection].map((doc) => String(doc.id)))] as const,
    ),
    ['posts', new Set([...existing.posts.values()].map((doc) => String(doc.id)))],
    ['digests', new Set([...existing.digests.values()].map((doc) => String(doc.id)))],
  ])
  const knownDocuments: KnownDocuments = known
  const total = COLLECTIONS.reduce((sum, collection) => sum + plan[collection].length, 0)
  let done = 0
  const tick = (doc: PlannedDocument) => onProgress?.({ done: ++done, total, label: titleOf(doc) })

  const record = (doc: PlannedDocument, outcome: Outcome, message?: string) => {
    report.counts[doc.collection][outcome] += 1
    const line = { file: doc.file, line: doc.line, collection: doc.collection, title: titleOf(doc) }
    if (outcome === 'skipped' && message) report.skipped.push({ ...line, message })
    if (outcome === 'failed' && message) report.failures.push({ ...line, message })
    if (outcome !== 'skipped' && outcome !== 'failed' && message)
      report.warnings.push({ ...line, message })
  }

  const write = async ({
    doc,
    data,
    current,
    req: writeReq,
  }: {
    doc: PlannedDocument
    data: Record<string, unknown>
    current?: Existing
    req?: Partial<PayloadRequest>
  }): Promise<number | string | undefined> => {
    // In a batch, a new document gets the slug reserved for it up front (one query per
    // collection instead of one per document); alone, the slug field's hook picks one.
    const reserved = !current && writeReq?.transactionID !== undefined ? slugFor(doc) : undefined
    const hash = hashImportData(importableFields(doc.collection, data))
    const hasDrafts = doc.collection === 'posts' || doc.collection === 'digests'
    const fullData = {
      ...data,
      ...(reserved ? { slug: reserved } : {}),
      // Imports only ever write drafts.
      ...(hasDrafts ? { _status: 'draft' } : {}),
      provenance: {
        importKey: doc.key,
        file: doc.file,
        line: doc.line,
        hash,
        importedAt: new Date().toISOString(),
      },
    }
    const common = {
      collection: doc.collection,
      data: fullData as never,
      overrideAccess: true,
      context: { isImport: true, [KNOWN_DOCUMENTS]: knownDocuments },
      // Only the id is used: skip populating relationships in the returned document.
      depth: 0,
      req: writeReq,
    }
    if (!current) {
      if (isDryRun) return `dry-run:${doc.key}`
      const created = await payload.create(common)
      return created.id
    }
    if (!isDryRun) await payload.update({ ...common, id: current.id })
    return current.id
  }

  /** The id of a planned or existing record; a name an editor gave it is enough for named ones. */
  const resolveRef = (ref: Ref | PostRef | undefined): number | string | undefined => {
    if (!ref) return undefined
    const id = ids.get(ref.key)
    if (id !== undefined || ref.collection === 'posts') return id
    // The key is `<kind>:<name key>`, the same key byName is built on.
    return byName[ref.collection].get(ref.key.slice(ref.key.indexOf(':') + 1))
  }

  /** Posts a document links that have no id yet (written later in this run). */
  const pendingLinks = new Map<string, PlannedPost | PlannedDigest>()

  /** A post's or digest's data with every link resolved to an id; unresolved ones dropped. */
  const resolveContent = (doc: PlannedPost | PlannedDigest): Record<string, unknown> => {
    const ids = <T extends Ref | PostRef>(refs: T[]) =>
      refs.map(resolveRef).filter((id) => id !== undefined)
    const postLinks: PostRef[] = [...doc.data.relatedPosts]
    const shared = {
      ...doc.data,
      author: resolveRef(doc.data.author),
      sources: ids(doc.data.sources),
      topics: ids(doc.data.topics),
      relatedPosts: ids(doc.data.relatedPosts),
    }
    let data: Record<string, unknown>
    if (doc.collection === 'posts') {
      const { data: post } = doc
      data = {
        ...shared,
        writers: post.writers.map((writer) => ({
          name: writer.name,
          author: resolveRef(writer.author),
        })),
      }
    } else {
      const { data: digest } = doc
      data = {
        ...shared,
        items: digest.items.map((item) => {
          if (item.post) postLinks.push(item.post)
          return { ...item, post: resolveRef(item.post), source: resolveRef(item.source) }
        }),
      }
    }
    if (postLinks.some((ref) => resolveRef(ref) === undefined)) pendingLinks.set(doc.key, doc)
    else pendingLinks.delete(doc.key)
    return data
  }

  type Result = { outcome: Outcome; message?: string; id?: number | string }

  /** Authors, sources and topics: found by key or name, created when missing, never overwritten. */
  const processNamed = async (doc: PlannedDocument, writeReq?: Partial<PayloadRequest>) => {
    const collection = doc.collection as 'authors' | 'sources' | 'topics'
    const found = existing[collection].get(doc.key)
    const spellings =
      collection === 'topics'
        ? spellingsOf(doc.data as { name: string; aliases: string[] })
        : [(doc.data as { name: string }).name]
    const byNameId = spellings
      .map((spelling) => byName[collection].get(nameKey(collection, spelling)))
      .find((id) => id !== undefined)
    if (found ?? byNameId) return { outcome: 'unchanged', id: found?.id ?? byNameId } as Result
    return { outcome: 'created', id: await write({ doc, data: doc.data, req: writeReq }) } as Result
  }

  /** Posts and digests: created, updated when the seed text changed, or left alone. */
  const processContent = async (
    doc: PlannedPost | PlannedDigest,
    writeReq?: Partial<PayloadRequest>,
  ): Promise<Result> => {
    const data = resolveContent(doc)
    const current = existing[doc.collection].get(doc.key)
    if (!current) {
      const id = await write({ doc, data, req: writeReq })
      return { outcome: 'created', id }
    }
    const hash = hashImportData(importableFields(doc.collection, data))
    const { id } = current
    const left = (message: string): Result => {
      // Nothing of ours is written to it, so nothing waits for a second pass.
      pendingLinks.delete(doc.key)
      return { outcome: 'skipped', message, id }
    }
    if (current.isTrashed) return left('in the trash: restore it to let imports update it')
    if (current.isPublished) return left('published: imports never change published documents')
    if (current.currentHash !== current.storedHash && !isForced) {
      return left('changed by an editor since it was imported (--force overwrites)')
    }
    if (current.currentHash !== current.storedHash) {
      await write({ doc, data, current, req: writeReq })
      return { outcome: 'updated', message: "overwrote an editor's changes (--force)", id }
    }
    if (current.storedHash === hash) return { outcome: 'unchanged', id }
    await write({ doc, data, current, req: writeReq })
    return { outcome: 'updated', id }
  }

  /** Keys of the posts and digests this run created or updated. */
  const written = new Set<string>()

  const apply = (doc: PlannedDocument, result: Result) => {
    if (result.id !== undefined) {
      ids.set(doc.key, result.id)
      known.get(doc.collection)?.add(String(result.id))
    }
    if (result.outcome === 'created' || result.outcome === 'updated') written.add(doc.key)
    record(doc, result.outcome, result.message)
  }

  /** Writes again the documents written with a link to a post that had no id yet. */
  const linkPending = async () => {
    for (const doc of [...pendingLinks.values()]) {
      const id = ids.get(doc.key)
      if (id === undefined || !written.has(doc.key)) continue
      const data = resolveContent(doc)
      try {
        await write({ doc, data, current: { id } as Existing, req })
      } catch (err) {
        record(doc, 'failed', `its links to other posts: ${describeError(err)}`)
      }
    }
  }

  /**
   * Runs `process` over `docs` in transactions of up to BATCH_SIZE documents: one commit per
   * batch instead of one per document. When a document of a batch fails, the batch is rolled
   * back: the documents before it are written again in a transaction of their own, the one that
   * failed is tried alone (it fails alone, with its own error, or goes through), and the rest
   * go on in batches. A run killed half-way leaves whole batches, and running it again finishes
   * the job (documents are found by import key).
   */
  const runInBatches = async <D extends PlannedDocument>(
    docs: D[],
    process: (doc: D, writeReq?: Partial<PayloadRequest>) => Promise<Result>,
  ) => {
    // A caller's own transaction, or a dry run: no batches of our own.
    const canBatch = !isDryRun && req?.transactionID === undefined

    /** One document in a transaction of its own (or the caller's). */
    const alone = async (doc: D) => {
      try {
        apply(doc, await process(doc, req))
      } catch (err) {
        record(doc, 'failed', describeError(err))
      }
      tick(doc)
    }

    /**
     * `batch` in one transaction: `true` once committed; else nothing of it is written, and
     * the index of the document that failed is given, if one did.
     */
    const inOneTransaction = async (batch: D[]): Promise<true | { failedAt?: number }> => {
      const transactionID = await payload.db.beginTransaction()
      if (transactionID === null || transactionID === undefined) return {}
      const batchReq = { ...req, transactionID }
      const results: Result[] = []
      try {
        for (const doc of batch) results.push(await process(doc, batchReq))
      } catch {
        // Payload may already have rolled it back; then this is a no-op.
        await payload.db.rollbackTransaction(transactionID).catch(() => undefined)
        return { failedAt: results.length }
      }
      try {
        await payload.db.commitTransaction(transactionID)
      } catch {
        await payload.db.rollbackTransaction(transactionID).catch(() => undefined)
        return {}
      }
      batch.forEach((doc, index) => {
        apply(doc, results[index])
        tick(doc)
      })
      return true
    }

    let start = 0
    while (start < docs.length) {
      const batch = docs.slice(start, start + BATCH_SIZE)
      const outcome = canBatch ? await inOneTransaction(batch) : {}
      if (outcome === true) {
        start += batch.length
        continue
      }
      const { failedAt } = outcome
      if (failedAt === undefined) {
        for (const doc of batch) await alone(doc)
        start += batch.length
        continue
      }
      const before = batch.slice(0, failedAt)
      if (before.length > 0 && (await inOneTransaction(before)) !== true) {
        for (const doc of before) await alone(doc)
      }
      await alone(batch[failedAt])
      start += failedAt + 1
    }
  }

  await runInBatches([...plan.authors, ...plan.sources, ...plan.topics], processNamed)
  await runInBatches(
    [...plan.posts, ...plan.digests] as (PlannedPost | PlannedDigest)[],
    processContent,
  )
  // A post can link one written after it (an article and the "Also read" posts that link
  // back): those links are written now that every post has an id, so the stored hash covers
  // them and the next run finds nothing to change.
  if (!isDryRun) await linkPending()
  for (const redirect of plan.redirects) {
    const line = {
      file: redirect.file,
      line: redirect.line,
      collection: 'redirects' as const,
      title: redirect.key,
    }
    let result: RedirectResult
    try {
      result = await importRedirect({ payload, req, redirect, isDryRun })
    } catch (err) {
      result = { outcome: 'failed', message: describeError(err) }
    }
    report.counts.redirects[result.outcome] += 1
    if (result.outcome === 'skipped') report.skipped.push({ ...line, message: result.message })
    if (result.outcome === 'failed') report.failures.push({ ...line, message: result.message })
    onProgress?.({ done: total, total, label: redirect.key })
  }

  report.durationMs = Date.now() - started
  return report
}

type RedirectResult =
  | { outcome: 'created' | 'updated' | 'unchanged' }
  | { outcome: 'skipped' | 'failed'; message: string }

/**
 * One old-site address as a redirect (kind `imported`) to the post its article became, at that
 * post's current slug: created when missing, its target brought up to date when the post's
 * slug changed, and left alone when an editor made one from that path or the CMS made it
 * automatically. Written after the posts, so the post exists.
 */
const importRedirect = async ({
  payload,
  req,
  redirect,
  isDryRun,
}: {
  payload: Payload
  req?: Partial<PayloadRequest>
  redirect: PlannedRedirect
  isDryRun: boolean
}): Promise<RedirectResult> => {
  const { docs: posts } = await payload.find({
    collection: 'posts',
    where: { 'provenance.importKey': { equals: redirect.data.post.key } },
    draft: true,
    trash: true,
    depth: 0,
    limit: 1,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const post = posts[0]
  const { docs: found } = await payload.find({
    collection: 'redirects',
    where: { from: { equals: redirect.data.from } },
    depth: 0,
    limit: 1,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const existing = found[0]
  if (existing && existing.kind !== 'imported') {
    return {
      outcome: 'skipped',
      message: `a redirect from this path already exists (${existing.kind}, to ${existing.to}): left alone`,
    }
  }
  if (!post) {
    // A dry run has not created the post; a real run failed to.
    return isDryRun
      ? { outcome: 'created' }
      : {
          outcome: 'failed',
          message: `its post "${redirect.data.post.title}" was not imported`,
        }
  }
  if (post.deletedAt) {
    return { outcome: 'skipped', message: `its post "${post.title}" is in the trash` }
  }
  const to = documentPath({ collection: 'posts', slug: post.slug, id: post.id })
  if (existing?.to === to) return { outcome: 'unchanged' }
  if (isDryRun) return { outcome: existing ? 'updated' : 'created' }
  const data = {
    from: redirect.data.from,
    to,
    kind: 'imported' as const,
    statusCode: 301,
    document: { relationTo: 'posts' as const, value: post.id },
    note: `Imported from ${redirect.data.url} (${redirect.file}:${redirect.line})`,
  }
  const common = { collection: 'redirects' as const, depth: 0, overrideAccess: true, req }
  if (existing) {
    await payload.update({ ...common, id: existing.id, data, context: { isImport: true } })
    return { outcome: 'updated' }
  }
  await payload.create({ ...common, data, context: { isImport: true } })
  return { outcome: 'created' }
}

/** True when any file or document failed: the CLI exits non-zero. */
export const hasFailures = (report: ImportReport): boolean =>
  report.failures.length > 0 || report.files.some((file) => file.isFailed)
