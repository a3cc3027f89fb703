const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const OUTLETS = ['NBC News', 'The Intercept', 'Ricochet Media', 'CGTN', 'Iran Interlink', 'Exit']

/**
 * An author page in the scraped format with `count` entries, for tests and benchmarks that
 * need more material than the five seed files.
 */
export const authorPageText = ({
  author,
  count,
  prefix = 'Generated',
}: {
  author: string
  count: number
  prefix?: string
}): string => {
  const lines = [
    `Author: ${author}`,
    '',
    author,
    author,
    '',
    `${author} writes about the news.`,
    '',
    `Twitter: ${author.replace(/\W/g, '')}`,
    '',
  ]
  for (let n = 1; n <= count; n += 1) {
    const day = (n % 28) + 1
    const month = n % 12
    const year = 2015 + (n % 10)
    const title = `${prefix} story number ${n} about the MEK`
    const outlet = OUTLETS[n % OUTLETS.length]
    const credit = n % 3 === 0 ? `Writer ${n}, ${outlet}` : outlet
    lines.push(
      title,
      '',
      `Posted on: ${year}/${String(month + 1).padStart(2, '0')}/${String(day).padStart(2, '0')}`,
      '',
      `${credit}, ${MONTHS[month]} ${String(day).padStart(2, '0')} ${year}:… Body of story ${n}, with enough words to look like an excerpt of a press article. ${title} `,
      '',
    )
  }
  return lines.join('\n')
}
