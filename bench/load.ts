/**
 * `npm run load`: a bounded load test of the production server. For `--seconds` (60),
 * `--readers` (100) anonymous readers loop over the public API while `--editors` (5) editors
 * create, edit and publish posts. Afterwards every write the server acknowledged must be
 * readable as acknowledged, and no answer may have been a 5xx. Reports read latency
 * percentiles (p50/p90/p99/max) and writes bench/results/load-DATE[-DATABASE][-xN].{json,md}.
 * Exit code 1 when a 5xx was seen or an acknowledged write is missing.
 *
 * A webhook receiver on loopback verifies every delivery (Standard Webhooks) and measures the
 * delivery latency of each publish made under load: from the event's commit (its timestamp) to
 * its arrival. Every published post's event must arrive, once.
 *
 * `--instances N` runs N production servers on one database, the readers and editors spread
 * over them as a load balancer would; every acknowledged write is then read back from another
 * instance than the one that took it. `--database postgres` uses a throwaway PostgreSQL set up
 * like a production one (durable commits); the default is a SQLite file.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { SingleBar } from 'cli-progress'
import { Command, Option } from 'commander'

import {
  ensureProductionBuild,
  projectRoot,
  startProductionServer,
  type RunningServer,
} from '../tests/helpers/server.ts'
import { startWebhookReceiver } from '../tests/helpers/webhookReceiver.ts'
import { wholeNumber } from './lib/options.ts'
import { startBenchPostgres, type BenchPostgres } from './lib/postgres.ts'

const options = new Command()
  .name('npm run load --')
  .description('Readers and editors at once against the production server; nothing may be lost.')
  .option('--seconds <n>', 'how long the load lasts', wholeNumber('--seconds'), 60)
  .option('--readers <n>', 'concurrent anonymous readers', wholeNumber('--readers'), 100)
  .option('--editors <n>', 'concurrent editors saving and publishing', wholeNumber('--editors'), 5)
  .option(
    '--instances <n>',
    'production servers sharing the database',
    wholeNumber('--instances'),
    1,
  )
  .addOption(
    new Option('--database <kind>', 'the database the servers share')
      .choices(['sqlite', 'postgres'])
      .default('sqlite'),
  )
  .option('--out <dir>', 'where results go', path.join(projectRoot, 'bench', 'results'))
  .parse()
  .opts<{
    seconds: number
    readers: number
    editors: number
    instances: number
    database: 'sqlite' | 'postgres'
    out: string
  }>()

const PASSWORD = 'load-test-password-1'

/** The parts of API answers this script reads. */
type Body = {
  token?: string
  title?: string
  doc?: { id: number | string }
  docs?: { id: number | string; slug: string }[]
}
/** `cache`: the server's `x-cache` header (HIT when the response cache answered). */
type Answer = { status: number; body: Body; ms: number; cache: string | null }

