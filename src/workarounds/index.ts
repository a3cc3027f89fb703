/**
 * The defect register: every workaround of a defect (or a missing hook) in Payload, Drizzle,
 * libsql or Next lives here, and nowhere else does our code assign to a method of Payload, an
 * adapter, a driver or a Node response (the HTTP-caching middleware, which must hold a response
 * back to tag it, is the one exception). Each entry names the package and version it is for,
 * what breaks without it, the upstream issue, and the canary test that fails once upstream
 * changes the code it works around, so the workaround can be deleted then.
 *
 * The canaries are in tests/unit/workarounds.test.ts unless an entry names another.
 */
import type { Config, Payload, Plugin } from 'payload'

import { chainOnInit } from '../plugins/onInit.ts'
import { outboxTransactionEnded } from '../plugins/contentEvents/index.ts'
import { transactionEnded } from '../plugins/responseCache/hooks.ts'
import { trackAdapterReads } from '../plugins/responseCache/dependencies.ts'
import { countOnlyWhenNeeded } from './counts.ts'
import {
  checkInternalCollections,
  guardJobQueue,
  listenForTransactionEnds,
  routesOffAreNotFound,
  surfaceAuthDatabaseErrors,
} from './payload.ts'
import {
  endFailedJobTransactions,
  queueLoneWrites,
  retireSpentConnections,
  serializeWriteTransactions,
  surfaceCommitErrors,
  writeOnOneConnection,
  type LibsqlClient,
} from './sqlite.ts'
import { sql } from '@payloadcms/db-postgres'
import { createClient, type Config as LibsqlConfig } from '@libsql/client'

import { closePoolsOnDestroy, compareJsonAsText, reportPoolErrorsTo } from './postgres.ts'
import { libsqlDatabase, reusePreparedStatements } from './statements.ts'
import { lookPastLimitLightly } from './versions.ts'
import { reuseRelationalQueryText, sampleRelationalQuery } from './relationalQueries.ts'
import { reuseInsertText, sampleInsert } from './insertQueries.ts'
import { claimJobsAtomically } from './jobs.ts'

export type Workaround = {
  id: string
  /** The package and the version whose code this works around. */
  package: string
  /** What goes wrong without it. */
  breaks: string
  upstream: string
  /** The test that fails once upstream behaves differently. */
  canary: string
  /** Only on these adapters (`payload.db.name`); every adapter when absent. */
  adapters?: ('sqlite' | 'postgres')[]
  /** The patch, applied when Payload starts; absent for a workaround that lives in `where`. */
  apply?: (payload: Payload, options: WorkaroundOptions) => void
  /** Where a workaround without `apply` is. */
  where?: string
}

export type WorkaroundOptions = {
  /** How long a write waits for SQLite's writer slot (DATABASE_BUSY_SECONDS). */
  busySeconds: number
  /** A job claimed this long ago with no progress is taken to have lost its worker (JOBS_STALE_SECONDS). */
  jobsStaleSeconds: number
}

