import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'

import {
  addressProblem,
  DEFAULT_RETRY_SECONDS,
  formatSecret,
  isPublicAddress,
  isWebhookSecret,
  nextAttemptDelayMs,
  parseRetrySchedule,
  RESPONSE_SNIPPET_BYTES,
  responseSnippet,
  webhookUrlProblem,
} from '../../lib/webhooks.ts'
import { generateWebhookSecret } from '../../src/webhooks/secret.ts'

const bytes = (length: number) => Uint8Array.from({ length }, (_, index) => index * 7)

describe('formatSecret', () => {
  it('should write whsec_ and the bytes in base64', () => {
    expect(formatSecret({ bytes: Uint8Array.from([0xfb, 0xff, 0x00]) })).toBe('whsec_+/8A')
  })

  it('should make a secret the standardwebhooks library signs with', () => {
    const secret = formatSecret({ bytes: bytes(32) })
    const body = '{"event":"post.published"}'
    const timestamp = new Date()
    const signature = new Webhook(secret).sign('msg_1', timestamp, body)
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': signature,
    }
    expect(new Webhook(secret).verify(body, headers)).toEqual({ event: 'post.published' })
  })
})

describe('generateWebhookSecret', () => {
  it('should make a new 32-byte whsec_ secret each time', () => {
    const [first, second] = [generateWebhookSecret(), generateWebhookSecret()]
    expect(isWebhookSecret({ value: first })).toBe(true)
    expect(Buffer.from(first.slice('whsec_'.length), 'base64')).toHaveLength(32)
    expect(second).not.toBe(first)
  })
})

describe('isWebhookSecret', () => {
  it.each([
    [formatSecret({ bytes: bytes(24) }), true],
    [formatSecret({ bytes: bytes(32) }), true],
    [formatSecret({ bytes: bytes(64) }), true],
    [formatSecret({ bytes: bytes(23) }), false],
    [formatSecret({ bytes: bytes(65) }), false],
    [Buffer.from(bytes(32)).toString('base64'), false],
    ['whsec_', false],
    ['whsec_not base64 at all, with spaces!!', false],
    [`whsec_${Buffer.from(bytes(32)).toString('base64url')}_-`, false],
    [`WHSEC_${Buffer.from(bytes(32)).toString('base64')}`, false],
  ])('should read %j as a secret: %s', (value, isSecret) => {
    expect(isWebhookSecret({ value })).toBe(isSecret)
  })
})

describe('addressProblem and isPublicAddress', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.255.255.254', 'a loopback address'],
    ['10.0.0.1', 'a private address'],
    ['10.255.255.255', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.254', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['169.254.169.254', 'a link-local address'],
    ['100.64.0.1', 'a carrier-grade NAT (shared) address'],
    ['100.127.255.254', 'a carrier-grade NAT (shared) address'],
    ['0.0.0.0', 'an unspecified address'],
    ['0.1.2.3', 'an unspecified address'],
    ['224.0.0.1', 'a multicast address'],
    ['255.255.255.255', 'a broadcast address'],
    ['192.0.2.10', 'a reserved address'],
    ['240.0.0.1', 'a reserved address'],
    ['198.18.0.1', 'a reserved address'],
    ['::1', 'a loopback address'],
    ['::', 'an unspecified address'],
    ['fe80::1', 'a link-local address'],
    ['fc00::1', 'a unique-local (private) address'],
    ['fd12:3456:789a::1', 'a unique-local (private) address'],
    ['fec0::1', 'a site-local (private) address'],
    ['ff02::1', 'a multicast address'],
    ['2001:db8::1', 'a reserved address'],
    ['::ffff:127.0.0.1', 'a loopback address (127.0.0.1 inside)'],
    ['::ffff:7f00:1', 'a loopback address (127.0.0.1 inside)'],
    ['::ffff:10.0.0.1', 'a private address (10.0.0.1 inside)'],
    ['::ffff:a9fe:a9fe', 'a link-local address (169.254.169.254 inside)'],
    ['64:ff9b::7f00:1', 'a loopback address (127.0.0.1 inside)'],
    ['[::1]', 'a loopback address'],
    ['2002:7f00:1::', 'a special-purpose address (6to4)'],
    ['2001:0:4136:e378::1', 'a special-purpose address (teredo)'],
  ])('should refuse %s as %s', (address, name) => {
    expect(addressProblem({ address })).toBe(`${address.replace(/[[\]]/g, '')} is ${name}`)
    expect(isPublicAddress({ address })).toBe(false)
  })

  it.each([
    '8.8.8.8',
    '93.184.215.14',
    '172.15.255.254',
    '172.32.0.1',
    '100.63.255.254',
    '100.128.0.1',
    '169.253.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
  ])('should allow the public address %s', (address) => {
    expect(addressProblem({ address })).toBeNull()
    expect(isPublicAddress({ address })).toBe(true)
  })

  it.each(['example.org', '', '1.2.3.4.5', '::g'])('should refuse %j as no address', (address) => {
    expect(addressProblem({ address })).toBe(`${address} is not an IP address`)
    expect(isPublicAddress({ address })).toBe(false)
  })
})