const call = async (
  baseUrl: string,
  urlPath: string,
  init: { method?: string; token?: string; json?: unknown } = {},
): Promise<Answer> => {
  const started = performance.now()
  const response = await fetch(`${baseUrl}${urlPath}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `JWT ${init.token}` } : {}),
    },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  })
  const text = await response.text()
  const ms = performance.now() - started
  let body: Body = {}
  try {
    body = JSON.parse(text) as Body
  } catch {
    // feeds are XML
  }
  return { status: response.status, body, ms, cache: response.headers.get('x-cache') }
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

const round = (ms: number) => Math.round(ms * 10) / 10

/** Progress: a bar on a terminal, otherwise a line every 10 s. */
const progressReporter = (seconds: number) => {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      format: 'load [{bar}] {value}/{total} s | reads {reads} | writes {writes} | 5xx {errors}',
      stream: process.stderr,
    })
    bar.start(seconds, 0, { reads: 0, writes: 0, errors: 0 })
    return {
      update: (elapsed: number, stats: { reads: number; writes: number; errors: number }) =>
        bar.update(elapsed, stats),
      stop: () => bar.stop(),
    }
  }
  let last = 0
  return {
    update: (elapsed: number, stats: { reads: number; writes: number; errors: number }) => {
      if (elapsed === last || (elapsed - last < 10 && elapsed < seconds)) return
      last = elapsed
      console.error(
        `[load] ${elapsed}/${seconds} s: ${stats.reads} reads, ${stats.writes} writes, ${stats.errors} 5xx`,
      )
    },
    stop: () => undefined,
  }
}

type Written = {
  id: number | string
  title: string
  published: boolean
  publishedTitle?: string
  /** Which editor (and so which instance) wrote it. */
  editor: number
}

/** The servers of the run, on one database; `stop` stops them and removes the database. */
const startServers = async (): Promise<{ servers: RunningServer[]; stop: () => Promise<void> }> => {
  let postgres: BenchPostgres | undefined
  let databaseUri: string | undefined
  if (options.database === 'postgres') {
    postgres = await startBenchPostgres({})
    databaseUri = await postgres.createDatabase('newsroom_load')
  }
  const shared = {
    LOG_LEVEL: 'warn',
    // The receiver listens on loopback.
    WEBHOOKS_ALLOW_PRIVATE: 'true',
    PAYLOAD_SECRET: crypto.randomBytes(24).toString('hex'),
    ...(databaseUri ? { DATABASE_URI: databaseUri } : {}),
  }
  const servers: RunningServer[] = []
  const stop = async () => {
    for (const server of [...servers].reverse()) await server.stop()
    await postgres?.stop()
  }
  try {
    // The first imports the seed (a throwaway SQLite file unless PostgreSQL was asked for).
    servers.push(await startProductionServer({ env: { ...shared, SEED_ON_START: 'true' } }))
    for (let n = 1; n < options.instances; n += 1) {
      servers.push(
        await startProductionServer({
          env: { ...shared, SEED_ON_START: 'false', DATABASE_URI: servers[0].databaseUri },
        }),
      )
    }
  } catch (err) {
    await stop()
    throw err
  }
  return { servers, stop }
}

const main = async () => {
  console.error(
    `[load] building and starting ${options.instances} production server(s) on ${options.database} (seed imported on start)…`,
  )
  ensureProductionBuild()
  const receiver = await startWebhookReceiver()
  const { servers, stop: stopServers } = await startServers()
  const stop = async () => {
    await stopServers()
    await receiver.close()
  }
  const base = servers[0].baseUrl
  // Like a load balancer: each reader and editor talks to one instance, in turn.
  const instanceFor = (n: number) => servers[n % servers.length].baseUrl
  /** Another instance than the n-th (itself when there is one). */
  const otherThan = (n: number) => servers[(n + 1) % servers.length].baseUrl
  const api = (urlPath: string, init?: Parameters<typeof call>[2]) => call(base, urlPath, init)
  try {
    // Staff: the first admin, then one editor per editor loop.
    const admin = await api('/api/users/first-register', {
      method: 'POST',
      json: { email: 'admin@load.test', password: PASSWORD, name: 'Admin' },
    })
    const adminToken = admin.body.token ?? ''
    const webhook = await api('/api/webhooks', {
      method: 'POST',
      token: adminToken,
      json: { name: 'Load receiver', url: receiver.url, events: ['post.published'] },
    })
    if (webhook.status !== 201) throw new Error(`webhook not created: ${webhook.status}`)
    receiver.setSecret(String((webhook.body.doc as { secret?: string } | undefined)?.secret ?? ''))
    const editorTokens: string[] = []
    for (let i = 0; i < options.editors; i++) {
      const email = `editor${i}@load.test`
      await api('/api/users', {
        method: 'POST',
        token: adminToken,
        json: { email, password: PASSWORD, name: `Editor ${i}`, role: 'editor' },
      })
      const login = await api('/api/users/login', {
        method: 'POST',
        json: { email, password: PASSWORD },
      })
      editorTokens.push(login.body.token ?? '')
    }
    // Readers need published posts: publish the imported drafts.
    const drafts = await api('/api/posts?draft=true&limit=100&depth=0&pagination=false', {
      token: adminToken,
    })
    const readableIds: (number | string)[] = []
    const slugs: string[] = []
    for (const doc of drafts.body.docs ?? []) {
      const published = await api(`/api/posts/${doc.id}`, {
        method: 'PATCH',
        token: adminToken,
        json: { _status: 'published' },
      })
      if (published.status === 200) {
        readableIds.push(doc.id)
        slugs.push(doc.slug)
      }
    }
    console.error(`[load] ${readableIds.length} published posts to read; starting the load`)

    const readLatencies: number[] = []
    const statuses = new Map<number, number>()
    const failures: string[] = []
    let writes = 0
    let fiveHundreds = 0
    const count = (status: number, what: string) => {
      statuses.set(status, (statuses.get(status) ?? 0) + 1)
      if (status >= 500) {
        fiveHundreds++
        if (failures.length < 20) failures.push(`${status} on ${what}`)
      }
    }
    const deadline = Date.now() + options.seconds * 1000
    const words = ['Trump', 'Iran', 'Giuliani', 'election', 'press', 'MEK', 'court']
    const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]

    /** The kinds of read the readers make, in the shares they make them. */
    const readKinds: { kind: string; share: number; path: () => string }[] = [
      { kind: 'REST list', share: 0.35, path: () => '/api/posts?limit=10&depth=1' },
      { kind: 'REST by id', share: 0.2, path: () => `/api/posts/${pick(readableIds)}` },
      {
        kind: 'REST by slug',
        share: 0.15,
        path: () => `/api/posts?where[slug][equals]=${encodeURIComponent(pick(slugs))}&depth=1`,
      },
      { kind: 'GraphQL list', share: 0.1, path: () => '/api/graphql' },
      { kind: 'search', share: 0.08, path: () => `/api/search?q=${pick(words)}` },
      { kind: 'RSS feed', share: 0.06, path: () => '/feeds/posts.xml' },
      { kind: 'digests', share: 0.06, path: () => '/api/digests?limit=5&depth=1' },
    ]
    /** Latency and cache answers (`x-cache`) of each kind of read. */
    const byKind = new Map(
      readKinds.map(({ kind }) => [kind, { latencies: [] as number[], hits: 0 }]),
    )
    const readOnce = async (at: string) => {
      let roll = Math.random()
      const chosen = readKinds.find(({ share }) => (roll -= share) < 0) ?? readKinds[0]
      const urlPath = chosen.path()
      const init =
        urlPath === '/api/graphql'
          ? {
              method: 'POST',
              json: {
                query:
                  '{ Posts(limit: 10) { docs { title slug author { name } sources { name } } } }',
              },
            }
          : {}
      try {
        const answer = await call(at, urlPath, init)
        readLatencies.push(answer.ms)
        const stats = byKind.get(chosen.kind)
        stats?.latencies.push(answer.ms)
        if (stats && answer.cache === 'HIT') stats.hits++
        count(answer.status, `GET ${urlPath}`)
      } catch (err) {
        count(599, `${urlPath}: ${err instanceof Error ? err.message : String(err)}`)
      }
    }
    const reader = async (index: number) => {
      while (Date.now() < deadline) await readOnce(instanceFor(index))
    }

    const written: Written[] = []
    const editor = async (token: string, index: number) => {
      const at = instanceFor(index)
      for (let n = 0; Date.now() < deadline; n++) {
        const title = `Load test post ${index}-${n}`
        const created = await call(at, '/api/posts?draft=true', {
          method: 'POST',
          token,
          json: { title, excerpt: `Written by editor ${index} under load` },
        })
        count(created.status, 'create')
        writes++
        if (created.status !== 201) continue
        const record: Written = {
          id: created.body.doc?.id ?? '',
          title,
          published: false,
          editor: index,
        }
        written.push(record)
        const edited = await call(at, `/api/posts/${record.id}?draft=true`, {
          method: 'PATCH',
          token,
          json: { title: `${title} (edited)` },
        })
        count(edited.status, 'edit')
        writes++
        if (edited.status === 200) record.title = `${title} (edited)`
        const published = await call(at, `/api/posts/${record.id}`, {
          method: 'PATCH',
          token,
          json: { _status: 'published' },
        })
        count(published.status, 'publish')
        writes++
        if (published.status === 200) {
          record.published = true
          record.publishedTitle = record.title
          readableIds.push(record.id)
        }
      }
    }

    const progress = progressReporter(options.seconds)
    const started = Date.now()
    const ticker = setInterval(() => {
      progress.update(Math.min(options.seconds, Math.round((Date.now() - started) / 1000)), {
        reads: readLatencies.length,
        writes,
        errors: fiveHundreds,
      })
    }, 1000)
    await Promise.all([
      ...Array.from({ length: options.readers }, (_, index) => reader(index)),
      ...editorTokens.map((token, index) => editor(token, index)),
    ])
    clearInterval(ticker)
    progress.update(options.seconds, { reads: readLatencies.length, writes, errors: fiveHundreds })
    progress.stop()
    const elapsedSeconds = (Date.now() - started) / 1000

    // Every acknowledged write, read back (from another instance than the one that took it, when
    // there are several): staff see the latest title, readers the published one.
    const missing: string[] = []
    for (const record of written) {
      const elsewhere = otherThan(record.editor)
      const staff = await call(elsewhere, `/api/posts/${record.id}?draft=true&depth=0`, {
        token: adminToken,
      })
      if (staff.status !== 200 || staff.body.title !== record.title) {
        missing.push(
          `post ${record.id}: staff read ${staff.status} "${staff.body?.title}", expected "${record.title}"`,
        )
      }
      if (record.published) {
        const reader = await call(elsewhere, `/api/posts/${record.id}?depth=0`)
        if (reader.status !== 200 || reader.body.title !== record.publishedTitle) {
          missing.push(
            `post ${record.id}: public read ${reader.status}, expected "${record.publishedTitle}"`,
          )
        }
      }
    }

    // Every publish under load announced, once: wait (bounded) for the last deliveries.
    const publishedIds = new Set(written.filter((w) => w.published).map((w) => String(w.id)))
    const announcedIn = (item: (typeof receiver.received)[number]): string[] =>
      ((item.json.data as { documents?: { id: number | string }[] } | null)?.documents ?? [])
        .map((doc) => String(doc.id))
        .filter((id) => publishedIds.has(id))
    const underLoad = () => receiver.received.filter((item) => announcedIn(item).length > 0)
    const settleBy = Date.now() + 60_000
    while (
      new Set(underLoad().flatMap(announcedIn)).size < publishedIds.size &&
      Date.now() < settleBy
    ) {
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    const deliveries = underLoad()
    const deliveryLatencies = deliveries
      .map((item) => item.receivedAt - Date.parse(item.json.timestamp))
      .sort((a, b) => a - b)
    const announcedIds = new Set(deliveries.flatMap(announcedIn))
    const webhooks = {
      deliveries: deliveries.length,
      unverified: deliveries.filter((item) => !item.isVerified).length,
      duplicates: deliveries.length - new Set(deliveries.map((item) => item.id)).size,
      publishesNotAnnounced: [...publishedIds].filter((id) => !announcedIds.has(id)).length,
      latencyMs: {
        p50: round(percentile(deliveryLatencies, 50)),
        p90: round(percentile(deliveryLatencies, 90)),
        p99: round(percentile(deliveryLatencies, 99)),
        max: round(deliveryLatencies.at(-1) ?? 0),
      },
    }

    const sorted = [...readLatencies].sort((a, b) => a - b)
    const result = {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
      seconds: round(elapsedSeconds),
      database: options.database,
      instances: options.instances,
      readers: options.readers,
      editors: options.editors,
      reads: sorted.length,
      readsPerSecond: Math.round(sorted.length / elapsedSeconds),
      readLatencyMs: {
        p50: round(percentile(sorted, 50)),
        p90: round(percentile(sorted, 90)),
        p99: round(percentile(sorted, 99)),
        max: round(sorted.at(-1) ?? 0),
      },
      readsByKind: Object.fromEntries(
        [...byKind].map(([kind, { latencies, hits }]) => {
          const ordered = [...latencies].sort((a, b) => a - b)
          return [
            kind,
            {
              reads: ordered.length,
              cacheHits: hits,
              p50: round(percentile(ordered, 50)),
              p99: round(percentile(ordered, 99)),
            },
          ]
        }),
      ),
      writes,
      postsWritten: written.length,
      postsPublished: written.filter((w) => w.published).length,
      statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
      fiveHundreds,
      failures,
      acknowledgedMissing: missing,
      webhooks,
    }
    const isOk =
      fiveHundreds === 0 &&
      missing.length === 0 &&
      webhooks.publishesNotAnnounced === 0 &&
      webhooks.unverified === 0
    fs.mkdirSync(options.out, { recursive: true })
    const variant = `${options.database === 'sqlite' ? '' : `-${options.database}`}${options.instances > 1 ? `-x${options.instances}` : ''}`
    const stem = path.join(options.out, `load-${result.date.slice(0, 10)}${variant}`)
    fs.writeFileSync(`${stem}.json`, `${JSON.stringify(result, null, 2)}\n`)
    const markdown = [
      `# Load test, ${result.date.slice(0, 16).replace('T', ' ')} UTC`,
      '',
      `${result.machine}. ${options.readers} anonymous readers and ${options.editors} editors for ${result.seconds} s against ${options.instances === 1 ? 'the production server' : `${options.instances} production servers sharing one database`} (${options.database === 'sqlite' ? 'SQLite' : 'PostgreSQL, durable commits'}), \`npm run load -- --database ${options.database} --instances ${options.instances}\`. Acknowledged writes are read back${options.instances > 1 ? ' from another instance than the one that took them' : ''}.`,
      '',
      '| | |',
      '|---|---|',
      `| reads | ${result.reads} (${result.readsPerSecond}/s) |`,
      `| read latency p50 / p90 / p99 / max | ${result.readLatencyMs.p50} / ${result.readLatencyMs.p90} / ${result.readLatencyMs.p99} / ${result.readLatencyMs.max} ms |`,
      `| writes acknowledged or refused | ${result.writes} (${result.postsWritten} posts created, ${result.postsPublished} published) |`,
      `| answers by status | ${Object.entries(result.statuses)
        .map(([s, n]) => `${s}: ${n}`)
        .join(', ')} |`,
      `| 5xx | ${fiveHundreds} |`,
      `| acknowledged writes not readable afterwards | ${missing.length} |`,
      `| webhook deliveries of publishes under load (verified, repeated) | ${webhooks.deliveries} (${webhooks.deliveries - webhooks.unverified} verified, ${webhooks.duplicates} repeated) |`,
      `| webhook latency, commit to receiver, p50 / p90 / p99 / max | ${webhooks.latencyMs.p50} / ${webhooks.latencyMs.p90} / ${webhooks.latencyMs.p99} / ${webhooks.latencyMs.max} ms |`,
      `| publishes whose event never arrived | ${webhooks.publishesNotAnnounced} |`,
      '',
      '| read | reads | answered from the cache | p50 / p99 |',
      '|---|---:|---:|---|',
      ...Object.entries(result.readsByKind).map(
        ([kind, each]) =>
          `| ${kind} | ${each.reads} | ${each.reads ? Math.round((each.cacheHits / each.reads) * 100) : 0}% | ${each.p50} / ${each.p99} ms |`,
      ),
      '',
      isOk ? 'Result: **pass**.' : 'Result: **FAIL**.',
      '',
    ].join('\n')
    fs.writeFileSync(`${stem}.md`, markdown)
    console.log(markdown)
    for (const line of [...failures, ...missing.slice(0, 20)]) console.log(`- ${line}`)
    console.error(`[load] results in ${path.relative(projectRoot, stem)}.{json,md}`)
    process.exitCode = isOk ? 0 : 1
  } finally {
    await stop()
  }
}

main().catch((err: unknown) => {
  console.error(`[load] failed: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
