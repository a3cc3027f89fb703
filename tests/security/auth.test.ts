/**
 * Accounts, attacked over HTTP: lockout, per-address rate limits (GraphQL aliases included),
 * login answers that do not tell which emails exist, single-use expiring reset links,
 * admin-only unlock and no role escalation.
 *
 * The server trusts one proxy hop, so each test can speak from its own client address with
 * X-Forwarded-For, as clients behind a real reverse proxy would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startMailSink } from '../helpers/mailSink.ts'
import {
  EMAILS,
  gql,
  PASSWORD,
  startNewsroom,
  type HttpAnswer,
  type Newsroom,
} from '../helpers/newsroom.ts'

const RESET_SECONDS = 6
const FAILED_MESSAGE = /email or password is incorrect/

let room: Newsroom
let mail: Awaited<ReturnType<typeof startMailSink>>
let nextAddress = 1

/** A client address no other test has used. */
const newClient = () => ({ 'x-forwarded-for': `203.0.113.${nextAddress++}` })

const login = (email: string, password: string, client = newClient()) =>
  room.http('/api/users/login', { method: 'POST', json: { email, password }, headers: client })

const createUser = async (email: string, role = 'contributor') => {
  const answer = await room.http('/api/users', {
    method: 'POST',
    token: room.tokens.admin,
    json: { email, password: PASSWORD, role, name: email },
  })
  expect(answer.status, answer.text).toBe(201)
  return answer.body.doc as { id: number }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]

beforeAll(async () => {
  mail = await startMailSink()
  room = await startNewsroom({
    env: { TRUST_PROXY: '1', SMTP_URL: mail.url, PASSWORD_RESET_SECONDS: String(RESET_SECONDS) },
  })
})

afterAll(async () => {
  await room?.stop()
  await mail?.close()
})

describe('failed logins', () => {
  it('should answer unknown, wrong and locked accounts alike, in the same time', async () => {
    const email = 'timing@example.test'
    await createUser(email)
    const timed = async (attempt: () => Promise<HttpAnswer>) => {
      const started = performance.now()
      const answer = await attempt()
      return { ms: performance.now() - started, answer }
    }
    const unknown: Awaited<ReturnType<typeof timed>>[] = []
    const wrong: typeof unknown = []
    const locked: typeof unknown = []
    // Interleaved, so machine noise falls on all three alike. Attempts 1–4 are wrong
    // passwords, the 5th locks the account, and later ones (even the right password) are locked.
    for (let i = 0; i < 5; i++) {
      unknown.push(await timed(() => login(`nobody-${i}@example.test`, 'wrong-password')))
      wrong.push(await timed(() => login(email, `wrong-password-${i}`)))
    }
    for (let i = 0; i < 5; i++) {
      unknown.push(await timed(() => login(`nobody-x${i}@example.test`, 'wrong-password')))
      locked.push(await timed(() => login(email, i % 2 ? PASSWORD : 'wrong-password')))
    }
    const all = [...unknown, ...wrong, ...locked]
    for (const { answer } of all) {
      expect(answer.status).toBe(401)
      expect(answer.body).toEqual(unknown[0].answer.body)
    }
    expect(unknown[0].answer.body.errors[0].message).toMatch(FAILED_MESSAGE)
    const medians = [unknown, wrong, locked].map((samples) => median(samples.map((s) => s.ms)))
    // Every failure is padded to one floor (500 ms): the medians differ by scheduling noise only.
    expect(
      Math.max(...medians) - Math.min(...medians),
      `medians ${medians.join(', ')} ms`,
    ).toBeLessThan(60)
    for (const ms of medians) expect(ms).toBeGreaterThanOrEqual(490)
  })

  it('should answer GraphQL failed logins alike too', async () => {
    const email = 'timing-gql@example.test'
    await createUser(email)
    const ask = (who: string) =>
      room.http('/api/graphql', {
        ...gql(`mutation { loginUser(email: "${who}", password: "nope") { token } }`),
        headers: newClient(),
      })
    const known = await ask(email)
    const unknown = await ask('nobody-gql@example.test')
    expect(known.body.errors[0].message).toMatch(FAILED_MESSAGE)
    expect(known.body).toEqual(unknown.body)
  })
})