describe('webhookUrlProblem', () => {
  it.each([
    'https://hooks.example.org/newsroom',
    'https://hooks.example.org:8443/newsroom?source=cms',
    'https://8.8.8.8/hook',
    'https://[2606:4700:4700::1111]/hook',
    'https://[::ffff:8.8.8.8]/hook',
    'https://localhost.example.org/hook',
    'https://mylocalhost/hook',
  ])('should accept %s', (url) => {
    expect(webhookUrlProblem({ url, allowPrivate: false })).toBeNull()
  })

  it.each([
    ['http://hooks.example.org/', /^only https:\/\/ URLs are allowed, not http:\/\/$/],
    ['ftp://hooks.example.org/', /not ftp:/],
    ['not a url', /^not a URL/],
    ['/relative/path', /^not a URL/],
    ['https://user:secret@hooks.example.org/', /must not hold a user name or password/],
    ['https://hooks.example.org/#part', /must not have a fragment/],
    ['https://hooks.example.org/#', /must not have a fragment/],
    ['https://127.0.0.1/', /^127\.0\.0\.1 is a loopback address$/],
    ['https://127.0.0.1./', /^127\.0\.0\.1 is a loopback address$/],
    ['https://10.1.2.3/', /^10\.1\.2\.3 is a private address$/],
    ['https://172.16.5.4/', /is a private address/],
    ['https://192.168.0.10:8443/', /is a private address/],
    ['https://169.254.169.254/latest/meta-data/', /is a link-local address/],
    ['https://100.64.1.1/', /carrier-grade NAT/],
    ['https://0.0.0.0/', /^0\.0\.0\.0 is an unspecified address$/],
    ['https://0/', /^0\.0\.0\.0 is an unspecified address$/],
    ['https://[::]/', /^:: is an unspecified address$/],
    ['https://[::1]:3000/', /^::1 is a loopback address$/],
    ['https://[fe80::1]/', /is a link-local address/],
    ['https://[fc00::1]/', /unique-local/],
    [
      'https://[::ffff:127.0.0.1]/',
      /^::ffff:7f00:1 is a loopback address \(127\.0\.0\.1 inside\)$/,
    ],
    ['https://[::ffff:7f00:1]/', /\(127\.0\.0\.1 inside\)/],
    // WHATWG URL reads these hosts as 127.0.0.1, as HTTP clients do.
    ['https://2130706433/', /^127\.0\.0\.1 is a loopback address$/],
    ['https://0x7f.1/', /^127\.0\.0\.1 is a loopback address$/],
    ['https://0x7f000001/', /^127\.0\.0\.1 is a loopback address$/],
    ['https://017700000001/', /^127\.0\.0\.1 is a loopback address$/],
    ['https://0177.0.0.1/', /^127\.0\.0\.1 is a loopback address$/],
    ['https://127.1/', /^127\.0\.0\.1 is a loopback address$/],
    ['https://localhost/', /^localhost is this machine/],
    ['https://LOCALHOST:3000/', /^localhost is this machine/],
    ['https://localhost./', /^localhost\. is this machine/],
    ['https://api.localhost/', /^api\.localhost is this machine/],
  ])('should refuse %s', (url, problem) => {
    expect(webhookUrlProblem({ url, allowPrivate: false })).toMatch(problem)
  })

  it.each([
    'http://127.0.0.1:4000/hook',
    'https://localhost:4000/hook',
    'http://10.0.0.5/hook',
    'http://[::1]:4000/hook',
  ])('should accept %s when private addresses are allowed', (url) => {
    expect(webhookUrlProblem({ url, allowPrivate: true })).toBeNull()
  })

  it.each([
    ['ftp://127.0.0.1/', /^only https:\/\/ and http:\/\/ URLs are allowed, not ftp:\/\/$/],
    ['http://user:pw@127.0.0.1/', /user name or password/],
    ['http://127.0.0.1/#x', /fragment/],
  ])('should still refuse %s when private addresses are allowed', (url, problem) => {
    expect(webhookUrlProblem({ url, allowPrivate: true })).toMatch(problem)
  })

  it('should not repeat a password in its message', () => {
    const problem = webhookUrlProblem({
      url: 'https://user:hunter2@hooks.example.org/',
      allowPrivate: false,
    })
    expect(problem).not.toContain('hunter2')
  })
})

