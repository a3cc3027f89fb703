import { describe, expect, it } from 'vitest'

import { parseAs, readSeed } from './helpers.ts'

const digest = () => parseAs({ source: readSeed({ prefix: '004' }), kind: 'digest-page' })

describe('digest page 004', () => {
  it('should read the title, issue number and closing date', () => {
    expect(digest()).toMatchObject({
      title: 'Iran Interlink Weekly Digest – 260',
      issue: 260,
      date: '2019-08-30',
      provenance: { file: readSeed({ prefix: '004' }).fileName, line: 3 },
    })
  })

  it('should split the breadcrumb and keep the tag line', () => {
    expect([digest().breadcrumb, digest().tags]).toEqual([
      ['Home', 'Iran Interlink Weekly Digest', 'Iran Interlink Weekly Digest – 260'],
      ['weekly digest'],
    ])
  })

  it('should find the 8 items in order with their lines', () => {
    expect(
      digest().items.map((item) => [item.index, item.provenance.line, item.text.slice(0, 24)]),
    ).toEqual([
      [1, 7, 'In Albania, a source ins'],
      [2, 9, 'Last week the MEK launch'],
      [3, 13, 'Costantino Ceoldo, Pravd'],
      [4, 15, 'Ebrahim Khodabandeh’s bl'],
      [5, 17, 'A lengthy analysis by Jo'],
      [6, 19, 'A Washington Post piece '],
      [7, 21, 'Iranian media reported P'],
      [8, 23, 'A socialist perspective '],
    ])
  })

  it('should put the "In English" heading on exactly the last 6 items', () => {
    expect(digest().items.map((item) => item.heading)).toEqual([
      undefined,
      undefined,
      ...Array(6).fill('In English'),
    ])
  })

  it.each([
    ['You may also like'],
    ['Leave a Comment'],
    ['August 30, 2019'],
    ['In English:'],
    ['weekly digest'],
  ])('should keep %j out of every item', (text) => {
    expect(digest().items.filter((item) => item.text.includes(text))).toEqual([])
  })

  it('should end the last item at its own sentence', () => {
    expect(digest().items[7].text.endsWith('war and destruction and bloodshed.')).toBe(true)
  })

  it('should record the site boilerplate as skipped, not warned', () => {
    expect([digest().skipped.map((s) => [s.line, s.text, s.reason]), digest().warnings]).toEqual([
      [
        [26, 'You may also like', 'site boilerplate'],
        [28, 'Leave a Comment', 'site boilerplate'],
      ],
      [],
    ])
  })

  it('should render the items as rich text with the heading before the third item', () => {
    expect(digest().richText.root.children.map((node) => node.type)).toEqual([
      'paragraph',
      'paragraph',
      'heading',
      ...Array(6).fill('paragraph'),
    ])
  })

  it('should give each item a distinct content hash', () => {
    expect(new Set(digest().items.map((item) => item.contentHash)).size).toBe(8)
  })
})