describe('lockout and unlock', () => {
  it('should lock after 5 failures, refuse the right password, and unlock for admins only', async () => {
    const email = 'lockme@example.test'
    await createUser(email)
    for (let i = 0; i < 5; i++) expect((await login(email, 'wrong')).status).toBe(401)
    expect((await login(email, PASSWORD)).status).toBe(401)

    for (const role of ['editor', 'contributor'] as const) {
      const refused = await room.http('/api/users/unlock', {
        method: 'POST',
        token: room.tokens[role],
        json: { email },
        headers: newClient(),
      })
      expect(refused.status, `${role}: ${refused.text}`).toBe(403)
    }
    const anonymous = await room.http('/api/users/unlock', {
      method: 'POST',
      json: { email },
      headers: newClient(),
    })
    expect(anonymous.status).toBe(403)
    const byGraphql = await room.http('/api/graphql', {
      ...gql(`mutation { unlockUser(email: "${email}") }`),
      token: room.tokens.editor,
    })
    expect(JSON.stringify(byGraphql.body.errors ?? [])).toMatch(/not allowed|Forbidden/i)
    expect((await login(email, PASSWORD)).status).toBe(401)

    const unlocked = await room.http('/api/users/unlock', {
      method: 'POST',
      token: room.tokens.admin,
      json: { email },
    })
    expect(unlocked.status, unlocked.text).toBe(200)
    expect((await login(email, PASSWORD)).status).toBe(200)
  })
})

describe('rate limiting per client address', () => {
  it('should refuse the 21st login from one address, not from another', async () => {
    const client = newClient()
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(`flood-${i}@example.test`, 'x', client)),
    )
    for (const answer of answers) expect(answer.status).toBe(401)
    const refused = await login(EMAILS.editor, PASSWORD, client)
    expect(refused.status).toBe(429)
    expect(refused.body.errors[0].message).toMatch(/Too many login attempts from this address/)
    expect((await login(EMAILS.editor, PASSWORD)).status).toBe(200)
  })

  it('should count each aliased GraphQL login as one attempt', async () => {
    const client = newClient()
    const aliases = Array.from(
      { length: 30 },
      (_, i) => `a${i}: loginUser(email: "alias-${i}@example.test", password: "x") { token }`,
    ).join('\n')
    const answer = await room.http('/api/graphql', {
      ...gql(`mutation { ${aliases} }`),
      headers: client,
    })
    const messages = (answer.body.errors as { message: string }[]).map((e) => e.message)
    expect(messages.filter((m) => /Too many login attempts/.test(m))).toHaveLength(10)
    expect((await login(EMAILS.editor, PASSWORD, client)).status).toBe(429)
  })

  it('should limit forgot-password requests per address', async () => {
    const client = newClient()
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      const answer = await room.http('/api/users/forgot-password', {
        method: 'POST',
        json: { email: `nobody-${i}@example.test` },
        headers: client,
      })
      statuses.push(answer.status)
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429])
  })

  it('should limit reset requests per email, from any address, known or not', async () => {
    for (const email of [EMAILS.contributor, 'nobody-flood@example.test']) {
      const statuses: number[] = []
      for (let i = 0; i < 4; i++) {
        const answer = await room.http('/api/users/forgot-password', {
          method: 'POST',
          json: { email },
          headers: newClient(),
        })
        statuses.push(answer.status)
      }
      expect(statuses, email).toEqual([200, 200, 200, 429])
    }
  })
})

describe('password reset links', () => {
  const requestReset = async (email: string) => {
    const before = mail.count()
    const answer = await room.http('/api/users/forgot-password', {
      method: 'POST',
      json: { email },
      headers: newClient(),
    })
    expect(answer.status, answer.text).toBe(200)
    const message = await mail.nextMailTo(email, before)
    const token = /\/admin\/reset\/([0-9a-f]{20,})/.exec(message.text)?.[1]
    expect(token, message.text).toBeTruthy()
    return token!
  }

  const reset = (token: string, password: string) =>
    room.http('/api/users/reset-password', {
      method: 'POST',
      json: { token, password },
      headers: newClient(),
    })

  it('should answer known and unknown emails alike', async () => {
    const ask = (email: string) =>
      room.http('/api/users/forgot-password', {
        method: 'POST',
        json: { email },
        headers: newClient(),
      })
    await createUser('reset-probe@example.test')
    const known = await ask('reset-probe@example.test')
    const unknown = await ask('nobody-reset@example.test')
    expect(known.status, known.text).toBe(200)
    expect(known.status).toBe(unknown.status)
    expect(known.body).toEqual(unknown.body)
  })

  it('should work once only', async () => {
    const email = 'reset-once@example.test'
    await createUser(email)
    const token = await requestReset(email)
    const first = await reset(token, 'a-brand-new-password')
    expect(first.status, first.text).toBe(200)
    expect((await login(email, 'a-brand-new-password')).status).toBe(200)
    const again = await reset(token, 'attacker-password-1')
    expect(again.status).toBe(403)
    expect(again.body.errors[0].message).toMatch(/invalid or has expired/)
    expect((await login(email, 'attacker-password-1')).status).toBe(401)
  })

  it('should stop working once expired', async () => {
    const email = 'reset-late@example.test'
    await createUser(email)
    const token = await requestReset(email)
    await new Promise((resolve) => setTimeout(resolve, (RESET_SECONDS + 1) * 1000))
    const late = await reset(token, 'too-late-password')
    expect(late.status).toBe(403)
    expect((await login(email, PASSWORD)).status).toBe(200)
  })

  it('should refuse a made-up token', async () => {
    const answer = await reset('0'.repeat(40), 'whatever-password')
    expect(answer.status).toBe(403)
  })
})

