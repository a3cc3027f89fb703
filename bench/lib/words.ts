/** Deterministic text for benchmark datasets: the same seed always gives the same words. */

/** Common news words; search benchmarks query some of them. */
export const WORDS = (
  'government minister election campaign protest court ruling report journalist editor ' +
  'newspaper interview statement official spokesman parliament senate congress president ' +
  'policy economy inflation market budget deficit trade sanctions treaty border refugee ' +
  'migration security military conflict ceasefire negotiation diplomat embassy ambassador ' +
  'investigation evidence witness testimony trial verdict appeal lawyer judge police arrest ' +
  'prison release rights freedom press speech censorship media broadcast television radio ' +
  'online platform network company industry energy oil gas climate weather storm flood ' +
  'drought harvest health hospital doctor vaccine school university student teacher research ' +
  'science technology data privacy surveillance cyber attack hacker leak document archive ' +
  'history culture festival film music book author poet artist exhibition museum city village ' +
  'region province capital country nation state people community family children women youth ' +
  'workers union strike salary pension housing transport railway airport port shipping ' +
  'agreement dispute crisis reform opposition coalition party leader candidate vote ballot ' +
  'result analysis commentary opinion editorial column letter weekly digest review summary'
).split(' ')

/** A seeded pseudo-random generator (mulberry32) returning numbers in [0, 1). */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

export const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]

/** `count` words, the first capitalised. */
export const sentence = (random: () => number, count: number): string => {
  const words = Array.from({ length: count }, () => pick(random, WORDS))
  return words.join(' ').replace(/^./, (first) => first.toUpperCase())
}

export const paragraphs = (random: () => number, count: number, words: number): string[] =>
  Array.from({ length: count }, () => `${sentence(random, words)}.`)

/** How many authors, sources and digests go with `posts` posts. */
export const datasetShape = (posts: number) => ({
  authors: Math.max(5, Math.round(posts / 50)),
  sources: Math.max(10, Math.round(posts / 100)),
  digests: Math.max(3, Math.round(posts / 1000)),
})