export const WORKAROUNDS: Workaround[] = [
  {
    id: 'drizzle-commit-errors',
    package: '@payloadcms/drizzle 3.90.2 (commitTransaction, shared by db-sqlite and db-postgres)',
    breaks:
      'a COMMIT the database refuses (SQLite: read-only or full disk, a lock; PostgreSQL: the server went away mid-transaction) is swallowed: the API answers 201 for a write that was rolled back',
    upstream: 'not reported',
    canary:
      'tests/unit/workarounds.test.ts: drizzle commitTransaction still catches (behaviour: tests/faults/sqlite.test.ts, tests/faults/postgres.test.ts)',
    adapters: ['sqlite', 'postgres'],
    // Must wrap the adapter before the write queue, which keeps BEGINs one at a time.
    apply: (payload) => surfaceCommitErrors(payload.db as never),
  },
  {
    id: 'libsql-spent-connections',
    package: '@libsql/client 0.14 / 0.15 (as bundled by @payloadcms/db-sqlite 3.90.2)',
    breaks:
      'the client keeps using a spent connection: after SQLITE_BUSY the next transaction on it fails at COMMIT ("SQL statements in progress"); one opened while the file was read-only refuses every write after the file is writable again',
    upstream: 'not reported',
    canary: 'tests/integration/sqlite-connections.test.ts',
    adapters: ['sqlite'],
    apply: (payload) =>
      retireSpentConnections((payload.db as unknown as { client: LibsqlClient }).client),
  },
  {
    id: 'libsql-transaction-connections',
    package:
      '@libsql/client 0.14 (Sqlite3Client.transaction, as bundled by @payloadcms/db-sqlite 3.90.2)',
    breaks:
      'every transaction leaves the client on a new connection and the old one open for the life of the process (a garbage collection does not close it): a few megabytes per save or per import batch (with libsql-finalizers-starved, the 100,000-post dataset was killed at 42,000 posts with 22.9 GB resident)',
    upstream: 'tursodatabase/libsql-client-ts#350 (open)',
    canary:
      'tests/integration/sqlite-connections.test.ts: the connections of committed transactions are still open until a full garbage collection (behaviour: the same file, transactions on one connection)',
    adapters: ['sqlite'],
    // After libsql-spent-connections, whose retirement must keep the client's own transaction().
    apply: (payload) => {
      const db = payload.db as unknown as { client: LibsqlClient & { close: () => void } }
      const { clientConfig } = payload.db as unknown as { clientConfig: LibsqlConfig }
      writeOnOneConnection(db.client, () => createClient(clientConfig))
    },
  },
  {
    id: 'libsql-finalizers-starved',
    package: 'libsql 0.4.7 (the native driver under @libsql/client 0.14.0), on Node 20',
    breaks:
      'the driver is synchronous, so a chain of Local API writes (an import, the dataset writer, a reindex) runs in promise callbacks alone and the event loop never turns; libsql frees a statement only in a finalizer Node runs when it does: every statement of the chain stays in memory (about 0.5 MB per document written, with a flat JavaScript heap), and no request is answered meanwhile',
    upstream: 'not reported (how Node defers native finalizers, with a driver that never waits)',
    canary:
      'tests/unit/sqliteWriteLock.test.ts: the write queue lets the event loop turn before each transaction (behaviour: bench/dataset.ts reports resident memory)',
    adapters: ['sqlite'],
    where: 'src/workarounds/sqlite.ts (serializeWriteTransactions, before each BEGIN)',
  },
  {
    id: 'libsql-prepares-every-statement',
    package: '@libsql/client 0.14.0 (sqlite3.js, executeStmt) over libsql 0.4.7',
    breaks:
      'every statement is compiled anew, though Drizzle sends the same few texts again and again with other values: about a tenth of the time of each imported post (eight statements) went to compiling them again',
    upstream: 'not reported',
    canary:
      'tests/unit/workarounds.test.ts: executeStmt still prepares each statement it runs (behaviour: tests/unit/preparedStatements.test.ts)',
    adapters: ['sqlite'],
    apply: () => reusePreparedStatements(libsqlDatabase()),
  },
  {
    id: 'sqlite-write-queue',
    package: '@payloadcms/db-sqlite 3.90.2 with @libsql/client',
    breaks:
      'each transaction opens a fresh connection that fails with SQLITE_BUSY at once instead of waiting: concurrent saves in one process fail',
    upstream: 'not reported',
    canary: 'tests/unit/sqliteWriteLock.test.ts and tests/faults/sqlite.test.ts',
    adapters: ['sqlite'],
    apply: (payload, { busySeconds }) =>
      serializeWriteTransactions(payload.db, {
        waitMs: busySeconds * 1000,
        onLongTransaction: ({ seconds, begunAt }) =>
          payload.logger.error(
            `a database transaction has held the write lock for ${seconds} s: writes are ` +
              `refused until it ends. It began at:\n${begunAt}`,
          ),
      }),
  },
  {
    id: 'sqlite-lone-writes',
    package: 'payload 3.90.2 (queues/operations/runJobs) with @payloadcms/db-sqlite 3.90.2',
    breaks:
      'a write Payload makes outside any transaction (deleting completed jobs) goes to the shared connection and fails at once with SQLITE_BUSY while a save holds the writer: "Failed to delete jobs … on complete", the job left behind',
    upstream: 'not reported',
    canary:
      'tests/unit/workarounds.test.ts: runJobs still deletes completed jobs with db.deleteMany and no transaction (behaviour: tests/integration/job-claims.test.ts)',
    adapters: ['sqlite'],
    // After the write queue, whose transactions it uses.
    apply: (payload) => queueLoneWrites(payload.db),
  },
  {
    id: 'job-claims-not-atomic',
    package:
      'payload 3.90.2 (queues/operations/runJobs, utilities/updateJob.js) with @payloadcms/drizzle and db-mongodb 3.90.2 (updateJobs)',
    breaks:
      'instances polling the queue at once claim the same jobs (read, then update by id without `processing = false`; MongoDB drops the condition): a scheduled publish ran, was published and audited twice (3 workers, 40 jobs on PostgreSQL: 90 runs); a job whose worker died stays processing for ever',
    upstream: 'fixed in Payload 4 only (`processingToken`, payloadcms/payload#17441)',
    canary:
      'tests/unit/workarounds.test.ts: runJobs still claims through updateJobs and drizzle updateJobs still updates by id (behaviour: tests/integration/job-claims.test.ts, tests/instances/)',
    // Inside endFailedJobTransactions (before it in this list): a failed claim ends its transaction.
    apply: (payload, { jobsStaleSeconds }) =>
      claimJobsAtomically(payload, { staleSeconds: jobsStaleSeconds }),
  },
  {
    id: 'job-update-transaction',
    package: 'payload 3.90.2 (queues/utilities/updateJob.js)',
    breaks:
      'a failed job update leaves its own transaction open: on SQLite it holds the one writer slot and every later write fails; on PostgreSQL it holds a pooled connection and its row locks',
    upstream: 'not reported',
    canary: 'tests/unit/workarounds.test.ts: updateJobs still commits only on success',
    adapters: ['sqlite', 'postgres'],
    apply: (payload) => endFailedJobTransactions(payload.db),
  },
  {
    id: 'postgres-pool-errors',
    package: '@payloadcms/db-postgres 3.90.2 (connect.js) with pg 8.20',
    breaks:
      'the adapter attaches no error listener to its pool: an idle connection the server cuts (a restart, a failover) makes the pool emit an error nobody handles, and the process exits',
    upstream: 'not reported',
    canary:
      'tests/unit/workarounds.test.ts: db-postgres still adds no pool error listener (behaviour: tests/faults/postgres.test.ts, the server restarted)',
    adapters: ['postgres'],
    where: 'src/workarounds/postgres.ts (NewsroomPool, given to the adapter as its `pg`)',
    // The message and code only: node-postgres errors can carry their client, password and all.
    apply: (payload) =>
      reportPoolErrorsTo((message, err) => {
        const { message: detail, code } = (err ?? {}) as { message?: string; code?: string }
        payload.logger.warn(`${message}: ${detail ?? String(err)}${code ? ` (${code})` : ''}`)
      }),
  },
  {
    id: 'postgres-held-check-connection',
    package: '@payloadcms/db-postgres 3.90.2 (connectWithReconnect in connect.js)',
    breaks:
      'the connection taken to check the server is never given back: one pooled connection is held for ever, and one more after each reset (with DATABASE_POOL_MAX=1 every query would wait)',
    upstream: 'not reported',
    canary:
      'tests/unit/workarounds.test.ts: connectWithReconnect still keeps its client (behaviour: tests/faults/postgres.test.ts, a pool of one)',
    adapters: ['postgres'],
    where: 'src/workarounds/postgres.ts (NewsroomPool#connect)',
  },
  {
    id: 'postgres-destroy-keeps-pools',
    package: '@payloadcms/drizzle 3.90.2 (destroy.js)',
    breaks:
      'payload.destroy() leaves the connection pools open: their connections outlive Payload, a command-line tool cannot exit',
    upstream: 'not reported',
    canary: 'tests/unit/workarounds.test.ts: drizzle destroy still leaves the pool',
    adapters: ['postgres'],
    apply: (payload) => closePoolsOnDestroy(payload.db),
  },
  {
    id: 'postgres-json-comparisons',
    package: '@payloadcms/drizzle 3.90.2 (queries/parseParams.js, operatorMap)',
    breaks:
      'like, equals… on a whole rich-text or JSON field reach the jsonb column as they are: "operator does not exist: jsonb ~~* unknown", a 500 (e.g. where[content][like]=… on posts)',
    upstream: 'not reported',
    canary:
      'tests/unit/workarounds.test.ts: drizzle still applies like to the bare column (behaviour: tests/integration/search-index.test.ts on PostgreSQL)',
    adapters: ['postgres'],
    apply: (payload) => compareJsonAsText(payload.db as never, (column) => sql`${column}::text`),
  },
  {
    id: 'no-commit-listener',
    package: 'payload 3.90.2 (no after-commit hook)',
    breaks:
      'a read between a write’s hook and its COMMIT would be cached as current, and webhook deliveries queued by a write would wait for the next tick of the queue: the response cache and the outbox must hear of commits',
    upstream: 'not reported (a feature Payload lacks)',
    canary: 'tests/unit/workarounds.test.ts: no afterCommit hook in the config types',
    apply: (payload) =>
      listenForTransactionEnds({
        db: payload.db,
        onEnd: (event) => {
          transactionEnded(event)
          outboxTransactionEnded(event)
        },
      }),
  },
  {
    id: 'no-read-listener',
    package: 'payload 3.90.2 (no hook on what a request reads)',
    breaks:
      'the response cache cannot tell which documents an answer shows (afterRead hooks see documents, not the lists and lookups that found them), so every write had to drop every cached answer: a post read by slug left the cache whenever any post was published',
    upstream: 'not reported (a feature Payload lacks)',
    canary:
      'tests/unit/workarounds.test.ts: the database adapter type still has no read hook (behaviour: tests/e2e/http-cache.test.ts, tests/unit/responseCacheDependencies.test.ts)',
    apply: (payload) => trackAdapterReads(payload),
  },
  {
    id: 'graphql-parsed-per-request',
    package: '@payloadcms/next 3.90.2 (routes/graphql/handler.js, with graphql-http 1.23)',
    breaks:
      'every GraphQL request parses its query and checks it against all of GraphQL’s rules again, though front ends send the same few queries with other variables: 9% of the CPU of a GraphQL read',
    upstream: 'not reported (graphql-http takes parse and validate options; Payload passes none)',
    canary:
      'tests/unit/workarounds.test.ts: Payload’s GraphQL handler is still the one copied (behaviour: tests/e2e/http.test.ts, tests/unit/graphqlDocuments.test.ts)',
    where:
      'src/plugins/expressApi/graphql.ts (a copy of the handler with kept documents, which the Express server answers GraphQL with)',
  },
  {
    id: 'drizzle-needless-counts',
    package: '@payloadcms/drizzle 3.90.2 (findMany)',
    breaks:
      'every paginated find runs a second query to count its matches, also when the total is already known: a lookup by a unique field (a post by slug, at most one match) or a first page that is not full; the front ends’ commonest read pays for a count it cannot need',
    upstream: 'not reported (a feature Payload lacks)',
    canary:
      'tests/unit/workarounds.test.ts: drizzle findMany still counts unless pagination is false (behaviour: tests/integration/lean-reads.test.ts)',
    adapters: ['sqlite', 'postgres'],
    apply: (payload) => countOnlyWhenNeeded(payload),
  },
  {
    id: 'drizzle-rebuilds-every-query',
    package: 'drizzle-orm 0.45.2 (relational queries, sqlite-core and pg-core query.js _toSQL)',
    breaks:
      'every read builds its SQL text anew (a select with a JSON sub-query per array, relationship and locale table, every column aliased, then the tree turned into text), though front ends send the same few shapes with other values: a fifth of the CPU of a post read by slug',
    upstream: 'not reported (Drizzle keeps a text only for queries prepared by hand)',
    canary:
      'tests/unit/workarounds.test.ts: the relational query still builds its text in _toSQL on every run (behaviour: tests/integration/relational-query-shapes.test.ts)',
    adapters: ['sqlite', 'postgres'],
    apply: (payload) => {
      const { drizzle } = payload.db as unknown as {
        drizzle: Parameters<typeof sampleRelationalQuery>[0]
      }
      const sample = sampleRelationalQuery(drizzle)
      if (sample) reuseRelationalQueryText(sample)
    },
  },
  {
    id: 'drizzle-rebuilds-every-insert',
    package: 'drizzle-orm 0.45.2 (sqlite-core and pg-core insert.js _prepare, buildInsertQuery)',
    breaks:
      'every insert builds its SQL text anew (a value, default or null per column and row, every column returned, then the tree turned into text), though Payload writes each document as the same few inserts: the row, its relationships and arrays, its version and theirs; about a tenth of the time of each imported post',
    upstream: 'not reported (Drizzle keeps a text only for queries prepared by hand)',
    canary:
      'tests/unit/workarounds.test.ts: the insert still builds its text in _prepare on every run (behaviour: tests/integration/relational-query-shapes.test.ts)',
    adapters: ['sqlite', 'postgres'],
    apply: (payload) => {
      const { drizzle, tables } = payload.db as unknown as {
        drizzle: Parameters<typeof sampleInsert>[0]
        tables: Record<string, object>
      }
      const sample = sampleInsert(drizzle, tables)
      if (sample) reuseInsertText(sample)
    },
  },
  {
    id: 'max-versions-full-read',
    package: 'payload 3.90.2 (versions/enforceMaxVersions.js) with @payloadcms/drizzle 3.90.2',
    breaks:
      'after every version saved, the check for versions past `maxPerDoc` reads the version past the limit whole (every field, relationships and arrays as JSON sub-queries) to use its updatedAt, and nearly always finds none, also for a document created a moment before in the same transaction: about a fifth of the time of each imported post went to that read',
    upstream: 'not reported',
    canary:
      'tests/unit/workarounds.test.ts: enforceMaxVersions still asks findVersions for everything and uses only updatedAt (behaviour: tests/unit/versionLimit.test.ts, tests/integration/version-history.test.ts)',
    adapters: ['sqlite', 'postgres'],
    apply: (payload) => lookPastLimitLightly(payload.db),
  },
  {
    id: 'schedule-publish-unchecked',
    package: '@payloadcms/ui 3.90.2 (schedulePublishHandler)',
    breaks:
      'the admin’s Schedule drawer queues and cancels publishes for any user who can open the admin, contributors included, and writes nothing to the audit trail',
    upstream: 'not reported',
    canary: 'tests/unit/workarounds.test.ts: schedulePublishHandler still queues unchecked',
    apply: (payload) => guardJobQueue(payload),
  },
  {
    id: 'internal-collections-unchecked',
    package: 'payload 3.90.2 (config/sanitize.js adds its collections after plugins)',
    breaks:
      'malformed queries on payload-preferences, payload-locked-documents, payload-jobs… answer 500; their doc-access route tells drafts from missing ids',
    upstream: 'not reported',
    canary: 'tests/unit/workarounds.test.ts: sanitize still adds them after plugins',
    apply: (payload) => checkInternalCollections(payload),
  },
  {
    id: 'auth-database-errors-swallowed',
    package: 'payload 3.90.2 (auth/strategies/jwt.js, auth/executeAuthStrategies.js)',
    breaks:
      'a sign-in the database cannot check (server restarting, failover) is taken as no sign-in: an editor\'s save is answered 403 "not allowed" instead of 503, a staff read silently gets the public view',
    upstream: 'not reported',
    canary:
      'tests/unit/workarounds.test.ts: the JWT strategy still catches every error (behaviour: tests/faults/postgres.test.ts, the server restarted)',
    // After internal-collections-unchecked: its hook must come first on Payload's collections too.
    apply: (payload) => surfaceAuthDatabaseErrors(payload),
  },
  {
    id: 'routes-off-501',
    package: 'payload 3.90.2 (utilities/handleEndpoints.js)',
    breaks: 'GET /api/payload-migrations answers "501 Cannot GET" instead of a 404',
    upstream: 'not reported',
    canary: 'tests/unit/workarounds.test.ts: handleEndpoints still answers 501',
    apply: (payload) => routesOffAreNotFound(payload),
  },
  {
    id: 'config-import-order',
    package:
      'Node 20.20 (ESM loader) loading @payloadcms/richtext-lexical 3.90.2, with or without tsx 4',
    breaks:
      'the import() of the editor package (and so of the config) never settles in about one process in five (plain node: 9 of 12 runs of a bare import, 1 of 16 db:transfer runs): no error, the event loop empties, and a command exits 0 having done nothing. db:transfer said "reading …" and stopped with exit code 0',
    upstream:
      'not reported (cause not isolated: no top-level await in the package; the loader never settles, no error is thrown)',
    canary:
      'tests/unit/workarounds.test.ts: the config imports its adapters first (the stall is intermittent, so no canary can assert it; behaviour: tests/integration/transfer.test.ts)',
    where:
      'src/cli/rerunIfUnsettled.ts (db:transfer and the seed CLI run again in a new process, at most twice, when their work never settled), and the first import of src/payload.config.ts',
  },
  {
    id: 'storage-s3-version-pin',
    package:
      '@payloadcms/storage-s3 3.90.1 and @payloadcms/plugin-cloud-storage 3.90.1 (no 3.90.2 published)',
    breaks:
      'they pin payload 3.90.1 and @payloadcms/ui 3.90.1: npm refuses them beside payload 3.90.2 (ERESOLVE), a second ui copy in the admin would split its React contexts, and Payload’s development check of package versions rejects unhandled at every start',
    upstream: 'not a defect: the storage packages were last published at 3.90.1',
    canary:
      'tests/unit/payloadPackages.test.ts: storage-s3 still pins a payload other than ours (it also checks the versions and the single ui copy)',
    where:
      'package.json "overrides" (our payload and ui for both); src/workarounds/dependencyCheck.ts (Payload’s version check off)',
  },
  {
    id: 'storage-s3-serving',
    package: '@payloadcms/storage-s3 3.90.1 (getFile.js, the static handler)',
    breaks:
      'a file missing from the bucket answers an empty 404 and a storage failure a plain-text 500, and files carry the bucket’s ETag, where disk-served files get JSON errors and the ETag of their body',
    upstream: 'not reported',
    canary:
      'tests/unit/workarounds.test.ts: storage-s3 getFile still answers an empty 404 (behaviour: tests/integration/media-s3.test.ts)',
    where: 'src/plugins/objectStorage.ts (servedLikeDisk)',
  },
  {
    id: 'cloud-storage-localhost-fetch',
    package: '@payloadcms/plugin-cloud-storage 3.90.1 (plugin.js, skipSafeFetch)',
    breaks:
      'outside production it lets Payload fetch an upload’s `url` from any localhost address, past the guard against private addresses',
    upstream: 'not reported',
    canary:
      'tests/unit/workarounds.test.ts: plugin-cloud-storage still skips the guard for localhost (behaviour: tests/integration/media-s3.test.ts)',
    where: 'src/plugins/objectStorage.ts (ownFileRoute)',
  },
  {
    id: 's3-compatible-checksums',
    package: '@aws-sdk/client-s3 3.1178 (checksums on by default since 3.729) with s3rver 3.7.1',
    breaks:
      'an upload of unknown length is sent aws-chunked with a checksum trailer, which s3rver stores inside the file (300,080 bytes for 300,000) and Swift refuses',
    upstream: 'not a defect: S3-compatible servers do not all read the SDK’s newer checksums',
    canary:
      'tests/integration/media-s3.test.ts: the SDK defaults still store a streamed upload with its checksum trailer',
    where: 'src/plugins/objectStorage.ts (s3ClientConfig, for a custom S3_ENDPOINT)',
  },
  {
    id: 'list-cells-stale-intersection',
    package: '@payloadcms/ui 3.90.2 (hooks/useIntersect, as used by the list’s RelationshipCell)',
    breaks:
      'list rows show "<No Author>" / "<No Sources>" for posts that have them (seed at 1440×900: rows 8–10 of page 1), for good: useIntersect keeps the first, oldest entry of an IntersectionObserver batch; when the rows move up into view while the admin hydrates, the batch holds "below the viewport" then "in view", the cell keeps "below", never asks for the titles and shows the placeholder of an empty value; no later callback comes while the row stays in view',
    upstream: 'payloadcms/payload#18108 (fix proposed in #18109, not released)',
    canary:
      'tests/unit/workarounds.test.ts: useIntersect still keeps the first entry (behaviour: tests/e2e/lists.test.ts; the patch: tests/unit/intersectionEntries.test.ts)',
    where:
      'src/workarounds/intersectionEntries.ts, installed in the browser by the admin provider src/components/AdminBrowserFixes.tsx',
  },
  {
    id: 'next-module-copies',
    package: 'next 16.4.6 (route bundles) beside the Express server in one process',
    breaks:
      'Next bundles our modules into its route chunks while the server loads its own copies: a module-level cache or rate limit would exist several times, and the server would never see what Payload’s hooks mark',
    upstream: 'not a defect: how Next bundles a custom server’s modules',
    canary:
      'tests/unit/responseCache.test.ts (the server’s cache answers what the store holds); none upstream: it goes when the server stops loading Next in-process',
    where: 'lib/processState.ts',
  },
]

/** The workarounds that concern this Payload's adapter, in register order. */
export const workaroundsFor = (payload: Payload): Workaround[] =>
  WORKAROUNDS.filter(
    (entry) => !entry.adapters || (entry.adapters as string[]).includes(payload.db.name),
  )

/**
 * Applies the register when Payload starts, before anything else runs on it: the only
 * `onInit` that touches Payload's objects.
 */
export const defectWorkarounds =
  (options: WorkaroundOptions): Plugin =>
  (config: Config): Config => ({
    ...config,
    onInit: chainOnInit({
      config,
      when: 'before',
      task: (payload) => {
        for (const entry of workaroundsFor(payload)) entry.apply?.(payload, options)
      },
    }),
  })