describe('nextAttemptDelayMs', () => {
  it.each([
    [1, 5_000],
    [2, 30_000],
    [3, 120_000],
    [4, 600_000],
    [5, 1_800_000],
    [6, 3_600_000],
    [7, 7_200_000],
    [8, 14_400_000],
    [9, 28_800_000],
    [10, 28_800_000],
  ])('should wait the schedule after attempt %i with a middle draw (%i ms)', (attempt, ms) => {
    expect(nextAttemptDelayMs({ attempt, random: 0.5 })).toBe(ms)
  })

  it.each([
    [0, 4_000],
    [0.25, 4_500],
    [0.75, 5_500],
    [0.999_999_9, 6_000],
  ])('should jitter the wait by up to 20 %% (draw %f: %i ms)', (random, ms) => {
    expect(nextAttemptDelayMs({ attempt: 1, random })).toBe(ms)
  })

  it('should spread the default schedule over about a day', () => {
    const totalHours = DEFAULT_RETRY_SECONDS.reduce((sum, seconds) => sum + seconds, 0) / 3600
    expect(totalHours).toBeGreaterThan(20)
    expect(totalHours).toBeLessThan(28)
  })

  it('should give up after the last wait of the schedule', () => {
    expect(nextAttemptDelayMs({ attempt: DEFAULT_RETRY_SECONDS.length + 1, random: 0.5 })).toBe(
      null,
    )
    expect(nextAttemptDelayMs({ attempt: 3, random: 0.5, schedule: [1, 2] })).toBeNull()
    expect(nextAttemptDelayMs({ attempt: 2, random: 0.5, schedule: [1, 2] })).toBe(2_000)
  })

  it.each([0, -1, 1.5, NaN])('should refuse attempt number %d', (attempt) => {
    expect(() => nextAttemptDelayMs({ attempt, random: 0.5 })).toThrow(/attempt/)
  })
})

describe('parseRetrySchedule', () => {
  it.each([
    [undefined, [...DEFAULT_RETRY_SECONDS]],
    ['', [...DEFAULT_RETRY_SECONDS]],
    ['  ', [...DEFAULT_RETRY_SECONDS]],
    ['1,1,2', [1, 1, 2]],
    [' 0.5 , 2 ', [0.5, 2]],
    ['0', [0]],
    ['86400', [86_400]],
  ])('should read %j as %j', (value, schedule) => {
    expect(parseRetrySchedule({ value, name: 'WEBHOOK_RETRY_SECONDS' })).toEqual(schedule)
  })

  it.each([
    ['1,,2', /item 2 \(""\)/],
    ['1,x,2', /item 2 \("x"\)/],
    ['-1', /item 1 \("-1"\)/],
    ['86401', /item 1 \("86401"\)/],
    ['1;2', /item 1 \("1;2"\)/],
    ['Infinity', /item 1/],
    [Array.from({ length: 31 }, () => '1').join(','), /31 retries; at most 30/],
  ])('should refuse %j, naming the variable and the item', (value, problem) => {
    const read = () => parseRetrySchedule({ value, name: 'WEBHOOK_RETRY_SECONDS' })
    expect(read).toThrow(/^WEBHOOK_RETRY_SECONDS "/)
    expect(read).toThrow(problem)
  })
})

describe('responseSnippet', () => {
  it('should keep a short answer whole', () => {
    expect(responseSnippet({ text: '{"ok":true}\n' })).toBe('{"ok":true}\n')
  })

  it('should keep the first 1 KB of a long answer', () => {
    expect(responseSnippet({ text: 'x'.repeat(5000) })).toBe('x'.repeat(RESPONSE_SNIPPET_BYTES))
  })

  it.each([
    ['ééé', 4, 'éé'],
    ['ééé', 5, 'éé'],
    ['aé', 2, 'a'],
    ['a😀b', 4, 'a'],
    ['a😀b', 5, 'a😀'],
  ])('should not cut a character in two (%j in %i bytes is %j)', (text, limit, snippet) => {
    expect(responseSnippet({ text, limit })).toBe(snippet)
  })

  it.each([
    ['bell\u0007 and escape\u001b[31m', 'bell\uFFFD and escape\uFFFD[31m'],
    ['nul\u0000', 'nul\uFFFD'],
    ['lone \ud800 surrogate', 'lone \uFFFD surrogate'],
    ['tab\tand\r\nlines', 'tab\tand\r\nlines'],
  ])('should replace control characters in %j', (text, snippet) => {
    expect(responseSnippet({ text })).toBe(snippet)
  })
})