describe('accounts that already exist', () => {
  it('should refuse a second "first" registration', async () => {
    const answer = await room.http('/api/users/first-register', {
      method: 'POST',
      json: { email: 'second-first@example.test', password: PASSWORD, name: 'Sneaky' },
      headers: newClient(),
    })
    expect(answer.status).toBeGreaterThanOrEqual(400)
    expect(answer.status).toBeLessThan(500)
    expect((await login('second-first@example.test', PASSWORD)).status).toBe(401)
  })

  it('should not accept a token after its session logged out', async () => {
    const email = 'logout@example.test'
    await createUser(email)
    const token = (await login(email, PASSWORD)).body.token as string
    expect((await room.http('/api/users/me', { token })).body.user?.email).toBe(email)
    const out = await room.http('/api/users/logout', { method: 'POST', token })
    expect(out.status, out.text).toBe(200)
    const me = await room.http('/api/users/me', { token })
    expect(me.body.user ?? null).toBeNull()
    const write = await room.http('/api/posts?draft=true', {
      method: 'POST',
      token,
      json: { title: 'after logout' },
    })
    expect(write.status).toBe(403)
  })
})

describe('role escalation', () => {
  it('should not let a contributor make themselves an editor or admin', async () => {
    const id = room.userIds.contributor
    for (const role of ['admin', 'editor']) {
      const rest = await room.http(`/api/users/${id}`, {
        method: 'PATCH',
        token: room.tokens.contributor,
        json: { role },
      })
      expect(rest.status).toBeLessThan(500)
      const graphql = await room.http('/api/graphql', {
        ...gql(`mutation { updateUser(id: ${id}, data: { role: ${role} }) { role } }`),
        token: room.tokens.contributor,
      })
      expect(graphql.status).toBeLessThan(500)
    }
    const me = await room.http('/api/users/me', { token: room.tokens.contributor })
    expect(me.body.user.role).toBe('contributor')
    const asAdmin = await room.http(`/api/users/${id}`, { token: room.tokens.admin })
    expect(asAdmin.body.role).toBe('contributor')
  })

  it('should not let a contributor edit, create or delete other accounts', async () => {
    const editorId = room.userIds.editor
    const attempts = [
      room.http(`/api/users/${editorId}`, {
        method: 'PATCH',
        token: room.tokens.contributor,
        json: { password: 'taken-over-password' },
      }),
      room.http('/api/users', {
        method: 'POST',
        token: room.tokens.contributor,
        json: { email: 'sneaky@example.test', name: 'Sneaky', password: PASSWORD, role: 'admin' },
      }),
      room.http(`/api/users/${editorId}`, { method: 'DELETE', token: room.tokens.contributor }),
      room.http(`/api/users?where[id][equals]=${editorId}`, {
        method: 'PATCH',
        token: room.tokens.contributor,
        json: { role: 'contributor' },
      }),
    ]
    for (const answer of await Promise.all(attempts)) {
      expect(answer.status).toBeLessThan(500)
      expect(answer.status === 403 || answer.status === 404 || answer.body.docs?.length === 0).toBe(
        true,
      )
    }
    expect((await login(EMAILS.editor, PASSWORD)).status).toBe(200)
    const editor = await room.http(`/api/users/${editorId}`, { token: room.tokens.admin })
    expect(editor.body.role).toBe('editor')
  })

  it('should not let an editor promote themselves to admin', async () => {
    await room.http(`/api/users/${room.userIds.editor}`, {
      method: 'PATCH',
      token: room.tokens.editor,
      json: { role: 'admin' },
    })
    const editor = await room.http(`/api/users/${room.userIds.editor}`, {
      token: room.tokens.admin,
    })
    expect(editor.body.role).toBe('editor')
  })
})

describe('routes staff should not reach', () => {
  it('should answer email verification, which is not used, with 404', async () => {
    const answer = await room.http('/api/users/verify/made-up-token', { method: 'POST' })
    expect(answer.status, answer.text).toBe(404)
    expect(answer.body.errors[0].message).toMatch(/verification is not used/)
  })

  it('should let only admins run the job queue over HTTP', async () => {
    for (const role of ['contributor', 'editor'] as const) {
      const answer = await room.http('/api/payload-jobs/run', { token: room.tokens[role] })
      expect(answer.status, `${role}: ${answer.text}`).toBe(401)
    }
    const admin = await room.http('/api/payload-jobs/run', { token: room.tokens.admin })
    expect(admin.status, admin.text).toBe(200)
  })

  it('should not offer the schedule handler, which has no schedules to handle', async () => {
    const answer = await room.http('/api/payload-jobs/handle-schedules', {
      token: room.tokens.admin,
    })
    expect(answer.status, answer.text).toBe(404)
  })
})
